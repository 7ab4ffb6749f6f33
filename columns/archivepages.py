"""The public lists of answers (a column's, a topic's, a month's) and their pages.

A list shows its newest answers at its own address (the open end) and keeps older
ones on pages numbered from the oldest, each closed for good once the open end
holds two pages' worth (``ArchivePage`` records where each closed page ends). Pages
numbered from the newest would all move whenever an answer is published; these
don't, so publishing rewrites only the open end (and, now and then, the page that
closes), and an edit or a withdrawal only the pages that hold the answer. A
withdrawn answer leaves its page one shorter; an answer dated into the past joins
the page whose span holds its date.

Closing pages is ``close_pages``: the task that follows a publication calls it, and
a full bake calls it for every list first.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from columns.listings import (
    public_answers,
    topic_answers,
    topics_in_use,
    union_of_slices,
)
from columns.models import Answer, ArchivePage, Column, Topic

PER_PAGE = 20
# The open end shows at most this many (two pages' worth is when a page closes).
OPEN_END_MAX = 2 * PER_PAGE - 1
NEWEST_FIRST = ("-publish_at", "-id")
# A year's page shows this many of each month's answers (the month's page, all).
TITLES_PER_MONTH = 10


@dataclass(frozen=True)
class PageOfList:
    """One page of a list: its answers, newest first, and the pages around it.
    ``number`` is None for the open end."""

    items: list
    number: int | None
    older_url: str | None
    newer_url: str | None

    def __iter__(self) -> Iterator:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class AnswerList:
    """A public list of answers: what it holds and where its pages live."""

    kind: str
    owner: int
    url_name: str
    url_args: tuple = field(default=())

    # What the list holds --------------------------------------------------------

    def answers(
        self, upto: datetime, since: datetime | None = None
    ) -> QuerySet[Answer]:
        """The list's public answers published from ``since`` (else the list's
        start) up to ``upto`` (no later than now), not yet ordered.

        Each side has one bound on the publication date, so that the database
        seeks that range of its index: given two upper bounds (now and the page's
        end), SQLite walked from the newer one, through every later answer.
        """
        if self.kind == ArchivePage.Kind.MONTH:
            start, end = month_span(*divmod(self.owner, 100))
            upto = min(upto, end - timedelta(microseconds=1))
            since = since or start
        if self.kind == ArchivePage.Kind.TOPIC:
            found = topic_answers(Topic(pk=self.owner), rows_needed=PER_PAGE, now=upto)
        else:
            found = public_answers(upto)
        if self.kind == ArchivePage.Kind.COLUMN:
            found = found.filter(column_id=self.owner)
        return found.filter(publish_at__gte=since) if since else found

    def closed_pages(self) -> QuerySet[ArchivePage]:
        return ArchivePage.objects.filter(kind=self.kind, owner=self.owner)

    # Addresses --------------------------------------------------------------------

    def url(self, number: int | None = None) -> str:
        if number is None:
            return reverse(f"columns:{self.url_name}", args=self.url_args)
        return reverse(f"columns:{self.url_name}_page", args=[*self.url_args, number])

    def urls(self) -> list[str]:
        """Every page of the list, the open end first."""
        numbers = self.closed_pages().values_list("number", flat=True)
        return [self.url(), *(self.url(number) for number in numbers)]

    # Reading ------------------------------------------------------------------------

    def page(self, number: int | None, now: datetime) -> PageOfList:
        """The open end (``number`` None) or closed page ``number``; 404 for a page
        that is not closed. One query finds the pages around it."""
        if number is None:
            last = self.closed_pages().order_by("-number").first()
            answers = self._after(last, now)
            items = list(answers.order_by(*NEWEST_FIRST)[:OPEN_END_MAX])
            older = self.url(last.number) if last else None
            return PageOfList(items, None, older_url=older, newer_url=None)
        around = {
            page.number: page
            for page in self.closed_pages().filter(
                number__in=[number - 1, number, number + 1]
            )
        }
        if number not in around:
            raise Http404("No such page.")
        page, previous = around[number], around.get(number - 1)
        answers = self._after(previous, page.ends_at).filter(
            Q(publish_at__lt=page.ends_at)
            | Q(publish_at=page.ends_at, pk__lte=page.ends_id)
        )
        items = list(answers.order_by(*NEWEST_FIRST))
        older = self.url(number - 1) if number > 1 else None
        newer = self.url(number + 1 if number + 1 in around else None)
        return PageOfList(items, number, older_url=older, newer_url=newer)

    def page_holding(self, answer: Answer) -> int | None:
        """The number of the closed page whose span holds ``answer``'s place in the
        list; None for the open end."""
        if answer.publish_at is None:
            return None
        holding = self.closed_pages().filter(
            Q(ends_at__gt=answer.publish_at)
            | Q(ends_at=answer.publish_at, ends_id__gte=answer.pk)
        )
        return holding.order_by("number").values_list("number", flat=True).first()

    def _after(self, page: ArchivePage | None, upto: datetime) -> QuerySet[Answer]:
        """The list's answers after the end of closed ``page`` (all if None) up to
        ``upto``."""
        if page is None:
            return self.answers(upto)
        return self.answers(upto, since=page.ends_at).filter(
            Q(publish_at__gt=page.ends_at)
            | Q(publish_at=page.ends_at, pk__gt=page.ends_id)
        )

    # Closing pages --------------------------------------------------------------------

    def close_pages(self, now: datetime) -> list[int]:
        """Close pages while the open end holds two pages' worth; the numbers of the
        pages closed."""
        last = self.closed_pages().order_by("-number").first()
        answers = self._after(last, now)
        keys = list(answers.order_by(*NEWEST_FIRST).values_list("publish_at", "pk"))
        keys.reverse()
        to_close = len(keys) // PER_PAGE - 1
        first = last.number + 1 if last else 1
        pages = [
            ArchivePage(
                kind=self.kind,
                owner=self.owner,
                number=first + index,
                ends_at=keys[(index + 1) * PER_PAGE - 1][0],
                ends_id=keys[(index + 1) * PER_PAGE - 1][1],
            )
            for index in range(max(0, to_close))
        ]
        if not pages:
            return []
        try:
            with transaction.atomic():
                ArchivePage.objects.bulk_create(pages)
        except IntegrityError:  # another worker closed them first
            return []
        return [page.number for page in pages]


def month_span(year: int, month: int) -> tuple[datetime, datetime]:
    """The start and end of a month in the site's time zone."""
    end_year, end_month = divmod(month, 12)
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime(year + end_year, end_month + 1, 1))
    return start, end


