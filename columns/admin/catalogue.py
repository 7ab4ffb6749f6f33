"""Columns, topics, content warnings, help resources and the pages about the site:
the site's configuration."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from columns.admin.base import GuardedInputMixin
from columns.models import (
    Column,
    ContentWarning,
    HelpResource,
    SitePage,
    TaggedAnswer,
    TaggedQuestion,
    Topic,
)


@admin.register(Column)
class ColumnAdmin(GuardedInputMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "is_open", "daily_cap", "host_list", "position")
    list_filter = ("is_open",)
    search_fields = ("name", "slug", "tagline")
    ordering = ("position", "name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("hosts", "topics", "help_resources")
    fieldsets = (
        (None, {"fields": ("name", "slug", "tagline", "description", "hosts")}),
        (
            "Letters",
            {"fields": ("is_open", "daily_cap", "topics", "guidelines")},
        ),
        ("Display", {"fields": ("disclaimer", "position", "help_resources")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("hosts")

    @admin.display(description="hosts")
    def host_list(self, column: Column) -> str:
        return ", ".join(host.byline for host in column.hosts.all())


@admin.register(ContentWarning)
class ContentWarningAdmin(GuardedInputMixin, admin.ModelAdmin):
    list_display = ("label", "slug", "is_nsfw", "help_category", "description")
    list_filter = ("is_nsfw", "help_category")
    search_fields = ("label", "slug", "description")
    ordering = ("label",)
    prepopulated_fields = {"slug": ("label",)}


def _usage(through) -> Coalesce:
    """How many items a topic tags, as a subquery (joins would multiply rows)."""
    counts = (
        through.objects.filter(tag=OuterRef("pk"))
        .order_by()
        .values("tag")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


@admin.register(Topic)
class TopicAdmin(GuardedInputMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "letter_count", "answer_count")
    search_fields = ("name", "slug")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "description")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                letter_count=_usage(TaggedQuestion), answer_count=_usage(TaggedAnswer)
            )
        )

    @admin.display(description="letters", ordering="letter_count")
    def letter_count(self, topic: Topic) -> int:
        return topic.letter_count

    @admin.display(description="answers", ordering="answer_count")
    def answer_count(self, topic: Topic) -> int:
        return topic.answer_count


@admin.register(HelpResource)
class HelpResourceAdmin(GuardedInputMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "category",
        "country",
        "phone",
        "text_number",
        "url",
        "position",
        "is_active",
    )
    list_filter = ("is_active", "category", "country")
    search_fields = ("name", "phone", "text_number", "url")
    ordering = ("country", "position", "name")
    fieldsets = (
        (None, {"fields": ("name", "category", "country", "is_active", "position")}),
        (
            "How to reach it",
            {"fields": ("phone", "text_number", "text_keyword", "url", "hours")},
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(SitePage)
class SitePageAdmin(GuardedInputMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at")
    search_fields = ("title", "slug", "body")
    ordering = ("title",)
    prepopulated_fields = {"slug": ("title",)}
    fields = ("title", "slug", "body")
