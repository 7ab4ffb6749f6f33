"""Workflow verbs for readers' letters: triage, editing, merging and assignment.
The review queue's bulk verbs live in ``columns.workflow.bulk``."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from columns import anonymity, notifications
from columns.models import (
    Answer,
    AnswerLetter,
    AuditEntry,
    ContentWarning,
    Question,
    User,
)
from columns.workflow.bulk import new_answers
from columns.workflow.checks import DRAFTING, check_assignable, check_printable
from columns.workflow.core import (
    InvalidTransition,
    Status,
    apply_to_all,
    audit,
    check_allowed,
    move,
    require,
    state_label,
)

__all__ = [
    "AnonymityUnconfirmed",
    "LetterEdit",
    "StaleLetter",
    "assign",
    "create_answer",
    "decline",
    "edit_letter",
    "mark_duplicate",
    "mark_spam",
    "merge_duplicates",
    "purge_batch",
    "reopen",
    "shortlist",
]


class StaleLetter(InvalidTransition):
    """The letter changed after the editor opened it; their edit was not saved."""


class AnonymityUnconfirmed(InvalidTransition):
    """The public text still holds possible identifiers the editor hasn't confirmed."""


@transaction.atomic
def shortlist(question: Question, *, by: User, note: str = "") -> Question:
    """Put a new letter on the shortlist of candidates for an answer."""
    return move(question, "shortlist", by=by, note=note)


@transaction.atomic
def decline(question: Question, *, by: User, note: str = "") -> Question:
    """Decline a letter; ``note`` is the internal reason, never shown to the reader."""
    return move(question, "decline", by=by, note=note)


@transaction.atomic
def mark_spam(question: Question, *, by: User, note: str = "") -> Question:
    """Mark a letter as spam."""
    return move(question, "mark_spam", by=by, note=note)


@transaction.atomic
def reopen(question: Question, *, by: User, note: str = "") -> Question:
    """Put a declined, spam or duplicate letter back into the queue as new."""
    return move(question, "reopen", by=by, note=note, duplicate_of=None)


@transaction.atomic
def mark_duplicate(
    question: Question, *, of: Question, by: User, note: str = ""
) -> Question:
    """Merge ``question`` into ``of``: its reader will see ``of``'s answer.

    Points at the original of a cluster (never a chain), and letters already merged
    into ``question`` follow it to the same original.
    """
    original = of.duplicate_of or of
    if original.pk == question.pk:
        raise InvalidTransition("A letter can't be a duplicate of itself.")
    if original.status in {Status.DECLINED, Status.SPAM}:
        status = state_label(original.status)
        raise InvalidTransition(f"Can't merge into a letter that is {status}.")
    move(question, "mark_duplicate", by=by, note=note, duplicate_of=original)
    followers = list(question.duplicates.all())
    for follower in followers:
        audit(
            follower,
            "mark_duplicate",
            follower.status,
            follower.status,
            by,
            f"Follows its original into #{original.pk}.",
        )
    question.duplicates.update(duplicate_of=original, version=F("version") + 1)
    return question


@transaction.atomic
def merge_duplicates(
    original: Question, duplicates: Iterable[Question], *, by: User, note: str = ""
) -> int:
    """Merge a cluster of letters into ``original`` in one step, all or nothing.

    Only letters of the same column merge. Every merged reader later finds
    ``original``'s answer on their status page. Returns how many were merged;
    raises ``BulkRefused`` naming each refused letter and why.
    """
    duplicates = list(duplicates)
    if not duplicates:
        raise InvalidTransition("Pick at least one letter to merge.")
    return apply_to_all(_merge_one, duplicates, by=by, into=original, note=note)


def _merge_one(question: Question, *, into: Question, by: User, note: str) -> None:
    if question.column_id != into.column_id:
        raise InvalidTransition(
            "It belongs to another column; only letters of one column are merged."
        )
    root = into.duplicate_of_id or into.pk
    mark_duplicate(question, of=into, by=by, note=note or f"Merged into #{root}.")


# Editing ------------------------------------------------------------------------

FIELD_LABELS = {
    "headline": "headline",
    "public_text": "public text",
    "sign_off": "sign-off",
    "internal_notes": "internal notes",
}


@dataclass(frozen=True)
class LetterEdit:
    """What an editor may change on a letter: everything but its workflow state."""

    headline: str
    public_text: str
    sign_off: str
    internal_notes: str
    topics: tuple[str, ...]  # names; unknown names become new topics
    content_warnings: tuple[ContentWarning, ...]


