"""What every public list of answers shows, loaded in a constant number of queries.

A listed answer shows its title, the first letter's public excerpt, its column,
date, topics and content-warning labels: ``listed()`` fetches all of that in one
query however many answers the list holds (what comes from other tables is kept on
the answer's row, ``columns.pageparts``). An answer's page adds its column's
previous and next answers and related answers (``answer_page_context``).

Paging never counts a list: a page reads one row more than it shows to know
whether another follows (``first_rows``), by page number for search and by cursor
for the desk's queue (``keyset_page``); the archive's lists are paged by their
closed pages (``columns.archivepages``).
"""

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from columns import safety
from columns.models import (
    Answer,
    AnswerLetter,
    ContentWarning,
    TaggedAnswer,
    Topic,
    User,
)

SITE_NAME = "Advice desk"
POPULAR_WINDOW = 500
# Reading an answer through the publication index is about this many times cheaper
# than fetching one by id (measured on SQLite: answer rows are long).
WALK_ADVANTAGE = 14
# Edits within this time of publication (typo fixes) don't make an answer
# "updated".
UPDATE_GRACE = timedelta(hours=1)


def listed(queryset: QuerySet[Answer]) -> QuerySet[Answer]:
    """``queryset`` with what a list item shows (its column; its letters' excerpt,
    topics and labels are in ``Answer.parts``), without the long texts a list
    never shows."""
    return queryset.select_related("column").defer("body", "body_html")


def printed_letters() -> QuerySet[AnswerLetter]:
    """An answer's letters with their text, in print order (for a Prefetch)."""
    return AnswerLetter.objects.select_related("question").order_by("position")


def for_answer_page(queryset: QuerySet[Answer]) -> QuerySet[Answer]:
    """``queryset`` with what an answer's page shows: its column (its letters,
    authors, warnings and topics are in ``Answer.parts``, its links on its row)."""
    return queryset.select_related("column")


def authors_in_order() -> Prefetch:
    """An answer's authors, in one order on every database (a baked page must read
    the same however often it is rendered)."""
    return Prefetch("authors", queryset=User.objects.order_by("pk"))


def public_answers(now: datetime | None = None) -> QuerySet[Answer]:
    """Published answers whose time has come, ready to be listed, newest first."""
    return listed(Answer.objects.published(now)).order_by("-publish_at", "-id")


