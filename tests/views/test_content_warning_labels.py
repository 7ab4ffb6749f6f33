"""An answer's content-warning labels go with it onto every list that can show it,
and an answer behind a content notice is listed with its summary."""

from dataclasses import dataclass
from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from columns import intake, pageparts
from columns.models import Answer, ContentWarning
from tests.factories import (
    make_column,
    make_content_warning,
    make_published_answer,
    make_question,
)
from tests.htmlcheck import nu_errors

CODE = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"
# The label as the one template piece draws it.
LABEL = '<span class="label nsfw" title="Frank sexual detail.">Explicit</span>'
SUMMARY = "How to bring it up, and what to do if the answer is no."


@dataclass
class Site:
    nsfw: Answer
    older: Answer
    newer: Answer
    elsewhere: Answer


@pytest.fixture
def site(db) -> Site:
    """An NSFW answer between two answers of its column, and an answer of another
    column on the same topic (whose related answers list it)."""
    sheets = make_column(name="Between the Sheets", slug="sheets")
    now = timezone.now()

    def answer(title: str, days: int, **fields) -> Answer:
        return make_published_answer(
            title=title, topics=("lubricant",), summary=f"{title}, about lubricant.",
            publish_at=now - timedelta(days=days), **fields,
        )  # fmt: skip

    older = answer("Lubricant basics", 3, column=sheets)
    letter = make_question(
        column=sheets,
        public_text="A very explicit letter.",
        receipt_digest=intake.receipt_digest(CODE),
    )
    warning = make_content_warning(
        label="Explicit", description="Frank sexual detail.", is_nsfw=True
    )
    nsfw = make_published_answer(
        questions=[letter], title="Frankly about lubricant", summary=SUMMARY,
        topics=("lubricant",), warnings=(warning,), body="The explicit body.",
        publish_at=now - timedelta(days=2),
    )  # fmt: skip
    newer = answer("More on lubricant", 1, column=sheets)
    elsewhere = answer("Lubricant and condoms", 4, column=make_column(slug="health"))
    return Site(*(Answer.objects.get(pk=a.pk) for a in (nsfw, older, newer, elsewhere)))


def html_of(client, url: str) -> str:
    return page(client.get(url))


def posted(client, url: str, data: dict, **headers) -> str:
    return page(client.post(url, data, **headers))


def page(response) -> str:
    assert response.status_code == 200, response.request["PATH_INFO"]
    return response.content.decode()


