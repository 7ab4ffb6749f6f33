"""Caching of public pages, and their answers to conditional GETs.

A public page is a pure function of its URL and of published content, so the
rendered response is cached under a key made of the cache generation
(``columns.caching``: publishing, editing or withdrawing an answer bumps it, in the
database) and the absolute URL. No cron job publishes scheduled answers, so pages
must not outlive the moment the next one goes public: every page's lifetime is
capped by the time left until the next scheduled ``publish_at``. Both come from one
query per request, so a cached page costs one indexed query and a cache read.

Every public response carries an ETag (and the view's Last-Modified, if any);
a conditional GET that matches gets 304 Not Modified.
"""

import hashlib
import math
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

from columns import caching

# How long a rendered page is kept at most; publishing empties the cache anyway.
PAGE_TTL = 600
# How long browsers and shared caches may keep a page without asking again: short,
# because they don't hear about publications.
BROWSER_MAX_AGE = 60


def page_ttl(state: caching.PageState, now: datetime) -> int:
    """Seconds a page rendered now may be served from the cache."""
    upcoming = state.next_publication_at
    if upcoming is None:
        return PAGE_TTL
    return min(PAGE_TTL, max(1, math.ceil((upcoming - now).total_seconds())))


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view`` from the public-page cache, with ETag and 304 support.

    Public pages are read-only: other methods than GET and HEAD get 405. Only 200
    responses without cookies are stored; anything else (a 404, a 410, a response
    that would set a cookie) goes out as it is, uncached.
    """

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        # Read before rendering: a page rendered from content older than the
        # generation it is stored under can't happen, and its lifetime ends on time
        # even if a publication falls due while it renders.
        now = timezone.now()
        state = caching.current(now)
        url = request.build_absolute_uri()
        digest = hashlib.sha256(url.encode()).hexdigest()
        key = f"public-pages:{state.generation}:{digest}"
        entry = cache.get(key)
        if entry is None:
            ttl = page_ttl(state, now)
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response.render()
            if response.status_code == 200 and not response.cookies:
                set_response_etag(response)
                patch_cache_control(
                    response, public=True, max_age=min(BROWSER_MAX_AGE, ttl)
                )
                cache.set(key, _freeze(response), timeout=ttl)
        else:
            response = _thaw(entry)
        if response.status_code != 200:
            return response
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=last_modified,
            response=response,
        )

    return cached_view


def _freeze(response: HttpResponse) -> tuple[bytes, list[tuple[str, str]]]:
    return response.content, list(response.headers.items())


def _thaw(entry: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    return response
