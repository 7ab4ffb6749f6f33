from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from taggit.managers import TaggableManager

from columns.models.columns import Column, ContentWarning
from columns.models.tags import TaggedQuestion


def current_hour() -> datetime:
    """Now, rounded down to the hour: a letter's stored submission time.

    Web-server logs record exact times; storing only the hour keeps a letter from
    being joined to a log line (and so to an address) by its timestamp.
    """
    return timezone.now().replace(minute=0, second=0, microsecond=0)


class QuestionQuerySet(models.QuerySet):
    def waiting(self) -> "QuestionQuerySet":
        """Letters an editor still has to decide on."""
        return self.filter(status__in=Question.WAITING)

    def flagged(self) -> "QuestionQuerySet":
        return self.filter(safety_flag=True)

    def in_status(self, status: str) -> "QuestionQuerySet":
        """Letters of one ``status``, to be walked in (status, id) index order.

        Written as a range on purpose: PostgreSQL takes ``status = x`` for a
        constant, drops it from ``ORDER BY status, id`` and walks the primary key
        instead, expecting to meet the status soon; but old letters are answered,
        so it reads through every one of them first.
        """
        return self.filter(status__range=(status, status))

    def assigned_to(self, user) -> "QuestionQuerySet":
        return self.filter(assignee=user, status=Question.Status.ASSIGNED)

    def purgeable(self, before: datetime) -> "QuestionQuerySet":
        """Declined and spam letters sent before ``before`` that nothing refers to
        (no answer prints them, no letter was merged into them)."""
        return self.filter(
            status__in=[Question.Status.DECLINED, Question.Status.SPAM],
            submitted_at__lt=before,
            printed_in__isnull=True,
            duplicates__isnull=True,
        )


class Question(models.Model):
    """A reader's letter.

    ``original_text`` is what the reader sent, verbatim and staff-only;
    ``public_text`` is the version staff edit for anonymity and length, the only one
    ever published. Status changes go through ``columns.workflow``.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        SHORTLISTED = "shortlisted", "Shortlisted"
        ASSIGNED = "assigned", "Assigned"
        ANSWERED = "answered", "Answered"
        DECLINED = "declined", "Declined"
        SPAM = "spam", "Spam"
        DUPLICATE = "duplicate", "Duplicate"

    # Letters an editor still has to decide on.
    WAITING = frozenset({Status.NEW, Status.SHORTLISTED})

    column = models.ForeignKey(
        Column, on_delete=models.PROTECT, related_name="questions"
    )
    original_text = models.TextField(help_text="The reader's letter as sent.")
    public_text = models.TextField(
        blank=True, help_text="The letter as it will be printed, edited for anonymity."
    )
    headline = models.CharField(max_length=200, blank=True)
    sign_off = models.CharField(max_length=80, default="Anonymous")
    topics = TaggableManager(
        through=TaggedQuestion,
        blank=True,
        verbose_name="topics",
        help_text="Comma-separated, e.g. “consent, communication”.",
    )
    content_warnings = models.ManyToManyField(
        ContentWarning, blank=True, related_name="questions"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, editable=False
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
        editable=False,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_questions",
        editable=False,
    )
    safety_flag = models.BooleanField(
        default=False,
        help_text="Speaks of self-harm, abuse or danger: shown first on the desk.",
    )
    receipt_digest = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    internal_notes = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=current_hour, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        permissions = [
            ("triage_question", "Can triage letters (shortlist, decline, spam, merge)"),
            ("assign_question", "Can assign letters to columnists"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(duplicate_of__isnull=False),
                name="question_duplicate_has_original",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("id")),
                name="question_not_duplicate_of_itself",
            ),
            models.CheckConstraint(
                condition=~Q(status="assigned") | Q(assignee__isnull=False),
                name="question_assigned_has_assignee",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "new",
                        "shortlisted",
                        "assigned",
                        "answered",
                        "declined",
                        "spam",
                        "duplicate",
                    ]
                ),
                name="question_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "id"], name="question_queue_idx"),
            models.Index(
                fields=["column", "status", "id"], name="question_column_queue_idx"
            ),
            # The queue in order of arrival (hour-rounded), ties by id.
            models.Index(
                fields=["status", "submitted_at", "id"], name="question_arrival_idx"
            ),
            models.Index(
                fields=["column", "status", "submitted_at", "id"],
                name="question_column_arrival_idx",
            ),
            models.Index(fields=["assignee", "status"], name="question_assignee_idx"),
            # The daily intake cap counts a column's letters since midnight.
            models.Index(
                fields=["column", "submitted_at"], name="question_column_intake_idx"
            ),
            models.Index(
                fields=["status", "id"],
                condition=Q(safety_flag=True),
                name="question_flagged_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.headline or self.excerpt()

    def excerpt(self, length: int = 80) -> str:
        # Imported here: columns.listings imports the models.
        from columns.listings import excerpt

        return excerpt(self.public_text or self.original_text, length)
