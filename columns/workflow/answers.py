"""Workflow verbs for answers: review, publication (now or scheduled, rescheduled
or taken off the schedule), withdrawal, a columnist's request to reopen a live
answer, the order of a roundup's letters and the health-accuracy review date.

Staff are emailed from here (``columns.notifications``), after the transaction
commits: editors when an answer is submitted or its columnist asks to reopen it,
its columnists when changes are requested, on approval and on publication.
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from columns import anonymity, baking, notifications
from columns.models import Answer, AnswerLetter, AuditEntry, Question, User
from columns.workflow.core import (
    SCHEDULE_GRACE,
    InvalidTransition,
    NotAllowed,
    State,
    Status,
    audit,
    audit_all,
    check_allowed,
    move,
    require,
)
from columns.workflow.editing import edit_refusal, keep_autosaved

__all__ = [
    "NeedsConfirmation",
    "approve",
    "ask_to_reopen",
    "mark_reviewed",
    "publication_concerns",
    "publish",
    "redraft",
    "reopen_request",
    "reorder_letters",
    "request_changes",
    "reschedule",
    "submit_for_review",
    "unschedule",
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
    keep_autosaved(answer)
    move(answer, "submit_for_review", by=by, note=note)
    notifications.answer_submitted(answer)
    return answer


@transaction.atomic
def request_changes(answer: Answer, *, by: User, note: str = "") -> Answer:
    """An editor sends an answer back to its columnist; ``note`` says what to change
    and is emailed to the columnist (the desk's form requires one)."""
    keep_autosaved(answer)
    move(answer, "request_changes", by=by, note=note)
    notifications.changes_requested(answer, note)
    return answer


@transaction.atomic
def approve(answer: Answer, *, by: User, note: str = "") -> Answer:
    """An editor signs an answer off, ready to publish; its columnist is emailed."""
    keep_autosaved(answer)
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
        hits = anonymity.letter_hits(letter)
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
    keep_autosaved(answer)
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
        update_note="",
    )
    _set_letters(answer, by, answered=True)
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
    check_allowed(answer, "reschedule", by)
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
def unschedule(
    answer: Answer, *, by: User, now: datetime | None = None, note: str = ""
) -> Answer:
    """Take a scheduled answer off the schedule: it is approved again, with no
    publication date, and its letters are no longer answered.

    Only while its time has not come: the UPDATE is conditional on the publication
    time still being ahead, so an answer that went live meanwhile is refused (it
    must be withdrawn, with a reason) and was never public in between.
    """
    now = now or timezone.now()
    check_allowed(answer, "unschedule", by)
    old = answer.publish_at
    # Never public before: the dates it would have gone live with go too.
    never_public = answer.first_published_at is None or answer.first_published_at >= old
    first = None if never_public else answer.first_published_at
    # The date it was last public before this schedule is not kept: its first
    # publication stands in for it until it is published again.
    baking.public_change(answer)
    updated = (
        Answer.objects.scheduled(now)
        .filter(pk=answer.pk, publish_at=old)
        .update(
            state=State.APPROVED,
            publish_at=None,
            first_published_at=first,
            last_published_at=first,
        )
    )
    if not updated:
        raise InvalidTransition(
            "This answer went live or was changed meanwhile; reload the page: a "
            "live answer is taken down by withdrawing it."
        )
    answer.refresh_from_db()
    audit(
        answer,
        "unschedule",
        State.PUBLISHED,
        State.APPROVED,
        by,
        note or f"Was scheduled for {old.isoformat()}.",
    )
    _set_letters(answer, by, answered=False, action="answer_unscheduled")
    return answer


@transaction.atomic
def withdraw(answer: Answer, *, by: User, note: str = "") -> Answer:
    """Take a published (or scheduled) answer down; its URL answers 410 Gone."""
    if not note.strip():
        raise InvalidTransition("Say why the answer is withdrawn.")
    keep_autosaved(answer)
    baking.public_change(answer)
    move(answer, "withdraw", by=by, note=note)
    _set_letters(answer, by, answered=False)
    return answer


