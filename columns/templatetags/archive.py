"""Template helpers of the public archive: formatting only, no queries.

What a page shows beyond its objects (an answer's previous and next answers, its
related answers) comes from the view's context (``listings.answer_page_context``).
"""

import json
from datetime import datetime

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString

from columns import listings
from columns.models import Answer
from columns.pageparts import Parts
from columns.video import InvalidVideo, VideoEmbed, parse_video

register = template.Library()

# Like Django's json_script: "</script>" or "<!--" inside a string can't end the
# element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


register.filter("updated_at", listings.updated_at)
register.filter("full_text_url", listings.full_text_url)


@register.filter
def iso(moment: datetime | None) -> str:
    """A machine-readable time for ``<time datetime>`` and metadata (whole
    seconds: HTML allows three decimals at most)."""
    return moment.replace(microsecond=0).isoformat() if moment else ""


@register.simple_tag
def video_episode(answer: Answer) -> VideoEmbed | None:
    if not answer.video_url:
        return None
    try:
        return parse_video(answer.video_url, answer.video_start_seconds)
    except InvalidVideo:
        return None


@register.simple_tag(takes_context=True)
def absolute_url(context: Context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def article_json_ld(context: Context, answer: Answer, parts: Parts) -> SafeString:
    """The answer as schema.org Article structured data, in a script element that
    the browser never executes (so CSP allows it)."""
    url = absolute_url(context, answer.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": answer.title,
        "description": answer.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": answer.first_published_at or answer.publish_at,
        "dateModified": listings.updated_at(answer) or answer.publish_at,
        "author": [
            {"@type": "Person", "name": author.byline} for author in parts.authors
        ],
        "publisher": {"@type": "Organization", "name": listings.SITE_NAME},
        "articleSection": answer.column.name,
        "keywords": [topic.name for topic in parts.topics],
        "isAccessibleForFree": True,
    }
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        SafeString(text.translate(_JSON_ESCAPES)),
    )
