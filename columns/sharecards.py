"""Share cards: what a public page shows when a link to it is shared (OpenGraph
and Twitter card tags) and what it tells search engines (schema.org JSON-LD).

Each public page type describes itself with one ``ShareCard`` (``page_card``,
``site_card``, ``answer_card``), rendered by ``columns/_share_card.html``. Its
URLs are absolute from ``SITE_URL``, never from the request's host: a page is
cached and baked by its path alone, so it reads the same whoever asked first.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString

from columns import listings
from columns.addresses import address
from columns.models import Answer
from columns.shareimages import HEIGHT, WIDTH

SITE_DESCRIPTION = (
    "Frank, kind answers to readers' questions about sex, relationships and health."
)
SITE_TAGLINE = "Frank, kind answers to the questions you can't ask anyone else"
# Like Django's json_script: "</script>" or "<!--" inside a string can't end the
# element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(path: str) -> str:
    """``path`` on the site at ``SITE_URL``."""
    return settings.SITE_URL.rstrip("/") + path


def json_ld(data: dict) -> SafeString:
    """``data`` in a JSON-LD script element: data the browser never runs (so the
    Content-Security-Policy, which allows no inline script, lets it be)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        SafeString(text.translate(_JSON_ESCAPES)),
    )


@dataclass(frozen=True)
class ShareCard:
    """A page as a link preview and as structured data (``data``, JSON-LD)."""

    title: str
    description: str
    path: str
    image_path: str
    image_alt: str
    og_type: str = "website"
    data: dict = field(default_factory=dict)
    image_width: int = WIDTH
    image_height: int = HEIGHT

    @property
    def url(self) -> str:
        return absolute(self.path)

    @property
    def image_url(self) -> str:
        return absolute(self.image_path)

    @property
    def site_name(self) -> str:
        return listings.SITE_NAME

    def json_ld(self) -> SafeString:
        return json_ld(self.data)


def _site() -> dict:
    return {"@type": "WebSite", "name": listings.SITE_NAME, "url": absolute("/")}


def _site_image() -> tuple[str, str]:
    return address("columns:site_card"), f"{listings.SITE_NAME}: {SITE_TAGLINE}"


def site_card() -> ShareCard:
    """The home page: the site, and how to search it."""
    image, alt = _site_image()
    search = absolute(address("columns:search"))
    data = {
        "@context": "https://schema.org",
        **_site(),
        "description": SITE_DESCRIPTION,
        "image": absolute(image),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return ShareCard(listings.SITE_NAME, SITE_DESCRIPTION, "/", image, alt, data=data)


def page_card(kind: str, title: str, description: str | None, path: str) -> ShareCard:
    """A page of the site of schema.org type ``kind`` (a ``CollectionPage`` of
    answers, a ``SearchResultsPage``), shared with the site's card image."""
    image, alt = _site_image()
    description = description or SITE_DESCRIPTION
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": title,
        "description": description,
        "url": absolute(path),
        "image": absolute(image),
        "isPartOf": _site(),
    }
    return ShareCard(title, description, path, image, alt, data=data)


def answer_card(answer: Answer, description: str | None = None) -> ShareCard:
    """An answer (loaded with ``listings.for_answer_page``), with its own image.

    An ``Article``, not a ``QAPage``: schema.org's QAPage is a question that
    anyone may answer, its answers voted on and one accepted (a forum thread);
    here a columnist writes the one answer, edited and published like an
    article, and a roundup prints several letters under it.
    """
    url = absolute(answer.get_absolute_url())
    image = listings.card_url(answer)
    parts = answer.parts
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": answer.title,
        "description": answer.summary,
        "url": url,
        "mainEntityOfPage": url,
        "image": absolute(image),
        "datePublished": answer.first_published_at or answer.publish_at,
        "dateModified": listings.updated_at(answer) or answer.publish_at,
        "author": [
            {"@type": "Person", "name": author.byline} for author in parts.authors
        ],
        "publisher": {"@type": "Organization", "name": listings.SITE_NAME},
        "articleSection": answer.column.name,
        "keywords": [topic.name for topic in parts.topics],
        "isAccessibleForFree": True,
        "isPartOf": _site(),
    }
    return ShareCard(
        title=answer.title,
        description=description or answer.summary or answer.title,
        path=answer.get_absolute_url(),
        image_path=image,
        image_alt=f"{answer.title} ({answer.column.name}, {listings.SITE_NAME})",
        og_type="article",
        data=data,
    )
