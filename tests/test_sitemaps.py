"""The sitemap index and its sections: answers, columns and topics with lastmod."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from columns.models import Answer
from tests.factories import (
    make_answer,
    make_column,
    make_content_warning,
    make_published_answer,
)


def locations(client, url: str) -> dict[str, str | None]:
    """Each <loc> of a sitemap with its <lastmod> (or None)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    entries = re.findall(r"<(?:url|sitemap)>(.*?)</(?:url|sitemap)>", xml, re.S)
    found = {}
    for entry in entries:
        lastmod = re.search(r"<lastmod>(.*?)</lastmod>", entry)
        found[re.search(r"<loc>(.*?)</loc>", entry).group(1)] = (
            lastmod.group(1) if lastmod else None
        )
    return found


@pytest.fixture
def archive(db):
    now = timezone.now()
    column = make_column(slug="sheets")
    make_column(slug="empty")
    answer = make_published_answer(
        column=column, topics=("consent",), publish_at=now - timedelta(days=2)
    )
    make_answer(column=column, title="Draft").topics.add("secret")
    make_published_answer(
        column=column, title="Explicit",
        warnings=(make_content_warning(is_nsfw=True),),
    )  # fmt: skip
    return answer


def month_of(answer) -> str:
    return timezone.localtime(answer.publish_at).strftime("answers-%Y-%m")


def test_the_sitemap_is_an_index_of_columns_topics_pages_and_each_month(
    client, archive
):
    sections = locations(client, reverse("columns:sitemap"))
    months = {
        timezone.localtime(at).strftime("answers-%Y-%m")
        for at in Answer.objects.published().values_list("publish_at", flat=True)
    }
    assert set(sections) == {
        f"http://testserver/sitemap-{name}.xml"
        for name in ("columns", "topics", "pages", *sorted(months))
    }
    # Undated, so the index changes only when a month gets its first answer.
    assert set(sections.values()) == {None}


@pytest.mark.parametrize(
    "section", ["answers", "answers-2026-13", "answers-0999-01", "anything", "a" * 21]
)
def test_unknown_sections_and_months_without_answers_are_404(client, archive, section):
    url = f"/sitemap-{section}.xml"
    assert client.get(url).status_code == 404


def test_a_months_sitemap_lists_its_public_answers_with_lastmod(client, archive):
    section = month_of(archive)
    answers = locations(client, reverse("columns:sitemap_section", args=[section]))
    url = f"http://testserver{archive.get_absolute_url()}"
    assert url in answers
    explicit = Answer.objects.get(title="Explicit")
    assert f"http://testserver{explicit.get_absolute_url()}" not in answers  # NSFW
    public = Answer.objects.published()
    assert len(answers) == len(
        [a for a in public if month_of(a) == section and a.title != "Explicit"]
    )
    modified = max(archive.updated_at, archive.last_published_at)
    assert answers[url] == modified.strftime("%Y-%m-%d")


def test_the_columns_sitemap_dates_each_column_by_its_latest_answer(client, archive):
    columns = locations(client, reverse("columns:sitemap_section", args=["columns"]))
    latest = Answer.objects.published().filter(column=archive.column).first()
    assert columns["http://testserver/columns/sheets/"] == (
        latest.publish_at.strftime("%Y-%m-%d")
    )
    assert columns["http://testserver/columns/empty/"] is None


def test_the_topics_sitemap_lists_topics_of_public_answers(client, archive):
    topics = locations(client, reverse("columns:sitemap_section", args=["topics"]))
    assert topics == {
        "http://testserver/topics/consent/": archive.publish_at.strftime("%Y-%m-%d")
    }
