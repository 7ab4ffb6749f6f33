"""Template helpers of the public archive: formatting only, no queries.

What a page shows beyond its objects (an answer's previous and next answers, its
related answers) comes from the view's context (``listings.answer_page_context``).
"""

from datetime import datetime

from django import template

from columns import listings
from columns.models import Answer
from columns.sharecards import absolute
from columns.video import InvalidVideo, VideoEmbed, parse_video

register = template.Library()

register.filter("updated_at", listings.updated_at)
register.filter("full_text_url", listings.full_text_url)
# From SITE_URL: a cached or baked page must not carry the host of whoever asked.
register.simple_tag(absolute, name="absolute_url")


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