@transaction.atomic
def redraft(answer: Answer, *, by: User, note: str = "") -> Answer:
    """Reopen a withdrawn answer as a draft."""
    keep_autosaved(answer)
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


@transaction.atomic
def ask_to_reopen(answer: Answer, *, by: User, note: str) -> Answer:
    """A columnist asks the editors to reopen a live answer of theirs (a mistake,
    something new to add): audited with ``note``, the reason, which the editors are
    emailed and shown at the top of the editor until one of them acts on it."""
    check_allowed(answer, "ask_to_reopen", by)
    if not note.strip():
        raise InvalidTransition("Say why the answer should be reopened.")
    audit(answer, "ask_to_reopen", answer.state, answer.state, by, note)
    notifications.reopen_requested(answer, note, by)
    return answer


# What settles a request to reopen: an editor corrected the answer, took it down or
# took it off the schedule.
REOPEN_SETTLED_BY = ("save", "restore", "withdraw", "unschedule", "redraft")


def reopen_request(answer: Answer) -> AuditEntry | None:
    """The latest request to reopen ``answer`` that no editor has acted on yet."""
    entries = AuditEntry.objects.for_object(answer).filter(
        action__in=["ask_to_reopen", *REOPEN_SETTLED_BY]
    )
    latest = entries.select_related("actor").order_by("-id").first()
    return latest if latest and latest.action == "ask_to_reopen" else None


@transaction.atomic
def reorder_letters(answer: Answer, *, by: User, order: list[int]) -> Answer:
    """Print a roundup's letters in ``order`` (their ids, every one once).

    Refused for users who may not edit the answer now. The positions are moved
    above the old ones first: the database checks each row's position is unique
    as it writes it, so swapping two in place would collide.
    """
    require(by, "reorder_letters")
    refusal = edit_refusal(answer, by)
    if refusal:
        raise NotAllowed(refusal)
    printed = AnswerLetter.objects.filter(answer=answer)
    current = dict(printed.values_list("question_id", "position"))
    if len(order) != len(set(order)) or set(order) != set(current):
        raise InvalidTransition(
            "The letters of this answer changed meanwhile; reload the page and "
            "try again."
        )
    if order == sorted(current, key=current.get):
        return answer
    if answer.state == State.PUBLISHED:
        baking.public_change(answer, at=answer.publish_at)
    above = max(max(current.values()), len(order)) + 1
    printed.update(position=F("position") + above)
    printed.update(
        position=Case(
            *(
                When(question_id=question_id, then=Value(position))
                for position, question_id in enumerate(order, 1)
            ),
            default=F("position"),
            output_field=AnswerLetter._meta.get_field("position"),
        )
    )
    numbers = ", ".join(f"#{question_id}" for question_id in order)
    audit(
        answer,
        "reorder_letters",
        answer.state,
        answer.state,
        by,
        f"Letters in print order: {numbers}.",
    )
    return answer


def _check_publication_time(at: datetime, now: datetime) -> None:
    """Refuse a publication time without a time zone or in the past."""
    if timezone.is_naive(at):
        raise InvalidTransition("The publication time needs a time zone.")
    if at < now - SCHEDULE_GRACE:
        raise InvalidTransition("The publication time is in the past.")


def _set_letters(answer: Answer, by: User, *, answered: bool, action: str = "") -> None:
    """Mark the answer's letters, and the letters merged into them, answered (or
    back to assigned and duplicate) in bulk; audited as ``action`` (by default
    "answer_<the answer's state>")."""
    from_status, to_status = Status.ASSIGNED, Status.ANSWERED
    duplicates_from, duplicates_to = Status.DUPLICATE, Status.ANSWERED
    if not answered:
        from_status, to_status = to_status, from_status
        duplicates_from, duplicates_to = duplicates_to, duplicates_from
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
            action or f"answer_{answer.state}",
            new,
            by,
            f"Answer #{answer.pk}: {answer.title}",
        )
