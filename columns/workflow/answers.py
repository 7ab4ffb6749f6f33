"""Workflow verbs for answers: review, publication (now or scheduled), withdrawal,
and the health-accuracy review date.

Staff are emailed from here (``columns.notifications``), after the transaction
commits: editors when an answer is submitted, its columnists when changes are
requested, on approval and on publication.
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from columns import anonymity, baking, notifications
from columns.models import Answer, Question, User
from columns.workflow.core import (
    SCHEDULE_GRACE,
    InvalidTransition,
    State,
    Status,
    audit,
    audit_all,
    check_allowed,
    move,
    require,
)

__all__ = [
    "NeedsConfirmation",
    "approve",
    "mark_reviewed",
    "publication_concerns",
    "publish",
    "redraft",
    "request_changes",
    "reschedule",
    "submit_for_review",
    "withdraw",
]


class NeedsConfirmation(InvalidTransition):
    """Publishing would print a letter that needs an editor's explicit confirmation
    (safety-flagged, or the anonymity guard found something identifying)."""

    def __init__(self, concerns: list[str]) -> None:
        self.concerns = concerns
        super().__init__(
            "Publishing needs an editor's explicit confirmation (the tick box in the "
            "answer editor): " + " ".join(concerns)
        )


@transaction.atomic
def submit_for_review(answer: Answer, *, by: User, note: str = "") -> Answer:
    """The columnist hands a draft to the editors, who are emailed."""
    move(answer, "submit_for_review", by=by, note=note)
    notifications.answer_submitted(answer)
    return answer


@transaction.atomic
def request_changes(answer: Answer, *, by: User, note: str = "") -> Answer:
    """An editor sends an answer back to its columnist; ``note`` says what to change
    and is emailed to the columnist (the desk's form requires one)."""
    move(answer, "request_changes", by=by, note=note)
    notifications.changes_requested(answer, note)
    return answer


@transaction.atomic
def approve(answer: Answer, *, by: User, note: str = "") -> Answer:
    """An editor signs an answer off, ready to publish; its columnist is emailed."""
    move(answer, "approve", by=by, note=note)
    notifications.answer_approved(answer)
    return answer


def publication_concerns(answer: Answer) -> list[str]:
    """Why publishing ``answer`` needs an editor's explicit confirmation: one
    sentence per printed letter that is safety-flagged, and per letter whose printed
    text the anonymity guard flags. Kinds only: the audit note must not copy the
    identifying text itself."""
    concerns = []
    for printed in answer.letters.select_related("question"):
        letter = printed.question
        name = f"Letter {printed.position} (#{letter.pk})"
        if letter.safety_flag:
            concerns.append(f"{name} was flagged by the safety check.")
        hits = [
            hit
            for text in (letter.headline, letter.public_text, letter.sign_off)
            for hit in anonymity.find_hits(text)
        ]
        if hits:
            concerns.append(
                f"{name} may identify someone: the anonymity guard found "
                f"{anonymity.summarise(hits)}."
            )
    return concerns


@transaction.atomic
def publish(
    answer: Answer,
    *,
    by: User,
    at: datetime | None = None,
    now: datetime | None = None,
    note: str = "",
    confirmed: bool = False,
) -> Answer:
    """Publish an approved answer now, or schedule it for ``at``.

    A scheduled answer is in the published state with a future ``publish_at``; it
    becomes public when the clock passes that time. Its letters, and letters merged
    into them, are marked answered, and its columnists are emailed.

    When ``publication_concerns`` finds something, the editor must pass
    ``confirmed=True`` (an explicit tick in the desk); the concerns are then kept in
    the audit note. ``now`` is for tests and the demo loader: views never pass it.
    """
    now = now or timezone.now()
    at = at or now
    _check_publication_time(at, now)
    check_allowed(answer, "publish", by)
    concerns = publication_concerns(answer)
    if concerns and not confirmed:
        raise NeedsConfirmation(concerns)
    lines = [note or ("" if at <= now else f"Scheduled for {at.isoformat()}.")]
    if concerns:
        lines.append("Publication explicitly confirmed despite: " + " ".join(concerns))
    first = answer.first_published_at or at
    baking.public_change(answer, at=at)
    move(
        answer,
        "publish",
        by=by,
        note="\n".join(line for line in lines if line),
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
    notifications.answer_published(answer)
    return answer


@transaction.atomic
def reschedule(
    answer: Answer,
    *,
    by: User,
    at: datetime,
    now: datetime | None = None,
    note: str = "",
) -> Answer:
    """Move a scheduled answer's publication to ``at`` (now, or later)."""
    require(by, "reschedule")
    now = now or timezone.now()
    _check_publication_time(at, now)
    scheduled = Answer.objects.scheduled(now).filter(pk=answer.pk)
    old = scheduled.values_list("publish_at", flat=True).first()
    if old is None:
        raise InvalidTransition(
            "Only an answer scheduled for later can be rescheduled."
        )
    baking.public_change(answer, at=at)
    # Never public before: its first publication moves with it.
    first = at if answer.first_published_at == old else answer.first_published_at
    scheduled.update(publish_at=at, first_published_at=first, last_published_at=at)
    answer.refresh_from_db()
    audit(
        answer,
        "reschedule",
        answer.state,
        answer.state,
        by,
        note or f"Moved from {old.isoformat()} to {at.isoformat()}.",
    )
    return answer


@transaction.atomic
def withdraw(answer: Answer, *, by: User, note: str = "") -> Answer:
    """Take a published (or scheduled) answer down; its URL answers 410 Gone."""
    if not note.strip():
        raise InvalidTransition("Say why the answer is withdrawn.")
    baking.public_change(answer)
    move(answer, "withdraw", by=by, note=note)
    _set_letters(
        answer,
        by,
        from_status=Status.ANSWERED,
        to_status=Status.ASSIGNED,
        duplicates_from=Status.ANSWERED,
        duplicates_to=Status.DUPLICATE,
    )
    return answer


@transaction.atomic
def redraft(answer: Answer, *, by: User, note: str = "") -> Answer:
    """Reopen a withdrawn answer as a draft."""
    return move(answer, "redraft", by=by, note=note)


@transaction.atomic
def mark_reviewed(
    answer: Answer, *, by: User, on: date | None = None, note: str = ""
) -> Answer:
    """An editor records that the answer was checked for (health) accuracy on
    ``on`` (today by default); the date is shown on the public page.

    Not a state change, so the state stays as it is; it is audited all the same.
    """
    require(by, "mark_reviewed")
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise InvalidTransition("The review date can't be in the future.")
    Answer.objects.filter(pk=answer.pk).update(last_reviewed_on=on)
    answer.last_reviewed_on = on
    audit(
        answer,
        "mark_reviewed",
        answer.state,
        answer.state,
        by,
        note or f"Reviewed for accuracy on {on.isoformat()}.",
    )
    if answer.state == State.PUBLISHED:
        baking.public_change(answer, at=answer.publish_at)
    return answer


def _check_publication_time(at: datetime, now: datetime) -> None:
    """Refuse a publication time without a time zone or in the past."""
    if timezone.is_naive(at):
        raise InvalidTransition("The publication time needs a time zone.")
    if at < now - SCHEDULE_GRACE:
        raise InvalidTransition("The publication time is in the past.")


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
        audit_all(
            [(question, old) for question in moved],
            f"answer_{answer.state}",
            new,
            by,
            f"Answer #{answer.pk}: {answer.title}",
        )