def suggestions(client) -> str:
    """The list of answers the ask page suggests while a letter is written."""
    return posted(
        client,
        reverse("columns:suggestions", args=["sheets"]),
        {"text": "Frankly, what about lubricant?"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def item(html: str, url: str, end: str) -> str:
    """The markup of the list item linking to ``url``: from the link to ``end``."""
    start = html.index(f'href="{url}"')
    return html[start : html.index(end, start)]


def list_pages(site: Site) -> dict[str, str]:
    published = timezone.localtime(site.nsfw.publish_at)
    return {
        "home": reverse("columns:home"),
        "column": reverse("columns:column_detail", args=["sheets"]),
        "topic": reverse("columns:topic_detail", args=["lubricant"]),
        "month": reverse(
            "columns:archive_month", args=[f"{published:%Y}", f"{published:%m}"]
        ),
        "search": reverse("columns:search") + "?q=frankly",
    }


def test_every_list_labels_the_nsfw_answer_and_shows_its_summary(client, site):
    url = site.nsfw.get_absolute_url()
    for name, address in list_pages(site).items():
        shown = item(html_of(client, address), url, "</article>")
        assert LABEL in shown, name
        assert SUMMARY in shown, name
        assert "explicit letter" not in shown and "explicit body" not in shown, name
        assert "Opens behind a content notice" not in shown, name


def test_previous_and_next_links_carry_the_label(client, site):
    url = site.nsfw.get_absolute_url()
    after = html_of(client, site.newer.get_absolute_url())
    assert 'rel="prev" href="' + url in after
    assert LABEL in item(after, url, "</a>")
    before = html_of(client, site.older.get_absolute_url())
    assert 'rel="next" href="' + url in before
    assert LABEL in item(before, url, "</a>")


def test_related_answers_carry_the_label(client, site):
    html = html_of(client, site.elsewhere.get_absolute_url())
    related = html[html.index('class="related"') :]
    assert LABEL in item(related, site.nsfw.get_absolute_url(), "</li>")


def test_labelled_links_cost_no_query_once_the_names_are_known(client, site):
    url = site.newer.get_absolute_url()
    client.get(url)  # this process reads the names once
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = html_of(client, url)
    # The cache generation, and the answer with its column and stored links.
    assert len(queries) == 2, [query["sql"] for query in queries]
    assert LABEL in html


def test_the_ask_pages_suggestions_carry_the_label(client, site):
    html = suggestions(client)
    assert LABEL in item(html, site.nsfw.get_absolute_url(), "</li>")


def test_the_suggestions_label_four_answers_in_the_queries_of_one(client, site):
    suggestions(client)  # this process reads the names once
    with CaptureQueriesContext(connection) as one:
        assert suggestions(client).count(LABEL) == 1
    warning = ContentWarning.objects.get(label="Explicit")
    for answer in (site.older, site.newer, site.elsewhere):
        answer.content_warnings.add(warning)
    pageparts.store([site.older.pk, site.newer.pk, site.elsewhere.pk])
    with CaptureQueriesContext(connection) as four:
        assert suggestions(client).count(LABEL) == 4
    assert len(four) == len(one)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("columns:feed", []),
        ("columns:feed_atom", []),
        ("columns:column_feed", ["sheets"]),
        ("columns:topic_feed_atom", ["lubricant"]),
    ],
)
def test_feeds_give_each_warning_a_category(client, site, name, args):
    feed = feedparser.parse(client.get(reverse(name, args=args)).content)
    entries = {entry.title: entry for entry in feed.entries}
    terms = {tag.term for tag in entries[site.nsfw.title].tags}
    assert terms == {"lubricant", "Content warning: Explicit"}
    assert {tag.term for tag in entries[site.newer.title].tags} == {"lubricant"}


def test_the_status_page_labels_the_answer(client, site):
    html = posted(client, reverse("columns:letter_status"), {"code": CODE})
    assert "Answered" in html
    shown = item(html, site.nsfw.get_absolute_url(), "</p>")
    assert LABEL in shown


def test_a_renamed_warning_shows_on_every_list_at_once(client, site):
    for address in list_pages(site).values():
        html_of(client, address)  # cached with the old label
    warning = ContentWarning.objects.get(label="Explicit")
    warning.label = "Very explicit"
    warning.save()
    pages = {
        **list_pages(site),
        "previous": site.newer.get_absolute_url(),
        "related": site.elsewhere.get_absolute_url(),
    }
    for name, address in pages.items():
        html = html_of(client, address)
        assert ">Very explicit</span>" in html, name
        assert ">Explicit</span>" not in html, name


def test_an_nsfw_answer_without_a_summary_is_listed_without_text(client, site):
    Answer.objects.filter(pk=site.nsfw.pk).update(summary="")
    shown = item(
        html_of(client, reverse("columns:home")), site.nsfw.get_absolute_url(),
        "</article>",
    )  # fmt: skip
    assert LABEL in shown
    assert 'class="excerpt' not in shown
    assert "explicit letter" not in shown


def test_pages_with_labelled_links_are_valid_html(client, site):
    status = reverse("columns:letter_status")
    pages = {
        "answer page with labelled neighbours": html_of(
            client, site.newer.get_absolute_url()
        ),
        "answer page with labelled related answers": html_of(
            client, site.elsewhere.get_absolute_url()
        ),
        "status page": posted(client, status, {"code": CODE}),
        "home": html_of(client, reverse("columns:home")),
    }
    assert nu_errors(pages) == {}
