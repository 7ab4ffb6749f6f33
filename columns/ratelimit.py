"""Per-client rate limits that never store who the client is.

A client is known only by a keyed hash of its address and today's date: the key
changes every day, lives only in the cache and expires with its window, so nothing
links a letter, or yesterday's counter, to an address.

(django-ratelimit was considered; its system checks reject the local-memory cache
we use by default and do not recognise Django's own Redis backend.)
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
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
    key = f"{client_key(request, scope)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        hits = 1
    return hits > limit
