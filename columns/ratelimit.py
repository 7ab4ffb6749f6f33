"""Per-client rate limits that never store who the client is.

A client is known only by a keyed hash of its address and today's date: the key
changes every day, lives only in the cache and expires with its window, so nothing
links a letter, or yesterday's counter, to an address. The counters live in the
"shared" cache, which every web process shares (see settings.CACHES).

(django-ratelimit was considered; its system checks do not recognise Django's own
Redis backend, and its counters would not fall back when Redis is away.)
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The client's address as the configured header gives it (first hop)."""
    value = request.META.get(settings.ADVICE_CLIENT_ADDRESS_HEADER, "")
    return value.split(",")[0].strip()


def client_key(request: HttpRequest, scope: str) -> str:
    day = timezone.now().date().isoformat()
    message = f"{scope}|{day}|{client_address(request)}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256)
    return f"ratelimit:{scope}:{digest.hexdigest()[:40]}"


def exceeded(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """Count one hit for this client; True once it is over ``limit`` per ``window``
    seconds (fixed windows)."""
    if limit <= 0:
        return False
    bucket = int(time.time() // window)
    return _count(f"{client_key(request, scope)}:{bucket}", timeout=window + 5) > limit


def _count(key: str, *, timeout: int) -> int:
    """One more hit on ``key`` in the shared cache; the hits so far."""
    counters = caches["shared"]
    try:
        return 1 if counters.add(key, 1, timeout=timeout) else counters.incr(key)
    except ValueError:  # evicted between the two calls
        return 1


def now() -> float:
    """The limiter's clock (seconds since the epoch)."""
    return time.time()


def name_key(scope: str, name: str) -> str:
    """A counter key for a name (e.g. a username): a keyed hash, so the cache holds
    no name in clear. Unlike ``client_key`` it does not change with the day, so a
    lockout outlives midnight."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}|{name}".encode(), hashlib.sha256
    )
    return f"ratelimit:{scope}:{digest.hexdigest()[:40]}"


def locked_for(key: str) -> float:
    """Seconds left of ``key``'s lockout, 0 when it is not locked. Counts nothing."""
    until = caches["shared"].get(f"{key}:lock")
    return max(0.0, until - now()) if until else 0.0


def count_failure(key: str, *, limit: int, lockout: int) -> float:
    """Count one failure for ``key`` without checking anything. The ``limit``-th
    failure within ``lockout`` seconds of the first locks ``key`` for ``lockout``
    seconds and starts a fresh count. Seconds left of the lockout (0 when none)."""
    if limit <= 0:
        return 0.0
    if _count(key, timeout=lockout) < limit:
        return 0.0
    counters = caches["shared"]
    # The end is stored (not only the expiry) so the remaining time can be told,
    # and so the lock ends by this module's clock whatever the backend.
    counters.set(f"{key}:lock", now() + lockout, timeout=lockout)
    counters.delete(key)
    return float(lockout)


def forget_failures(key: str) -> None:
    """Start ``key``'s failure count afresh (a lockout under way stays)."""
    caches["shared"].delete(key)
