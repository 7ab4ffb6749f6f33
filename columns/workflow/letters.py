"""Workflow verbs for readers' letters: triage, merging and assignment."""

from django.db import transaction
from django.db.models import F, Max

from columns.models import Answer, AnswerLetter, Question, User
from columns.workflow.core import (
    InvalidTransition,
    State,
    Status,
    audit,
    check_allowed,
    move,
    state_label,
)

__all__ = [
    "assign",
    "create_answer",
    "decline",
    "mark_duplicate",
    "mark_spam",
    "reopen",
    "shortlist",
]


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
        status = state_label(original, original.status)
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
def assign(
    question: Question,
    *,
    to: User,
    by: User,
    answer: Answer | None = None,
    note: str = "",
) -> Answer:
    """Assign a letter to a columnist, in a new draft answer or appended to ``answer``.

    Returns the answer that prints the letter. A roundup answer prints several
    letters in the order they were added.
    """
    check_allowed(question, "assign", by)
    if not to.is_active or not to.has_perm("columns.draft_answer"):
        raise InvalidTransition(
            f"{to} is not a columnist and can't be assigned letters."
        )
    if answer is None:
        answer = create_answer(question, by=by, author=to)
    else:
        if answer.column_id != question.column_id:
            raise InvalidTransition(
                "A letter can only join an answer of its own column."
            )
        if answer.state not in {State.DRAFT, State.CHANGES_REQUESTED}:
            raise InvalidTransition(
                "Letters can only be added to an answer that is still being drafted."
            )
        position = answer.letters.aggregate(last=Max("position"))["last"] or 0
        AnswerLetter.objects.create(
            answer=answer, question=question, position=position + 1
        )
    answer.authors.add(to)
    move(question, "assign", by=by, note=note or f"Assigned to {to}.", assignee=to)
    return answer


def create_answer(question: Question, *, by: User, author: User) -> Answer:
    """A new draft answer printing ``question``, with its first revision."""
    title = question.headline or f"Letter #{question.pk}"
    answer = Answer.objects.create(
        column=question.column,
        title=title,
        slug=Answer.objects.unique_slug(question.column_id, title),
    )
    AnswerLetter.objects.create(answer=answer, question=question, position=1)
    answer.authors.add(author)
    answer.record_revision(by=by, note="Created on assignment.")
    return answer
