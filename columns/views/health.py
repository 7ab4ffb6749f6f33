"""The health endpoint for load balancers and monitors."""

from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from columns import health


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Each part's state as JSON: ``ok`` or ``degraded`` (the site still serves,
    e.g. pages uncached or mail delayed). 503 only when this process cannot serve
    at all (its database is unreachable). Cheap enough to call every second."""
    serving, parts = health.report()
    response = JsonResponse(parts, status=200 if serving else 503)
    add_never_cache_headers(response)
    return response
