from django.conf import settings
from django.db import models
from taggit.models import TagBase

from columns.addresses import address


class Topic(TagBase):
    """A topic tag (django-taggit), shared by letters and answers across columns."""

    description = models.TextField(blank=True)

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return address("columns:topic_detail", self.slug)


class ContentWarning(models.Model):
    """A label such as "Sexual violence" shown before an answer; NSFW ones gate it."""

    label = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=240, blank=True)
    is_nsfw = models.BooleanField(
        "NSFW",
        default=False,
        help_text="Answers with this warning open behind a click-through notice.",
    )

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class ColumnQuerySet(models.QuerySet):
    def open_for_questions(self) -> "ColumnQuerySet":
        return self.filter(is_open=True)


class Column(models.Model):
    """A regular feature with its own hosts, guidelines and archive."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    tagline = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="hosted_columns"
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="columns",
        help_text="Topics readers may pick when they send a letter.",
    )
    guidelines = models.TextField(
        blank=True, help_text="What to send and what not, shown on the ask page."
    )
    is_open = models.BooleanField(
        "open for questions", default=True, help_text="Closed columns take no letters."
    )
    daily_cap = models.PositiveIntegerField(
        default=200, help_text="Most letters taken per day; 0 means no limit."
    )
    disclaimer = models.TextField(
        blank=True, help_text="Shown under every answer of the column."
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ColumnQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return address("columns:column_detail", self.slug)
