"""Workflow verbs for answers: review, publication (now or scheduled), withdrawal."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from columns.caching import invalidate_public_pages
from columns.models import Answer, AuditEntry, Question, User
from columns.workflow.core import SCHEDULE_GRACE, InvalidTransition, Status, move

__all__ = [
    "approve",
    "publish",
    "redraft",
    "request_changes",
    "submit_for_review",
    "withdraw",
]


@transaction.atomic
def submit_for_review(answer: Answer, *, by: User, note: str = "") -> Answer:
    """The columnist hands a draft to the editors."""
    return move(answer, "submit_for_review", by=by, note=note)


@transaction.atomic
def request_changes(answer: Answer, *, by: User, note: str = "") -> Answer:
    """An editor sends an answer back to its columnist; ``note`` says what to change."""
    return move(answer, "request_changes", by=by, note=note)


@transaction.atomic
def approve(answer: Answer, *, by: User, note: str = "") -> Answer:
    """An editor signs an answer off, ready to publish."""
    return move(answer, "approve", by=by, note=note)


@transaction.atomic
def publish(
    answer: Answer,
    *,
    by: User,
    at: datetime | None = None,
    now: datetime | None = None,
    note: str = "",
) -> Answer:
    """Publish an approved answer now, or schedule it for ``at``.

    A scheduled answer is in the published state with a future ``publish_at``; it
    becomes public when the clock passes that time. Its letters, and letters merged
    into them, are marked answered.
    """
    now = now or timezone.now()
    at = at or now
    if timezone.is_naive(at):
        raise InvalidTransition("The publication time needs a time zone.")
    if at < now - SCHEDULE_GRACE:
        raise InvalidTransition("The publication time is in the past.")
    first = answer.first_published_at or at
    move(
        answer,
        "publish",
        by=by,
        note=note or ("" if at <= now else f"Scheduled for {at.isoformat()}."),
        publish_at=at,
        first_published_at=min(first, at),
        last_published_at=at,
    )
    _set_letters(
        answer,
        by,
        from_status=Status.ASSIGNED,
        to_status=Status.ANSWERED,
        duplicates_from=Status.DUPLICATE,
        duplicates_to=Status.ANSWERED,
    )
    invalidate_public_pages()
    return answer


@transaction.atomic
def withdraw(answer: Answer, *, by: User, note: str = "") -> Answer:
    """Take a published (or scheduled) answer down; its URL answers 410 Gone."""
    if not note.strip():
        raise InvalidTransition("Say why the answer is withdrawn.")
    move(answer, "withdraw", by=by, note=note)
    _set_letters(
        answer,
        by,
        from_status=Status.ANSWERED,
        to_status=Status.ASSIGNED,
        duplicates_from=Status.ANSWERED,
        duplicates_to=Status.DUPLICATE,
    )
    invalidate_public_pages()
    return answer


@transaction.atomic
def redraft(answer: Answer, *, by: User, note: str = "") -> Answer:
    """Reopen a withdrawn answer as a draft."""
    return move(answer, "redraft", by=by, note=note)


def _set_letters(
    answer: Answer,
    by: User,
    *,
    from_status: str,
    to_status: str,
    duplicates_from: str,
    duplicates_to: str,
) -> None:
    """Move the answer's letters, and the letters merged into them, in bulk."""
    printed = Question.objects.filter(printed_in__answer=answer, status=from_status)
    merged = Question.objects.filter(
        duplicate_of__printed_in__answer=answer, status=duplicates_from
    )
    for queryset, old, new in [
        (printed, from_status, to_status),
        (merged, duplicates_from, duplicates_to),
    ]:
        moved = list(queryset)
        queryset.update(status=new, version=F("version") + 1)
        content_type = ContentType.objects.get_for_model(Question)
        AuditEntry.objects.bulk_create(
            AuditEntry(
                content_type=content_type,
                object_id=question.pk,
                action=f"answer_{answer.state}",
                from_state=old,
                to_state=new,
                actor=by,
                note=f"Answer #{answer.pk}: {answer.title}",
            )
            for question in moved
        )
