"""The public-page cache generation.

Public pages are cached under keys that include a generation number; publishing,
updating or withdrawing an answer bumps it, so every cached page is stale at once
(in every web process when the cache is Redis) without listing keys to delete.
"""

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "public-pages:generation"


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate_public_pages() -> None:
    """Make every cached public page stale, once the current transaction commits."""
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, 2, timeout=None)
