"""Pages about the site itself (About, Privacy, ...), written in the back office.

Public pages like the archive's: no cookies, the URL alone decides what they show,
cached and baked (``columns.baking.sitepages`` rebakes one when it is edited).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from columns.models import SitePage
from columns.pagecache import public_page


@public_page
def site_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A page about the site, at its one address (``/about/`` and ``/privacy/``
    have their own; ``/pages/about/`` is not another address for About)."""
    page = get_object_or_404(SitePage, slug=slug)
    if request.path != page.get_absolute_url():
        raise Http404("No such page.")
    return render(request, "columns/site_page.html", {"page": page})
