"""Share cards in a public page's head (``columns.sharecards``), drawn by one
template, ``columns/_share_card.html``:

- ``{% site_share_card %}`` on the home page;
- ``{% share_card "CollectionPage" title description %}`` on any other page, at
  the request's path;
- ``{% answer_share_card answer %}`` on an answer's addresses.
"""

from django import template
from django.template.context import Context

from columns.models import Answer
from columns.sharecards import answer_card, page_card, site_card

register = template.Library()
TEMPLATE = "columns/_share_card.html"


@register.inclusion_tag(TEMPLATE)
def site_share_card() -> dict:
    return {"card": site_card()}


@register.inclusion_tag(TEMPLATE, takes_context=True)
def share_card(
    context: Context, kind: str, title: str, description: str | None = None
) -> dict:
    return {"card": page_card(kind, title, description, context["request"].path)}


@register.inclusion_tag(TEMPLATE)
def answer_share_card(answer: Answer, description: str | None = None) -> dict:
    return {"card": answer_card(answer, description)}
