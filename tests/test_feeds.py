"""RSS 2.0 and Atom feeds of the site, each column and each topic."""

from datetime import timedelta
from html.parser import HTMLParser

import feedparser
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from columns.models import Answer, Topic
from tests.factories import (
    make_column,
    make_content_warning,
    make_published_answer,
    make_question,
    make_user,
)

FEEDS = [
    ("columns:feed", []),
    ("columns:feed_atom", []),
    ("columns:column_feed", ["sheets"]),
    ("columns:column_feed_atom", ["sheets"]),
    ("columns:topic_feed", ["consent"]),
    ("columns:topic_feed_atom", ["consent"]),
]


@pytest.fixture
def answer(db):
    column = make_column(name="Between the Sheets", slug="sheets")
    first = timezone.now() - timedelta(days=3)
    letter = make_question(
        column=column, public_text="How do I say no & mean it?", original_text="Raw."
    )
    answer = make_published_answer(
        column=column, questions=[letter], title="Saying no <kindly>",
        summary="Short & clear.", topics=("consent", "communication"),
        warnings=(make_content_warning(label="Coercion"),), publish_at=first,
        authors=(
            make_user(public_name="Sam Okoro"), make_user(public_name="Priya Halloran")
        ),
    )  # fmt: skip
    Answer.objects.filter(pk=answer.pk).update(
        updated_at=first, last_published_at=first + timedelta(days=1)
    )
    answer.refresh_from_db()
    return answer


def parse(client, name: str, args: list[str]):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize(("name", "args"), FEEDS)
def test_feeds_parse_cleanly_with_authors_categories_dates_and_ids(
    client, answer, name, args
):
    feed = parse(client, name, args)
    assert feed.bozo == 0, feed.get("bozo_exception")
    (entry,) = feed.entries
    assert entry.title == "Saying no <kindly>"
    assert entry.link == f"http://testserver{answer.get_absolute_url()}"
    assert entry.author == "Sam Okoro, Priya Halloran"
    assert {tag.term for tag in entry.tags} == {
        "consent",
        "communication",
        "Content warning: Coercion",
    }
    assert entry.published_parsed[:3] == answer.first_published_at.timetuple()[:3]
    if name.endswith("_atom"):  # RSS 2.0 has no element for it
        assert entry.updated_parsed[:3] == answer.last_published_at.timetuple()[:3]
    assert (
        entry.id
        == f"tag:127.0.0.1,{answer.first_published_at:%Y-%m-%d}:answer/{answer.pk}"
    )
    assert "Coercion" in entry.summary
    assert "How do I say no &amp; mean it?" in entry.summary or (
        "How do I say no & mean it?" in entry.summary
    )
    assert "Raw." not in entry.summary


def test_an_entry_keeps_its_id_when_the_answer_is_retitled(client, answer):
    before = parse(client, "columns:feed_atom", []).entries[0].id
    answer.title, answer.slug = "A new title", "a-new-title"
    answer.save()
    cache.clear()
    after = parse(client, "columns:feed_atom", []).entries[0]
    assert after.title == "A new title"
    assert after.id == before


def test_feeds_list_the_newest_answers_first_and_only_their_own(client, answer):
    newer = make_published_answer(column=answer.column, title="Newer")
    make_published_answer(title="Elsewhere")
    column = parse(client, "columns:column_feed", ["sheets"])
    assert [entry.title for entry in column.entries] == ["Newer", answer.title]
    topic = parse(client, "columns:topic_feed", ["consent"])
    assert [entry.title for entry in topic.entries] == [answer.title]
    site = parse(client, "columns:feed", [])
    assert len(site.entries) == 3
    assert site.entries[0].title in {newer.title, "Elsewhere"}


def test_feeds_name_their_column_or_topic(client, answer):
    assert (
        "Between the Sheets"
        in parse(client, "columns:column_feed", ["sheets"]).feed.title
    )
    assert "consent" in parse(client, "columns:topic_feed_atom", ["consent"]).feed.title