@transaction.atomic
def edit_letter(
    question: Question, edit: LetterEdit, *, by: User, seen_version: int
) -> list[str]:
    """Save an editor's changes to a letter; return the labels of what changed.

    Refused with ``StaleLetter`` when the letter changed since the editor loaded it
    (version ``seen_version``): the UPDATE is conditional on that version, so of two
    editors saving at once only the first wins, on SQLite as on PostgreSQL. The
    original text is never edited; answered letters are printed and stay as they are.
    """
    require(by, "edit")
    if question.status == Status.ANSWERED:
        raise InvalidTransition(
            "This letter is printed in a published answer; withdraw the answer "
            "before editing it."
        )
    stale = StaleLetter(
        "Someone else changed this letter since you opened it, so your changes "
        "were not saved. They are kept in the form: compare them with the current "
        "text, then save again."
    )
    if seen_version != question.version:
        raise stale
    changed = [
        label
        for name, label in FIELD_LABELS.items()
        if getattr(edit, name) != getattr(question, name)
    ]
    topics_before = {name.lower() for name in question.topics.names()}
    if {name.lower() for name in edit.topics} != topics_before:
        changed.append("topics")
    warnings_before = set(question.content_warnings.values_list("pk", flat=True))
    if {warning.pk for warning in edit.content_warnings} != warnings_before:
        changed.append("content warnings")
    if not changed:
        return []
    fields = {name: getattr(edit, name) for name in FIELD_LABELS}
    updated = Question.objects.filter(pk=question.pk, version=seen_version).update(
        **fields, version=F("version") + 1
    )
    if not updated:
        raise stale
    question.topics.set(list(edit.topics))
    question.content_warnings.set(edit.content_warnings)
    question.refresh_from_db()
    audit(
        question,
        "edit",
        question.status,
        question.status,
        by,
        f"Edited the {', '.join(changed)}.",
    )
    return changed


# Assignment ---------------------------------------------------------------------


@transaction.atomic
def assign(
    question: Question,
    *,
    to: User,
    by: User,
    answer: Answer | None = None,
    note: str = "",
    confirm_anonymity: bool = False,
) -> Answer:
    """Assign a letter to a columnist, in a new draft answer or appended to ``answer``.

    Returns the answer that prints the letter. A roundup answer prints several
    letters in the order they were added. If its headline, public text or sign-off
    still holds possible identifiers (``columns.anonymity``), the editor must confirm
    with ``confirm_anonymity``, and the audit entry records that they did. The
    columnist is emailed once the transaction commits.
    """
    check_allowed(question, "assign", by)
    check_assignable(to)
    check_printable(question)
    if answer is not None:
        answer = _joinable(answer, question)
    parts = anonymity.check_letter(
        headline=question.headline,
        public_text=question.public_text,
        sign_off=question.sign_off,
    )
    hits = [hit for part in parts for hit in part.hits]
    if hits and not confirm_anonymity:
        raise AnonymityUnconfirmed(
            f"The letter still contains {anonymity.summarise(hits)} (in "
            f"{anonymity.where(parts)}). Remove them, or confirm that they may "
            "stay, before assigning the letter."
        )
    note = note or f"Assigned to {to}."
    if hits:
        # Kinds and counts only: the audit log must not copy the identifiers.
        note += (
            f" Anonymity check overridden: {anonymity.summarise(hits)} left in "
            f"{anonymity.where(parts)}, confirmed by {by}."
        )
    # The state moves first: of two editors assigning one letter at once, the
    # second is refused here, before it prints the letter anywhere.
    move(question, "assign", by=by, note=note, assignee=to)
    try:
        with transaction.atomic():
            if answer is None:
                answer = create_answer(question, by=by, author=to)
            else:
                position = answer.letters.aggregate(last=Max("position"))["last"]
                AnswerLetter.objects.create(
                    answer=answer, question=question, position=(position or 0) + 1
                )
                answer.authors.add(to)
    except IntegrityError as error:
        # A slug or a roundup position taken by another editor a moment ago.
        raise InvalidTransition(
            "Someone else changed the answers of this column at the same moment; "
            "reload the page and try again."
        ) from error
    notifications.letter_assigned(question, answer, to)
    return answer


def _joinable(answer: Answer, question: Question) -> Answer:
    """``answer`` locked and re-read, if ``question`` may join it as a roundup."""
    answer = Answer.objects.select_for_update(of=("self",)).get(pk=answer.pk)
    if answer.column_id != question.column_id:
        raise InvalidTransition("A letter can only join an answer of its own column.")
    if answer.state not in DRAFTING:
        raise InvalidTransition(
            "Letters can only be added to an answer that is still being drafted."
        )
    return answer


def create_answer(question: Question, *, by: User, author: User) -> Answer:
    """A new draft answer printing ``question``, with its first revision."""
    [answer] = new_answers([question], {question.column_id: question.column}, by=by)
    answer.authors.add(author)
    return answer


# Retention ---------------------------------------------------------------------


@transaction.atomic
def purge_batch(before: datetime, size: int) -> int:
    """Delete up to ``size`` of the declined and spam letters sent before
    ``before`` that nothing refers to, with their audit entries (the retention
    period of ``purge_letters``); how many went. Readers' words are not kept longer
    than needed, and their history would only hold the headlines."""
    ids = list(Question.objects.purgeable(before).values_list("id", flat=True)[:size])
    content_type = ContentType.objects.get_for_model(Question)
    AuditEntry.objects.filter(content_type=content_type, object_id__in=ids).delete()
    Question.objects.filter(id__in=ids).delete()
    return len(ids)
