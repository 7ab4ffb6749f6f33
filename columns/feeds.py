"""RSS 2.0 and Atom feeds of published answers: the whole site, a column, a topic.

Entries carry their authors, topics and content warnings (as categories),
first-published and updated dates, and an id that stays the same when an
answer's title or slug changes (a ``tag:`` URI of the answer's number).

Every field is plain text (``body_html`` stays out of the feeds), but readers
render some fields as HTML: an item's description (RSS ``<description>``, Atom
``<summary type="html">``) and, in practice, an RSS channel's ``<description>``.
Those are HTML-escaped. Titles, bylines and categories are plain text in both
formats (Atom ``type="text"``; the RSS Best Practices Profile allows HTML only in
an item's description), so the XML escaping is all they need: escaping them
again would show readers ``&amp;``.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape, format_html_join

from columns.listings import (
    SITE_NAME,
    public_answers,
    topic_answers,
    updated_at,
)
from columns.models import Answer, Column, Topic

ITEMS = 30


# A feed without items is dated at this moment, not "now": a feed is a pure function
# of published content (its baked file equals the dynamic one, whenever rendered).
EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=UTC)


class StableDateMixin:
    def latest_post_date(self) -> datetime:
        dated = [
            item[key]
            for item in self.items
            for key in ("updateddate", "pubdate")
            if item.get(key)
        ]
        return max(dated) if dated else EMPTY_FEED_DATE


class RssFeed(StableDateMixin, Rss201rev2Feed):
    pass


class AtomFeed(StableDateMixin, Atom1Feed):
    pass


class AnswerFeed(Feed):
    """The latest published answers across columns (RSS 2.0)."""

    feed_type = RssFeed
    author_name = SITE_NAME
    item_guid_is_permalink = False

    def title(self, obj: Column | Topic | None) -> str:
        return f"{SITE_NAME}: latest answers"

    def link(self, obj: Column | Topic | None) -> str:
        return reverse("columns:home")

    def description(self, obj: Column | Topic | None) -> str:
        # Readers render an RSS channel's description as HTML.
        return escape(self.about(obj))

    def about(self, obj: Column | Topic | None) -> str:
        """What the feed lists, in plain text."""
        return "New answers to readers' letters, in every column."

    def items(self, obj: Column | Topic | None) -> QuerySet[Answer]:
        return self.answers(obj)[:ITEMS]

    def answers(self, obj: Column | Topic | None) -> QuerySet[Answer]:
        return public_answers()

    def item_title(self, item: Answer) -> str:
        return item.title

    def item_description(self, item: Answer) -> str:
        """The summary and the letter's start; for answers behind a content notice,
        only the warnings (feeds must not skip the notice)."""
        warnings = ", ".join(str(warning) for warning in item.parts.warnings)
        notice = f"Content warnings: {warnings}." if warnings else ""
        if item.parts.nsfw_warnings:
            parts = [f"{notice} This answer opens behind a content notice."]
        else:
            excerpt = item.parts.excerpt
            letter = f"The letter: “{excerpt}”" if excerpt else ""
            parts = [notice, item.summary, letter]
        # The description is HTML to readers, so each plain-text part is escaped,
        # and is a paragraph of its own: blank lines would collapse into one run.
        return format_html_join("", "<p>{}</p>", ((part,) for part in parts if part))

    def item_author_name(self, item: Answer) -> str:
        return ", ".join(author.byline for author in item.parts.authors) or SITE_NAME

    def item_categories(self, item: Answer) -> list[str]:
        """Its topics, then a category for each content warning (named as such:
        a topic may be called as a warning is)."""
        topics = [topic.name for topic in item.parts.topics]
        warnings = [f"Content warning: {w.label}" for w in item.parts.warnings]
        return topics + warnings

    def item_pubdate(self, item: Answer):
        return item.first_published_at

    def item_updateddate(self, item: Answer):
        return updated_at(item) or item.first_published_at

    def item_guid(self, item: Answer) -> str:
        """A tag: URI (RFC 4151) of the answer's number, stable across edits."""
        authority = urlsplit(settings.SITE_URL).hostname or "localhost"
        minted = item.first_published_at.strftime("%Y-%m-%d")
        return f"tag:{authority},{minted}:answer/{item.pk}"


class AnswerAtomFeed(AnswerFeed):
    """The latest published answers across columns (Atom)."""

    feed_type = AtomFeed

    def subtitle(self, obj: Column | Topic | None) -> str:
        # Atom1Feed writes a plain <subtitle> (type="text"): no HTML escaping.
        return self.about(obj)


class ColumnFeed(AnswerFeed):
    """A column's latest answers (RSS 2.0)."""

    def get_object(self, request: HttpRequest, slug: str) -> Column:
        return get_object_or_404(Column, slug=slug)

    def title(self, obj: Column) -> str:
        return f"{obj.name} · {SITE_NAME}"

    def link(self, obj: Column) -> str:
        return reverse("columns:column_detail", args=[obj.slug])

    def about(self, obj: Column) -> str:
        return obj.tagline or f"New answers in {obj.name}."

    def answers(self, obj: Column) -> QuerySet[Answer]:
        return public_answers().filter(column=obj)


class ColumnAtomFeed(ColumnFeed, AnswerAtomFeed):
    """A column's latest answers (Atom)."""


class TopicFeed(AnswerFeed):
    """A topic's latest answers across columns (RSS 2.0)."""

    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        """The topic; 404 while no public answer carries it, as its page."""
        public = Answer.objects.published().filter(topic_items__tag=OuterRef("pk"))
        return get_object_or_404(Topic.objects.filter(Exists(public)), slug=slug)

    def title(self, obj: Topic) -> str:
        return f"Answers about {obj.name} · {SITE_NAME}"

    def link(self, obj: Topic) -> str:
        return reverse("columns:topic_detail", args=[obj.slug])

    def about(self, obj: Topic) -> str:
        return obj.description or f"New answers about {obj.name}."

    def answers(self, obj: Topic) -> QuerySet[Answer]:
        return topic_answers(obj, rows_needed=ITEMS)


class TopicAtomFeed(TopicFeed, AnswerAtomFeed):
    """A topic's latest answers across columns (Atom)."""
