"""The sitemap: an index (``/sitemap.xml``) of answers, columns and topics.

Answers with an NSFW content warning are left out: their pages are marked
``noindex`` (the notice in front of them is not for search engines to skip).
Every query here is one indexed lookup or one pass, never a query per item.
"""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.urls import reverse

from columns.listings import last_modified_at
from columns.models import Answer, Column, Topic


def latest_publication() -> datetime | None:
    """When the newest public answer was published: the sections' lastmod in the
    index (an indexed lookup, where the exact maxima would need a scan)."""
    return Answer.objects.published().aggregate(at=Max("publish_at"))["at"]


class AnswerSitemap(Sitemap):
    # Small pages keep each uncached section quick to render.
    limit = 2000

    def items(self) -> QuerySet[Answer]:
        return (
            Answer.objects.published()
            .exclude(content_warnings__is_nsfw=True)
            .select_related("column")
            .only("slug", "updated_at", "last_published_at", "column__slug")
            .order_by("publish_at", "pk")
        )

    def lastmod(self, item: Answer) -> datetime:
        return last_modified_at(item)

    def get_latest_lastmod(self) -> datetime | None:
        return latest_publication()


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

    def get_latest_lastmod(self) -> datetime | None:
        return latest_publication()


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

    def get_latest_lastmod(self) -> datetime | None:
        return latest_publication()


SITEMAPS = {"answers": AnswerSitemap, "columns": ColumnSitemap, "topics": TopicSitemap}
