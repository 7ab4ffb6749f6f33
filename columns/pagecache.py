"""Caching of public pages, and their answers to conditional GETs.

A public page is a pure function of its path and of published content, so the
rendered response is cached under a key made of the path and the cache generation
(``columns.caching``: bumped by changes that touch every page, such as renaming a
column). A change to an answer removes only the keys of the pages that show it
(``forget``, called with the pages that the bake rewrites) when the cache is
shared (Redis); requests with a query string (search), and every page kept in each
process's own memory, carry a count of all public changes in their keys instead
(``caching.note_public_change``). The bake's own requests are rendered afresh and
not stored.

No cron job publishes scheduled answers, so pages must not outlive the moment the
next one goes public: every page's lifetime is capped by the time left until the
next scheduled ``publish_at``. Both come from one query per request, so a cached
page costs one indexed query and a cache read.

Every public response carries an ETag (and the view's Last-Modified, if any);
a conditional GET that matches gets 304 Not Modified.
"""

import hashlib
import math
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.conf import settings
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
from columns.checks import PER_PROCESS_BACKENDS

# How long a rendered page is kept at most.
PAGE_TTL = 600
# Set in the WSGI environ of the bake's requests (``columns.baking``).
BAKING = "advice.baking"
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
        key = _key_of(request, state)
        fresh = request.META.get(BAKING)
        entry = None if fresh else cache.get(key)
        if entry is None:
            ttl = page_ttl(state, now)
            with caching.rendering_under(state.generation):
                response = view(request, *args, **kwargs)
                if callable(getattr(response, "render", None)):
                    response.render()
            if response.status_code == 200 and not response.cookies:
                set_response_etag(response)
                patch_cache_control(
                    response, public=True, max_age=min(BROWSER_MAX_AGE, ttl)
                )
                if not fresh:
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


def _key_of(request: HttpRequest, state: caching.PageState) -> str:
    """The cache key of the page ``request`` asks for.

    A page without a query string is known by its path, and a change deletes the
    keys of the paths it alters (``forget``). That can reach only a cache every
    process shares: with pages kept in each process's memory, and for pages with a
    query string, the key carries the count of public changes instead, so that any
    change makes them stale in every process at once.
    """
    query = request.META.get("QUERY_STRING")
    shared = settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_BACKENDS
    if query or not shared:
        return _key(f"{state.generation}.{state.changes}", request.get_full_path())
    return _key(state.generation, request.path)


def forget(paths: Iterable[str]) -> None:
    """Drop the cached pages at ``paths`` (after a change that alters them)."""
    generation = caching.current().generation
    cache.delete_many([_key(generation, path) for path in paths])


def _key(generation: int | str, path: str) -> str:
    digest = hashlib.sha256(path.encode()).hexdigest()
    return f"public-pages:{generation}:{digest}"


def _freeze(response: HttpResponse) -> tuple[bytes, list[tuple[str, str]]]:
    return response.content, list(response.headers.items())


def _thaw(entry: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    return response
