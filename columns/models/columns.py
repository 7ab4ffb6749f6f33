from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, FilteredRelation, Q, Value, When
from taggit.models import TagBase

from columns.addresses import address
from columns.models.help import HelpResource


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
    help_category = models.CharField(
        max_length=20,
        choices=HelpResource.Category.choices,
        blank=True,
        help_text="Answers with this warning end with the help resources for it.",
    )

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class ColumnQuerySet(models.QuerySet):
    def with_intake_state(self, day_start: datetime) -> "ColumnQuerySet":
        """Annotate ``intake_state`` (a ``Column.Intake`` value): closed, full (its
        daily cap reached by the letters received in the day from ``day_start``)
        or open. One query for all the columns.

        The day's letters are joined on the (column, submitted_at) index, so the
        count reads that day's letters only, however many the columns hold.
        """
        day = FilteredRelation(
            "questions",
            condition=Q(
                questions__submitted_at__gte=day_start,
                questions__submitted_at__lt=day_start + timedelta(days=1),
            ),
        )
        Intake = Column.Intake
        return self.annotate(days_letters=day).annotate(
            letters_that_day=Count("days_letters"),
            intake_state=Case(
                When(is_open=False, then=Value(Intake.CLOSED)),
                When(
                    daily_cap__gt=0,
                    letters_that_day__gte=F("daily_cap"),
                    then=Value(Intake.FULL),
                ),
                default=Value(Intake.OPEN),
                output_field=models.CharField(),
            ),
        )


class Column(models.Model):
    """A regular feature with its own hosts, guidelines and archive."""

    class Intake(models.TextChoices):
        """Whether a column takes letters now, as readers are told."""

        OPEN = "open", "Taking questions"
        FULL = "full", "Full for today — opens again tomorrow"
        CLOSED = "closed", "Not taking questions"

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
    help_resources = models.ManyToManyField(
        HelpResource,
        blank=True,
        related_name="columns",
        help_text="Shown to its readers who may need help; none chosen: every "
        "active one.",
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

    def intake_label(self) -> str:
        """What readers are told of ``intake_state`` (``with_intake_state``)."""
        return self.Intake(self.intake_state).label