def column_list(column: Column) -> AnswerList:
    return AnswerList(
        ArchivePage.Kind.COLUMN, column.pk, "column_detail", (column.slug,)
    )


def topic_list(topic: Topic) -> AnswerList:
    return AnswerList(ArchivePage.Kind.TOPIC, topic.pk, "topic_detail", (topic.slug,))


def month_list(year: int, month: int) -> AnswerList:
    return AnswerList(
        ArchivePage.Kind.MONTH,
        year * 100 + month,
        "archive_month",
        (f"{year:04d}", f"{month:02d}"),
    )


def lists_holding(answer: Answer) -> list[AnswerList]:
    """The lists ``answer`` appears in when public: its column's, its topics' and
    its month's."""
    found = [column_list(answer.column), *map(topic_list, answer.topics.all())]
    if answer.publish_at is not None:
        local = timezone.localtime(answer.publish_at)
        found.append(month_list(local.year, local.month))
    return found


def every_list(now: datetime) -> Iterator[AnswerList]:
    """Every list that has a public answer, for a full bake."""
    for column in Column.objects.order_by("pk"):
        yield column_list(column)
    for topic in topics_in_use(now):
        yield topic_list(topic)
    for year, month in months_with_answers(now):
        yield month_list(year, month)


def months_with_answers(now: datetime) -> list[tuple[int, int]]:
    """The (year, month) pairs that have public answers, oldest first."""
    # One indexed probe per month between the first and the last answer.
    found = []
    published = Answer.objects.published(now)
    first = (
        published.order_by("publish_at").values_list("publish_at", flat=True).first()
    )
    if first is None:
        return found
    last = (
        published.order_by("-publish_at").values_list("publish_at", flat=True).first()
    )
    first, last = timezone.localtime(first), timezone.localtime(last)
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start, end = month_span(year, month)
        if published.filter(publish_at__gte=start, publish_at__lt=end).exists():
            found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


@dataclass(frozen=True)
class MonthOfYear:
    """A month on its year's page: how many public answers it has, and the
    newest of them."""

    month: datetime
    count: int
    answers: list

    @property
    def more(self) -> int:
        return self.count - len(self.answers)

    @property
    def url(self) -> str:
        return month_list(self.month.year, self.month.month).url()


def year_months(year: int, now: datetime) -> list[MonthOfYear]:
    """The months of ``year`` that have public answers, newest first, each with
    its newest ``TITLES_PER_MONTH`` answers: one pass over the year's index range
    counts them (no per-row date function), and one query reads a slice of each
    month's range."""
    spans = [month_span(year, month) for month in range(1, 13)]
    published = Answer.objects.published(now)
    counts = published.filter(
        publish_at__gte=spans[0][0], publish_at__lt=spans[-1][1]
    ).aggregate(
        **{
            f"month_{number}": Count(
                "pk", filter=Q(publish_at__gte=start, publish_at__lt=end)
            )
            for number, (start, end) in enumerate(spans, 1)
        }
    )
    busy = {
        number: span
        for number, span in enumerate(spans, 1)
        if counts[f"month_{number}"]
    }
    if not busy:
        return []
    newest = [
        published.filter(publish_at__gte=start, publish_at__lt=end)
        .order_by(*NEWEST_FIRST)
        .values("pk")[:TITLES_PER_MONTH]
        for start, end in busy.values()
    ]
    shown = defaultdict(list)
    for answer in (
        Answer.objects.filter(pk__in=union_of_slices(newest))
        .select_related("column")
        .only("title", "slug", "publish_at", "column__slug", "column__name")
        .order_by(*NEWEST_FIRST)
    ):
        shown[timezone.localtime(answer.publish_at).month].append(answer)
    return [
        MonthOfYear(start, counts[f"month_{number}"], shown[number])
        for number, (start, _) in reversed(busy.items())
    ]


def months_around(
    year: int, month: int, now: datetime
) -> tuple[datetime | None, datetime | None]:
    """The first days of the nearest months before and after ``year``-``month``
    that have public answers (None on a side without one), an index probe each."""
    start, end = month_span(year, month)
    times = Answer.objects.published(now).values_list("publish_at", flat=True)
    before = times.filter(publish_at__lt=start).order_by("-publish_at").first()
    after = times.filter(publish_at__gte=end).order_by("publish_at").first()
    return _month_of(before), _month_of(after)


def _month_of(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return month_span(local.year, local.month)[0]
