"""Public pages under pressure: a constant number of queries however much is
published, and bad input answered with a 4xx, never a 500."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from columns import archivepages
from columns.models import Answer, Column
from tests.factories import (
    make_column,
    make_content_warning,
    make_published_answer,
    make_question,
    make_user,
)

QUERY_CEILING = 10


def publish_answers(column: Column, count: int, start: int = 0) -> list[Answer]:
    """``count`` answers in one column, topic and month, each with two letters,
    two authors and a content warning."""
    warning = make_content_warning()
    authors = [make_user(), make_user()]
    now = timezone.now()
    answers = []
    for number in range(start, start + count):
        letters = [make_question(column=column) for _ in range(2)]
        answer = make_published_answer(
            column=column, questions=letters, title=f"Desire answer {number}",
            topics=("desire", f"topic {number % 7}"), warnings=(warning,),
            publish_at=now - timedelta(minutes=number + 1), authors=authors,
        )  # fmt: skip
        answers.append(answer)
    return answers


def public_urls(answer: Answer) -> list[str]:
    month = timezone.localtime(answer.publish_at)
    return [
        reverse("columns:home"),
        answer.get_absolute_url(),
        reverse("columns:column_detail", args=["busy"]),
        reverse("columns:topic_detail", args=["desire"]),
        reverse("columns:archive_index"),
        reverse("columns:columns_index"),
        reverse("columns:topics_index"),
        reverse("columns:archive_year", args=[f"{month:%Y}"]),
        reverse("columns:archive_month", args=[f"{month:%Y}", f"{month:%m}"]),
        reverse("columns:search") + "?q=desire",
        reverse("columns:search") + "?q=desire&column=busy&topic=desire",
        reverse("columns:feed"),
        reverse("columns:feed_atom"),
        reverse("columns:column_feed", args=["busy"]),
        reverse("columns:topic_feed_atom", args=["desire"]),
        reverse("columns:sitemap"),
        reverse("columns:sitemap_section", args=[f"answers-{month:%Y-%m}"]),
        reverse("columns:sitemap_section", args=["columns"]),
        reverse("columns:sitemap_section", args=["topics"]),
        reverse("columns:robots_txt"),
    ]


def count_queries(client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)  # the process's copy of names is read once (pageparts)
        cache.clear()  # measure the uncached page
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_every_public_page_uses_the_same_few_queries_for_5_or_100_answers(client, db):
    column = make_column(slug="busy")
    middle = publish_answers(column, 5)[2]
    with_five = count_queries(client, public_urls(middle))
    publish_answers(column, 95, start=5)
    with_hundred = count_queries(client, public_urls(middle))
    assert with_hundred == with_five
    assert max(with_five.values()) <= QUERY_CEILING, with_five
    # A closed page deep in the list costs what the open end costs.
    for answers in archivepages.every_list(timezone.now()):
        answers.close_pages(timezone.now())
    open_end = reverse("columns:column_detail", args=["busy"])
    deep = reverse("columns:column_detail_page", args=["busy", 1])
    counts = count_queries(client, [open_end, deep])
    assert counts[deep] <= counts[open_end] + 1 <= QUERY_CEILING, counts


def test_the_ask_page_suggestions_use_a_few_queries(client, db):
    column = make_column(slug="busy")
    publish_answers(column, 5)
    url = reverse("columns:suggestions", args=["busy"])
    with CaptureQueriesContext(connection) as queries:
        client.post(url, {"text": "desire " * 50})
    assert len(queries) <= QUERY_CEILING


BAD_URLS = [
    "/columns/unknown/",
    "/columns/unknown/unknown/",
    "/columns/busy/unknown-answer/",
    "/columns/busy/unknown-answer/?show=1",
    "/topics/unknown/",
    "/topics/%F0%9F%99%82/",
    "/topics/a%00b/",
    "/topics/%ED%A0%80/",
    "/archive/2026/13/",
    "/archive/2026/00/",
    "/archive/0000/",
    "/archive/0999/",
    "/archive/9999/",
    "/archive/9999/12/",
    "/archive/1999/02/",
    "/archive/2026/1/",
    "/archive/twenty/",
    "/search/?page=abc&q=desire",
    "/search/?page=0&q=desire",
    "/search/?page=400&q=desire",
    "/search/?q=%00",
    "/search/?q=%ED%A0%80",
    "/search/?q=" + "%22" * 3000,
    "/search/?q=" + "a+" * 3000,
    "/search/?q=desire&column=../../etc",
    "/search/?q=desire&topic=%00",
    "/search/?q[]=desire",
    "/search/?q=desire&q=other",
    "/search/?column=busy",
    "/columns/unknown/feed/",
    "/topics/unknown/feed/atom/",
    "/sitemap-unknown.xml",
    "/sitemap-answers.xml",
    "/sitemap-answers-2026-13.xml",
    "/columns/busy/page/0/",
    "/columns/busy/page/01/",
    "/columns/busy/page/9999999/",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_input_gets_a_page_or_a_client_error_never_a_server_error(client, db, url):
    make_published_answer(column=make_column(slug="busy"), topics=("desire",))
    response = client.get(url)
    assert response.status_code in {200, 400, 404}, response.status_code


@pytest.mark.parametrize(
    "url", ["/", "/search/?q=x", "/archive/", "/feed/", "/sitemap.xml"]
)
def test_public_pages_refuse_writes_and_answer_head(client, db, url):
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_suggestions_refuse_get_so_letters_never_travel_in_urls(client, db):
    make_column(slug="busy")
    url = reverse("columns:suggestions", args=["busy"])
    assert client.get(url + "?text=my+secret").status_code == 405
