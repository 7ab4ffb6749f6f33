"""Which public pages exist, and which of them show a given answer.

``site_paths`` lists every page a full bake writes; ``pages_showing`` the pages an
answer appears on (its own, its neighbours', the lists and feeds holding it), so
that a change to it rewrites those and no others. Neither grows with the archive
but for ``site_paths`` itself: an answer appears on a fixed number of pages.
"""

from collections.abc import Iterator
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from columns import archivepages, links, sitemaps
from columns.listings import card_url, full_text_url, nsfw_warnings, topics_in_use
from columns.models import Answer, Column, SitePage

# Pages that show the latest answers or what the archive holds.
SITE_WIDE = ["/", "/columns/", "/topics/", "/archive/"]


def feeds(url_name: str, *args: str) -> list[str]:
    """The RSS and Atom feeds named ``url_name`` (and ``url_name``_atom)."""
    return [
        reverse(f"columns:{url_name}", args=args),
        reverse(f"columns:{url_name}_atom", args=args),
    ]


def site_paths(now: datetime) -> Iterator[str]:
    """Every public page without a query string but the answers' own (see
    ``public_answer_ids``): with them, what a full bake writes."""
    yield from SITE_WIDE
    yield "/robots.txt"
    yield reverse("columns:site_card")
    yield from feeds("feed")
    yield reverse("columns:sitemap")
    for name in sitemaps.section_names(now):
        yield reverse("columns:sitemap_section", args=[name])
    for page in SitePage.objects.order_by("pk"):
        yield page.get_absolute_url()
    for column in Column.objects.order_by("pk"):
        yield from feeds("column_feed", column.slug)
    for topic in topics_in_use(now):
        yield from feeds("topic_feed", topic.slug)
    for answers in archivepages.every_list(now):
        yield from answers.urls()
    for year in _years(now):
        yield reverse("columns:archive_year", args=[f"{year:04d}"])


def public_answer_ids(now: datetime) -> list[int]:
    """The answers whose pages a full bake writes."""
    return list(
        Answer.objects.published(now).order_by("pk").values_list("pk", flat=True)
    )


def answer_paths(answer: Answer) -> list[str]:
    """The answer's own pages: its address, and its full text's if a content
    notice stands in front of it."""
    own = [answer.get_absolute_url()]
    if nsfw_warnings(answer):
        own.append(full_text_url(answer))
    return own


def pages_showing(answer: Answer, now: datetime) -> set[str]:
    """Every page that shows ``answer`` as it is now (or would, were it public):
    its own pages and card image, the answers that link to it, the lists, feeds
    and sitemap sections that hold it, its year's page, the nearest months on
    either side of its own (which link to its month, or past it once it has no
    answers), and the site-wide pages."""
    answer = (
        Answer.objects.select_related("column")
        .prefetch_related("content_warnings", "topics")
        .get(pk=answer.pk)
    )
    paths = {*SITE_WIDE, *feeds("feed"), reverse("columns:sitemap")}
    paths.update(answer_paths(answer))
    paths.add(card_url(answer))
    # Always both addresses: a content warning added or removed moves the text.
    paths.add(full_text_url(answer))
    linked = {answer.older_id, answer.newer_id, *links.linking_to(answer)}
    linking = (
        Answer.objects.filter(pk__in=linked - {None})
        .select_related("column")
        .prefetch_related("content_warnings")
    )
    for other in linking:
        paths.update(answer_paths(other))
    paths.update(feeds("column_feed", answer.column.slug))
    for topic in answer.topics.all():
        paths.update(feeds("topic_feed", topic.slug))
    for name in ("columns", "topics"):
        paths.add(reverse("columns:sitemap_section", args=[name]))
    for answers in archivepages.lists_holding(answer):
        paths.add(answers.url())
        number = answers.page_holding(answer)
        if number is not None:
            paths.add(answers.url(number))
    if answer.publish_at is not None:
        local = timezone.localtime(answer.publish_at)
        paths.add(reverse("columns:archive_year", args=[f"{local.year:04d}"]))
        for month in archivepages.months_around(local.year, local.month, now):
            if month is not None:
                paths.add(archivepages.month_list(month.year, month.month).url())
        section = sitemaps.month_section(local.year, local.month)
        paths.add(reverse("columns:sitemap_section", args=[section]))
    return paths


def _years(now: datetime) -> list[int]:
    return sorted({year for year, _ in archivepages.months_with_answers(now)})
