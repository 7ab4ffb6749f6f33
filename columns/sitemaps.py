"""The sitemap: an index (``/sitemap.xml``) of sections for columns, topics, the
pages about the site and each month's answers (``/sitemap-answers-2026-11.xml``).

A section per month keeps every section small and lets a publication rewrite only
its own month's section when the site is baked. Answers with an NSFW content
warning are left out: their pages are marked ``noindex`` (the notice in front of
them is not for search engines to skip). Every query here is one indexed lookup or
one pass, never a query per item.
"""

import re
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from columns.archivepages import month_span, months_with_answers
from columns.listings import last_modified_at
from columns.models import Answer, Column, SitePage, Topic

_MONTH_SECTION = re.compile(r"answers-([0-9]{4})-([0-9]{2})")


def latest_publication() -> datetime | None:
    """When the newest public answer was published: the lastmod of the column and
    topic sections (an indexed lookup, where the exact maxima would need a scan)."""
    return Answer.objects.published().aggregate(at=Max("publish_at"))["at"]


class AnswerSitemap(Sitemap):
    """A month's public answers."""

    # A month never holds this many answers; one page per section, no ``?p=``.
    limit = 50_000

    def __init__(self, year: int, month: int) -> None:
        self.span = month_span(year, month)

    def items(self) -> QuerySet[Answer]:
        start, end = self.span
        return (
            Answer.objects.published()
            .filter(publish_at__gte=start, publish_at__lt=end)
            .exclude(content_warnings__is_nsfw=True)
            .select_related("column")
            .only("slug", "updated_at", "last_published_at", "column__slug")
            .order_by("publish_at", "pk")
        )

    def lastmod(self, item: Answer) -> datetime:
        return last_modified_at(item)


class ColumnSitemap(Sitemap):
    def items(self) -> QuerySet[Column]:
        newest = Answer.objects.published().filter(column=OuterRef("pk"))
        return Column.objects.annotate(
            lastmod=Subquery(newest.order_by("-publish_at").values("publish_at")[:1])
        ).order_by("position", "name")

    def location(self, item: Column) -> str:
        return reverse("columns:column_detail", args=[item.slug])

    def lastmod(self, item: Column) -> datetime | None:
        return item.lastmod


class TopicSitemap(Sitemap):
    def items(self) -> list[Topic]:
        """Topics of public answers, each dated by its newest public answer."""
        # An inner join (answers without topics are left out), grouped by topic.
        newest = dict(
            Answer.objects.published()
            .filter(topic_items__isnull=False)
            .values_list("topic_items__tag")
            .annotate(Max("publish_at"))
            .order_by()
        )
        topics = list(Topic.objects.filter(pk__in=list(newest)).order_by("name"))
        for topic in topics:
            topic.lastmod = newest[topic.pk]
        return topics

    def location(self, item: Topic) -> str:
        return reverse("columns:topic_detail", args=[item.slug])

    def lastmod(self, item: Topic) -> datetime:
        return item.lastmod


class SitePageSitemap(Sitemap):
    """The pages about the site (About, Privacy, ...)."""

    def items(self) -> QuerySet[SitePage]:
        return SitePage.objects.order_by("slug")

    def lastmod(self, item: SitePage) -> datetime:
        return item.updated_at


FIXED_SECTIONS = {
    "columns": ColumnSitemap,
    "topics": TopicSitemap,
    "pages": SitePageSitemap,
}


def month_section(year: int, month: int) -> str:
    return f"answers-{year:04d}-{month:02d}"


def section_names(now: datetime) -> list[str]:
    """Every section of the index, in order."""
    months = [month_section(*month) for month in months_with_answers(now)]
    return [*FIXED_SECTIONS, *months]


def index(request: HttpRequest) -> HttpResponse:
    """The sitemap index: one entry per section. No section carries a date here,
    so the index changes only when a month gets its first answer."""
    items = [
        sitemap_views.SitemapIndexItem(
            request.build_absolute_uri(reverse("columns:sitemap_section", args=[name])),
            None,
        )
        for name in section_names(timezone.now())
    ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
    )


def section(request: HttpRequest, section: str) -> HttpResponse:
    """One section of the sitemap; 404 for a month without public answers."""
    if section in FIXED_SECTIONS:
        sitemap = FIXED_SECTIONS[section]()
    elif match := _MONTH_SECTION.fullmatch(section):
        year, month = int(match[1]), int(match[2])
        if not (1 <= month <= 12 and 1000 <= year <= 9000):
            raise Http404("No such sitemap section.")
        sitemap = AnswerSitemap(year, month)
        start, end = sitemap.span
        public = Answer.objects.published().filter(publish_at__gte=start)
        if not public.filter(publish_at__lt=end).exists():
            raise Http404("No answers were published that month.")
    else:
        raise Http404("No such sitemap section.")
    return sitemap_views.sitemap(request, {section: sitemap}, section=section)
