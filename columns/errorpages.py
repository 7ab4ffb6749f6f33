"""The site's own 404 and 500 pages in development.

With DEBUG on, Django answers a missing page with a list of every route and an
error with a traceback page; neither is what the site looks like, and the route
list overflows a phone. With ``SITE_ERROR_PAGES`` on (the default in development;
production never shows Django's pages) this middleware answers as production
does, while the traceback still goes to the console log.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    MiddlewareNotUsed,
    PermissionDenied,
    SuspiciousOperation,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.views import defaults

logger = logging.getLogger("django.request")


class SiteErrorPagesMiddleware:
    def __init__(self, get_response) -> None:
        if not (settings.DEBUG and settings.SITE_ERROR_PAGES):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No route matched: the resolver's 404 never reaches process_exception.
        if response.status_code == 404 and request.resolver_match is None:
            return defaults.page_not_found(request, Http404())
        return response

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return defaults.bad_request(request, exception)
        # Django answers these with the site's 403 page in development too.
        if isinstance(exception, PermissionDenied) or (
            settings.DEBUG_PROPAGATE_EXCEPTIONS
        ):
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return defaults.server_error(request)
