"""The public-page cache generation.

Public pages are cached under keys that include a generation number; publishing,
updating or withdrawing an answer bumps it, so every cached page is stale at once
without listing keys to delete. The number lives in the database and is bumped in
the same transaction as the change: it is the same for every web process, whatever
cache keeps the pages (even one per process), and a change cannot commit without
it, even while the cache is unreachable.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Subquery
from django.utils import timezone

from columns.models import Answer, PageGeneration


@dataclass(frozen=True)
class PageState:
    generation: int
    # When the next scheduled answer goes public: no page may outlive it.
    next_publication_at: datetime | None


def current(now: datetime | None = None) -> PageState:
    """The generation and the next scheduled publication, in one indexed query
    (made for every public request, cached page or not)."""
    upcoming = (
        Answer.objects.scheduled(now or timezone.now())
        .order_by("publish_at")
        .values("publish_at")[:1]
    )
    state = PageGeneration.objects.annotate(next_at=Subquery(upcoming)).values_list(
        "number", "next_at"
    )
    row = state.filter(pk=1).first()
    if row is None:  # a database emptied since it was migrated
        PageGeneration.objects.get_or_create(pk=1)
        row = state.get(pk=1)
    return PageState(*row)


def invalidate_public_pages() -> None:
    """Make every cached public page stale when the current transaction commits."""
    if not PageGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        PageGeneration.objects.get_or_create(pk=1, defaults={"number": 2})
