import statistics
from collections import defaultdict
from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager

from columns import passages
from columns.models.columns import Column, ContentWarning
from columns.models.questions import Question
from columns.models.rendered import RenderedBody
from columns.models.tags import TaggedAnswer

# Readers are told how long recently answered letters waited (``recent_median_waits``).
RECENT_WAITS_DAYS = 90
MIN_WAITS_SAMPLE = 5


class AnswerQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "AnswerQuerySet":
        """Answers the public may see: published, and their time has come.

        Scheduling is this comparison with the clock: no cron job flips a flag.
        """
        return self.filter(
            state=Answer.State.PUBLISHED, publish_at__lte=now or timezone.now()
        )

    def scheduled(self, now: datetime | None = None) -> "AnswerQuerySet":
        return self.filter(
            state=Answer.State.PUBLISHED, publish_at__gt=now or timezone.now()
        )

    def awaiting_review(self) -> "AnswerQuerySet":
        return self.filter(state=Answer.State.IN_REVIEW)

    def written_by(self, user) -> "AnswerQuerySet":
        return self.filter(authors=user)

    def recent_median_waits(self, now: datetime) -> dict[int, timedelta]:
        """Each column's median wait from a letter's arrival to the first
        publication of the answer printing it, over the public answers first
        published in the last ``RECENT_WAITS_DAYS`` days; only columns with
        ``MIN_WAITS_SAMPLE`` such letters or more (fewer say too little).

        One query; the durations (one per letter, bounded by the period) are
        computed by the database and their median in Python, alike on SQLite and
        PostgreSQL.
        """
        since = now - timedelta(days=RECENT_WAITS_DAYS)
        rows = (
            self.published(now)
            .filter(first_published_at__gte=since)
            .order_by()
            .values_list(
                "column_id",
                F("first_published_at") - F("letters__question__submitted_at"),
            )
        )
        waits = defaultdict(list)
        for column_id, wait in rows:
            if wait is not None:  # an answer printing no letter
                waits[column_id].append(wait)
        return {
            column_id: statistics.median(durations)
            for column_id, durations in waits.items()
            if len(durations) >= MIN_WAITS_SAMPLE
        }

    def unique_slug(
        self, column_id: int, title: str, exclude_pk: int | None = None
    ) -> str:
        """A slug for ``title`` that no other answer of the column uses."""
        return self.unique_slugs([column_id], [title], exclude_pk=exclude_pk)[0]

    def unique_slugs(
        self, column_ids: list[int], titles: list[str], exclude_pk: int | None = None
    ) -> list[str]:
        """Slugs for new answers titled ``titles`` in the columns ``column_ids``,
        unique within their column and among themselves, with one query:
        "title", "title-2", "title-3"..."""
        bases = [slugify(title)[:180] or "answer" for title in titles]
        # Slugs are [a-z0-9_-] only, so they need no escaping in the pattern.
        pattern = rf"^({'|'.join(sorted(set(bases)))})(-[0-9]+)?$"
        taken = set(
            self.filter(column_id__in=set(column_ids), slug__regex=pattern)
            .exclude(pk=exclude_pk)
            .values_list("column_id", "slug")
        )
        slugs = []
        for column_id, base in zip(column_ids, bases, strict=True):
            slug, counter = base, 2
            while (column_id, slug) in taken:
                slug, counter = f"{base}-{counter}", counter + 1
            taken.add((column_id, slug))
            slugs.append(slug)
        return slugs


