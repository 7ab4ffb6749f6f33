"""Share-card images (``og:image``): each answer's, and the site's for every other
page (``columns.sharecards`` names them).

Like the pages that name them, they are pure functions of published content,
cached and baked: an answer's card with the answer's pages, so it is drawn again
whenever the answer changes.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from columns.listings import SITE_NAME
from columns.models import Answer
from columns.pagecache import public_page
from columns.sharecards import SITE_TAGLINE
from columns.shareimages import draw_card


def _png(body: bytes) -> HttpResponse:
    return HttpResponse(body, content_type="image/png")


@public_page
def answer_card(request: HttpRequest, column_slug: str, slug: str) -> HttpResponse:
    """The card of a public answer (404 otherwise: a withdrawn answer's card goes
    with its page)."""
    public = Answer.objects.published().select_related("column")
    answer = get_object_or_404(
        public.only("title", "column__name"), column__slug=column_slug, slug=slug
    )
    return answer_card_response(answer)


def answer_card_response(answer: Answer) -> HttpResponse:
    """The card image of ``answer``: its title, its column's name and the site's
    name, nothing of its letters. The bake calls it for many answers loaded at
    once."""
    return _png(draw_card(answer.title, kicker=answer.column.name, site=SITE_NAME))


@public_page
def site_card(request: HttpRequest) -> HttpResponse:
    """The card of every page but an answer's: the site's name and what it is."""
    return _png(draw_card(SITE_TAGLINE, kicker="", site=SITE_NAME))