def topic_answers(
    topic: Topic, rows_needed: int, now: datetime | None = None
) -> QuerySet[Answer]:
    """Public answers with ``topic``, newest first, by the cheaper of two plans for
    a page that needs the first ``rows_needed`` rows.

    Fetching the topic's ``n`` answers through the tag index and sorting them costs
    about ``n`` row reads; walking the newest answers and checking each one's tags
    stops after about ``rows_needed * N / n`` of them (``N`` answers in all). The
    database cannot tell the two apart without knowing how common the topic is (a
    Zipf-like topic may tag half the archive), so this asks: it counts the topic's
    answers only up to the point where the walk is known to win.
    """
    tagged = TaggedAnswer.objects.filter(tag=topic)
    # The span of ids stands in for the number of answers (two index look-ups, where
    # counting would read them all).
    # Two look-ups: SQLite answers MIN and MAX from the index only one at a time.
    ids = Answer.objects.values_list("pk", flat=True)
    first, last = ids.order_by("pk").first(), ids.order_by("-pk").first()
    everything = last - first + 1 if last else 0
    walk_wins_from = math.isqrt(rows_needed * everything // WALK_ADVANTAGE) + 1
    if tagged[:walk_wins_from].count() >= walk_wins_from:
        has_topic = tagged.filter(content_object=OuterRef("pk"))
        return public_answers(now).filter(Exists(has_topic))
    return public_answers(now).filter(topic_items__tag=topic)


def excerpt(text: str, length: int) -> str:
    """``text`` on one line, cut to ``length`` characters with an ellipsis."""
    return Truncator(" ".join(text.split())).chars(length, truncate="…")


def nsfw_warnings(answer: Answer) -> list[ContentWarning]:
    """The warnings that put the answer behind a click-through notice."""
    return answer.parts.nsfw_warnings


def full_text_url(answer: Answer) -> str:
    """Where an answer behind a content notice is read in full (its own address
    shows the notice)."""
    return reverse(
        "columns:answer_read",
        kwargs={"column_slug": answer.column.slug, "slug": answer.slug},
    )


def card_url(answer: Answer) -> str:
    """The answer's share-card image (``og:image``)."""
    return reverse(
        "columns:answer_card",
        kwargs={"column_slug": answer.column.slug, "slug": answer.slug},
    )


def last_modified_at(answer: Answer) -> datetime:
    """When the answer last changed: edited, or published again (its page's
    Last-Modified and its sitemap lastmod)."""
    return max(answer.updated_at, answer.last_published_at or answer.updated_at)


def updated_at(answer: Answer) -> datetime | None:
    """When the answer was updated (or published again) after it was first
    published, if it was; small fixes are not updates."""
    if answer.first_published_at is None or answer.last_published_at is None:
        return None
    latest = answer.last_published_at
    return latest if latest > answer.first_published_at + UPDATE_GRACE else None


MAX_PAGE = 500
_PAGE_NUMBER = re.compile(r"[0-9]{1,4}")


class PageNumbers:
    """Previous/next page numbers for a page that knows its ``number`` and
    ``has_next`` (the templates' pagination reads these)."""

    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(text: str | None) -> int:
    """The page a ``?page=`` parameter asks for; 404 for anything but 1..MAX_PAGE."""
    if text is None:
        return 1
    if not _PAGE_NUMBER.fullmatch(text) or not 1 <= int(text) <= MAX_PAGE:
        raise Http404("No such page.")
    return int(text)


def first_rows(queryset: QuerySet, size: int) -> tuple[list, bool]:
    """The first ``size`` rows of ``queryset``, and whether more follow (read as
    one row more, never as a count)."""
    rows = list(queryset[: size + 1])
    return rows[:size], len(rows) > size


@dataclass(frozen=True)
class KeysetPage:
    """One page of a keyset walk over ids: its rows and the cursors around it."""

    rows: list
    next_after: int | None
    previous_before: int | None


def keyset_page(
    branches: list[QuerySet],
    rows: QuerySet,
    *,
    key: str = "pk",
    lead: tuple[str, ...] = (),
    by: str | None = None,
    newest_first: bool,
    size: int,
    after: int | None = None,
    before: int | None = None,
) -> KeysetPage:
    """The ``size`` rows after (or before) a cursor id, in display order.

    Each branch (one per status asked for) walks its own (status, id) index from
    the cursor and yields at most ``size + 1`` ids; the outer query keeps the first
    ``size + 1`` of them and loads those ``rows``. One query, whatever the page
    number: "status IN (...) ORDER BY id" would make the database sort every
    waiting letter instead. ``key`` is the column the branches are ordered by: the
    row's id, or an equal one that an index of the branch's filter already holds
    in order. ``lead`` names columns that each branch holds constant (its status)
    and its index starts with: ordering by them too changes nothing but tells
    PostgreSQL that the index gives the order, where it would otherwise walk the
    primary key hoping to meet the status soon. The branches are combined with
    ``union_of_slices``.

    ``by`` names a field that orders the rows before their id (a letter's arrival
    time, which many letters share): the cursor is still an id, and the rows past
    it are those past its (``by``, id) pair, the cursor row's value read in a
    subquery of the same query.
    """
    forward = before is None
    descending = newest_first == forward
    cursor = after if forward else before
    walks = []
    for branch in branches:
        if cursor is not None:
            branch = branch.filter(_past(branch.model, cursor, by, descending))
        fields = (*lead, by, key) if by else (*lead, key)
        order = [f"-{field}" if descending else field for field in fields]
        walks.append(branch.order_by(*order).values("pk")[: size + 1])
    picked = rows.filter(pk__in=union_of_slices(walks))
    order = [by, "pk"] if by else ["pk"]
    found, more = first_rows(
        picked.order_by(*(f"-{field}" if descending else field for field in order)),
        size,
    )
    if not forward:
        found.reverse()
    has_next = more if forward else True
    has_previous = after is not None if forward else more
    return KeysetPage(
        rows=found,
        next_after=found[-1].pk if found and has_next else None,
        previous_before=found[0].pk if found and has_previous else None,
    )


def _past(model, cursor: int, by: str | None, descending: bool) -> Q:
    """The rows after the ``cursor`` id in the walk's order: by id alone, or by
    (``by``, id) with the cursor row's ``by`` read in a subquery."""
    beyond = "lt" if descending else "gt"
    if by is None:
        return Q(**{f"pk__{beyond}": cursor})
    value = Subquery(model._default_manager.filter(pk=cursor).values(by)[:1])
    return Q(**{f"{by}__{beyond}": value}) | Q(**{by: value, f"pk__{beyond}": cursor})


def popular_topics(now: datetime, limit: int = 12) -> QuerySet[Topic]:
    """The topics most used by the latest published answers (a bounded window, so
    the cost does not grow with the archive)."""
    recent = Answer.objects.published(now).order_by("-publish_at", "-id")
    window = recent.values("pk")[:POPULAR_WINDOW]
    return (
        Topic.objects.filter(answer_items__content_object__in=window)
        .annotate(uses=Count("answer_items"))
        .order_by("-uses", "name")[:limit]
    )


def topics_in_use(now: datetime) -> QuerySet[Topic]:
    """Topics that at least one public answer carries, by name."""
    public = Answer.objects.published(now).filter(topic_items__tag=OuterRef("pk"))
    return Topic.objects.filter(Exists(public)).order_by("name")


def topics_with_counts(now: datetime) -> QuerySet[Topic]:
    """``topics_in_use`` with ``answer_count``, the number of public answers each
    carries. One query."""
    public = Answer.objects.published(now).values("pk")
    return (
        Topic.objects.annotate(
            answer_count=Count(
                "answer_items", filter=Q(answer_items__content_object__in=public)
            )
        )
        .filter(answer_count__gt=0)
        .order_by("name")
    )


def union_of_slices(slices: list[QuerySet]) -> QuerySet:
    """The primary keys of several sliced ``values("pk")`` querysets, as one UNION
    ALL subquery (for ``pk__in``).

    Both databases read such a union slice by slice; an OR of ``pk IN (...)``
    subqueries makes PostgreSQL filter every row of the table against them. Each
    slice is wrapped in a query of its own: SQLite refuses a LIMIT inside a
    compound member.
    """
    wrapped = [
        part.model.objects.filter(pk__in=part).order_by().values("pk")
        for part in slices
    ]
    return wrapped[0].union(*wrapped[1:], all=True) if len(wrapped) > 1 else slices[0]


def adjacent_answers(answer: Answer, now: datetime) -> tuple[Answer | None, ...]:
    """The previous (older) and next (newer) public answers of the answer's column,
    in one query."""
    if answer.publish_at is None:
        return None, None
    when, pk = answer.publish_at, answer.pk
    column = Answer.objects.published(now).filter(column_id=answer.column_id)
    older = column.filter(Q(publish_at__lt=when) | Q(publish_at=when, pk__lt=pk))
    newer = column.filter(Q(publish_at__gt=when) | Q(publish_at=when, pk__gt=pk))
    found = column.select_related("column").filter(
        pk__in=union_of_slices(
            [
                older.order_by("-publish_at", "-pk").values("pk")[:1],
                newer.order_by("publish_at", "pk").values("pk")[:1],
            ]
        )
    )
    by_side = {(row.publish_at, row.pk) > (when, pk): row for row in found}
    return by_side.get(False), by_side.get(True)


def answer_page_context(answer: Answer, *, preview: bool = False) -> dict:
    """What ``columns/answer_detail.html`` shows of ``answer``: the answer, its
    parts (letters, bylines, labels, topics), the previous and next public answers
    of its column, related answers, and the help resources its content warnings
    call for. The public page reads the parts and links
    stored on the answer's row; the editor's preview works them out, as publishing
    would."""
    # Imported here: columns.links and columns.pageparts build on this module.
    from columns import links, pageparts

    if preview:
        found = links.computed(answer, timezone.now())
        parts = pageparts.computed(answer)
    else:
        found, parts = links.stored(answer), answer.parts
    return {
        "answer": answer,
        "parts": parts,
        "previous": found.older,
        "next": found.newer,
        "related": found.related,
        "help_groups": _help_groups(answer, parts.warnings),
    }


def _help_groups(answer: Answer, warnings: list[ContentWarning]) -> list:
    categories = {warning.help_category for warning in warnings} - {""}
    if not categories:
        return []
    return safety.help_groups(answer.column, categories)
