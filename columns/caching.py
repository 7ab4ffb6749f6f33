"""The public-page cache generation.

Public pages are cached under keys that include a generation number. A change to
one answer drops only the pages that show it (``pagecache.forget``); a change that
shows on every page (a column or topic renamed, a byline edited) bumps the
generation instead, so every cached page is stale at once without listing keys to
delete. The number lives in the database and is bumped in the same transaction as
the change: it is the same for every web process, whatever cache keeps the pages
(even one per process), and a change cannot commit without it, even while the
cache is unreachable.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import F
from django.utils import timezone

from columns.dbtime import datetime_from_db
from columns.models import Answer, PageGeneration


@dataclass(frozen=True)
class PageState:
    generation: int
    # Counts every change the public sees (see ``note_public_change``).
    changes: int
    # When the next scheduled answer goes public: no page may outlive it.
    next_publication_at: datetime | None


# Raw SQL: this runs on every public request, and the ORM's compiling of it costs
# thirty times the query itself (2.3 ms against 0.07 ms measured on SQLite).
CURRENT_SQL = (
    "SELECT number, changes, (SELECT MIN(publish_at) FROM columns_answer"
    " WHERE state = %s AND publish_at > %s)"
    " FROM columns_pagegeneration WHERE id = 1"
)


# The generation of the page being rendered in this thread (``rendering_under``).
_rendering_generation: ContextVar[int | None] = ContextVar(
    "rendering_generation", default=None
)


def current(now: datetime | None = None) -> PageState:
    """The generation and the next scheduled publication, in one indexed query
    (made for every public request, cached page or not)."""
    parameters = [
        Answer.State.PUBLISHED,
        connection.ops.adapt_datetimefield_value(now or timezone.now()),
    ]
    with connection.cursor() as cursor:
        cursor.execute(CURRENT_SQL, parameters)
        row = cursor.fetchone()
        if row is None:  # a database emptied since it was migrated
            PageGeneration.objects.get_or_create(pk=1)
            cursor.execute(CURRENT_SQL, parameters)
            row = cursor.fetchone()
    number, changes, next_at = row
    return PageState(number, changes, datetime_from_db(next_at, connection))


@contextmanager
def rendering_under(generation: int) -> Iterator[None]:
    """Mark the page rendered inside as belonging to ``generation``."""
    token = _rendering_generation.set(generation)
    try:
        yield
    finally:
        _rendering_generation.reset(token)


def rendering_generation() -> int:
    """The generation of the page being rendered (read now outside a page)."""
    number = _rendering_generation.get()
    return current().generation if number is None else number


def invalidate_public_pages() -> None:
    """Make every cached public page stale when the current transaction commits."""
    if not PageGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        PageGeneration.objects.get_or_create(pk=1, defaults={"number": 2})


def note_public_change() -> None:
    """Count a change to what the public sees, in its transaction: cached pages
    with a query string (search results) are stale from its commit on."""
    if not PageGeneration.objects.filter(pk=1).update(changes=F("changes") + 1):
        PageGeneration.objects.get_or_create(pk=1, defaults={"changes": 2})