@pytest.mark.parametrize(
    "url", ["/columns/unknown/feed/", "/topics/unknown/feed/atom/"]
)
def test_feeds_of_unknown_columns_and_topics_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_pages_advertise_their_feeds(client, answer):
    home = client.get(reverse("columns:home")).content.decode()
    assert 'type="application/rss+xml"' in home and 'href="/feed/"' in home
    column = client.get(reverse("columns:column_detail", args=["sheets"]))
    assert 'href="/columns/sheets/feed/atom/"' in column.content.decode()


def test_feeds_keep_nsfw_answers_behind_their_notice(client, db):
    letter = make_question(public_text="A very explicit letter.")
    make_published_answer(
        questions=[letter], title="Explicit", summary="Explicit summary.",
        warnings=(make_content_warning(label="Sexual content", is_nsfw=True),),
    )  # fmt: skip
    (entry,) = parse(client, "columns:feed", []).entries
    assert "Sexual content" in entry.summary
    assert "explicit letter" not in entry.summary
    assert "Explicit summary." not in entry.summary


SUMMARY = "<img src=x onerror=alert(2)>"
LETTER = "<script>alert(1)</script> Is <b>this</b> normal & fine?"
TAGLINE = "<img src=x onerror=alert(3)> Sex & the city"
TOPIC_ABOUT = "<img src=y onerror=alert(4)> Consent & you"
ABOUT = {
    "columns:feed": "New answers to readers' letters, in every column.",
    "columns:column_feed": TAGLINE,
    "columns:topic_feed": TOPIC_ABOUT,
}


class _Markup(HTMLParser):
    """The tags and the text of an HTML fragment, as a feed reader would see them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text += data


@pytest.fixture
def hostile_answers(db):
    column = make_column(slug="sheets", tagline=TAGLINE)
    letter = make_question(column=column, public_text=LETTER)
    make_published_answer(
        column=column, questions=[letter], title="Plain", summary=SUMMARY,
        topics=("consent",), warnings=(make_content_warning(label="<b>Abuse</b>"),),
    )  # fmt: skip
    make_published_answer(
        column=column, title="Gated", topics=("consent",),
        warnings=(make_content_warning(label="<img src=z> & sex", is_nsfw=True),),
    )  # fmt: skip
    Topic.objects.filter(slug="consent").update(description=TOPIC_ABOUT)


@pytest.mark.parametrize(("name", "args"), FEEDS)
def test_feeds_show_plain_text_fields_as_text_never_as_markup(
    client, hostile_answers, name, args
):
    about = ABOUT[name.removesuffix("_atom")]
    feed = parse(client, name, args)
    assert feed.bozo == 0, feed.get("bozo_exception")
    if name.endswith("_atom"):  # Atom's <subtitle> is plain text
        assert feed.feed.subtitle_detail.type == "text/plain"
        assert feed.feed.subtitle == about
    else:  # readers render RSS's channel <description> as HTML
        subtitle = _Markup(feed.feed.subtitle)
        assert (subtitle.tags, subtitle.text) == (set(), about)
    entries = {entry.title: _Markup(entry.summary) for entry in feed.entries}
    assert entries["Plain"].tags <= {"p"}
    assert "Content warnings: <b>Abuse</b>." in entries["Plain"].text
    assert SUMMARY in entries["Plain"].text
    assert LETTER in entries["Plain"].text
    assert entries["Gated"].tags <= {"p"}
    assert "Content warnings: <img src=z> & sex." in entries["Gated"].text


@pytest.mark.parametrize(("name", "args"), FEEDS)
def test_feeds_keep_titles_bylines_and_topics_as_they_were_typed(
    client, db, name, args
):
    # These are plain text in both formats: escaping them twice would show "&amp;".
    title = 'Tom & Jerry\'s "no" <kindly>'
    make_published_answer(
        column=make_column(slug="sheets"), title=title,
        topics=("consent", "sex & shame"),
        authors=(make_user(public_name="Sam O'Koro & Co"),),
    )  # fmt: skip
    (entry,) = parse(client, name, args).entries
    assert entry.title == title
    assert entry.author == "Sam O'Koro & Co"
    assert {tag.term for tag in entry.tags} == {"consent", "sex & shame"}
