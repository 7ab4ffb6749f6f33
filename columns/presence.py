"""Who has an answer open in the editor, kept for a short while in the cache that
every web process shares.

The editor page checks in when it loads and then every ``HEARTBEAT_SECONDS`` from
a small script; someone who closes the tab (or loses the connection) drops off
after ``TTL_SECONDS``. One cache entry per answer maps user ids to their byline and
expiry. Two heartbeats at the same instant may overwrite each other's entry; the
next heartbeat puts it back, which is fine for a hint shown to staff.
"""

import time

from django.core.cache import caches

from columns.models import User

HEARTBEAT_SECONDS = 20
TTL_SECONDS = 45


def _key(answer_id: int) -> str:
    return f"editor:presence:{answer_id}"


def _live(answer_id: int, now: float) -> dict[str, list]:
    entries = caches["shared"].get(_key(answer_id)) or {}
    return {uid: entry for uid, entry in entries.items() if entry[1] > now}


def check_in(answer_id: int, user: User) -> list[str]:
    """Record that ``user`` has the answer open; the names of the others who do."""
    now = time.time()
    entries = _live(answer_id, now)
    entries[str(user.pk)] = [user.byline, now + TTL_SECONDS]
    caches["shared"].set(_key(answer_id), entries, timeout=TTL_SECONDS)
    return sorted(name for uid, (name, _) in entries.items() if uid != str(user.pk))


def check_out(answer_id: int, user: User) -> None:
    """``user`` closed the page: stop showing them to the others."""
    entries = _live(answer_id, time.time())
    if entries.pop(str(user.pk), None) is not None:
        caches["shared"].set(_key(answer_id), entries, timeout=TTL_SECONDS)