class Answer(RenderedBody, models.Model):
    """A columnist's answer, printing one letter or, in a roundup, several in order."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    column = models.ForeignKey(Column, on_delete=models.PROTECT, related_name="answers")
    questions = models.ManyToManyField(
        Question, through="AnswerLetter", related_name="answers"
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="answers"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    topics = TaggableManager(
        through=TaggedAnswer,
        blank=True,
        verbose_name="topics",
        help_text="Comma-separated, e.g. “consent, communication”.",
    )
    content_warnings = models.ManyToManyField(
        ContentWarning, blank=True, related_name="answers"
    )
    video_url = models.URLField(
        "video episode", blank=True, help_text="YouTube or Vimeo link."
    )
    video_start_seconds = models.PositiveIntegerField(null=True, blank=True)
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What the last update of the live answer changed, shown to readers beside its
    # date ("Updated 3 December 2026: the clinic's number changed"). A small fix
    # (a typo) leaves both alone.
    update_note = models.CharField(max_length=300, blank=True, editable=False)
    last_reviewed_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Stored when the answer goes public (``columns.links``), so that its page reads
    # them with the answer instead of working them out on every request.
    older = models.ForeignKey(
        "self", null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    newer = models.ForeignKey(
        "self", null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # What the page shows of those links (titles, addresses, dates), kept with the
    # row so that the page reads them without a join.
    link_cards = models.JSONField(null=True, editable=False)
    # What its pages show from other tables (letters, bylines, labels, topics),
    # kept with the row for the same reason (``columns.pageparts``).
    page_parts = models.JSONField(null=True, editable=False)
    # Text saved by the editor page while its writer types, not yet made a
    # revision (``workflow.editing``): when and by whom.
    autosaved_at = models.DateTimeField(null=True, blank=True, editable=False)
    autosaved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        permissions = [
            ("draft_answer", "Can draft answers and submit them for review"),
            ("review_answer", "Can comment on, send back and approve answers"),
            ("publish_answer", "Can publish, schedule and withdraw answers"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["column", "slug"], name="answer_unique_slug_per_column"
            ),
            models.CheckConstraint(
                condition=~Q(state="published")
                | Q(
                    publish_at__isnull=False,
                    first_published_at__isnull=False,
                    last_published_at__isnull=False,
                ),
                name="answer_published_has_dates",
            ),
            models.CheckConstraint(
                condition=Q(first_published_at__isnull=True)
                | Q(last_published_at__gte=F("first_published_at")),
                name="answer_updated_not_before_first_published",
            ),
            models.CheckConstraint(
                condition=Q(
                    state__in=[
                        "draft",
                        "in_review",
                        "changes_requested",
                        "approved",
                        "published",
                        "withdrawn",
                    ]
                ),
                name="answer_state_valid",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="answer_slug_not_empty"),
        ]
        indexes = [
            models.Index(fields=["state", "publish_at"], name="answer_published_idx"),
            models.Index(
                fields=["column", "state", "publish_at"],
                name="answer_column_published_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "columns:answer_detail",
            kwargs={"column_slug": self.column.slug, "slug": self.slug},
        )

    @cached_property
    def parts(self):
        """What pages show of the answer from other tables (``columns.pageparts``)."""
        # Imported here: columns.pageparts builds on the models.
        from columns import pageparts

        return pageparts.of(self)

    def is_published(self, now: datetime | None = None) -> bool:
        return (
            self.state == self.State.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (now or timezone.now())
        )

    def is_scheduled(self, now: datetime | None = None) -> bool:
        return self.state == self.State.PUBLISHED and not self.is_published(now)

    def record_revision(self, *, by, note: str = "") -> "Revision":
        """Snapshot the current text as the next revision."""
        last = self.revisions.aggregate(last=Max("number"))["last"] or 0
        return Revision.objects.create(
            answer=self,
            number=last + 1,
            title=self.title,
            summary=self.summary,
            body=self.body,
            author=by,
            note=note,
        )


class AnswerLetter(models.Model):
    """A letter printed in an answer, at a position (roundups print several)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="letters")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="printed_in"
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["answer", "position"]
        constraints = [
            # A letter is answered once; a roundup orders its letters uniquely.
            models.UniqueConstraint(fields=["question"], name="letter_printed_once"),
            models.UniqueConstraint(
                fields=["answer", "position"], name="letter_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer} #{self.position}: {self.question}"


class Revision(models.Model):
    """A snapshot of an answer's text, taken on every save."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="answer_revisions",
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "number"], name="revision_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.answer} r{self.number}"


class ReviewCommentQuerySet(models.QuerySet):
    def unresolved(self) -> "ReviewCommentQuerySet":
        return self.filter(resolved_at__isnull=True)


class ReviewComment(models.Model):
    """A reviewer's or columnist's comment on an answer, tied to the revision read."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="comments"
    )
    revision = models.ForeignKey(
        Revision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_comments",
    )
    body = models.TextField()
    # The passage of the answer's body the comment is on (blank: the whole
    # answer), with a little text either side to find it again after edits.
    passage = models.TextField(blank=True)
    passage_before = models.CharField(max_length=80, blank=True)
    passage_after = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolved_review_comments",
    )

    objects = ReviewCommentQuerySet.as_manager()

    class Meta:
        ordering = ["answer", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_by__isnull=False),
                name="comment_resolution_has_resolver",
            )
        ]

    def __str__(self) -> str:
        return f"Comment on {self.answer} by {self.author}"

    def locate(self, body: str) -> passages.Span | None:
        """Where the quoted passage is in ``body``; None for a general comment or
        a passage that has been edited away."""
        return passages.locate(
            body, self.passage, self.passage_before, self.passage_after
        )

    @cached_property
    def anchor(self) -> passages.Span | None:
        """The passage in the answer's saved body (comments listed through
        ``answer.comments`` share the answer object: no query)."""
        return self.locate(self.answer.body) if self.passage else None


class RelatedAnswer(models.Model):
    """One of an answer's related answers, in the order its page lists them
    (``columns.links`` keeps them)."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["answer", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "position"], name="related_answer_unique_position"
            )
        ]
        indexes = [models.Index(fields=["related"], name="related_answer_target_idx")]

    def __str__(self) -> str:
        return f"{self.answer_id} → {self.related_id}"
