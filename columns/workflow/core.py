"""The transition tables and the one function that moves an object between states."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F

from columns.models import Answer, AuditEntry, Question, User

__all__ = [
    "ACTION_LABELS",
    "ANSWER_TRANSITIONS",
    "EDITS",
    "STATE_LABELS",
    "QUESTION_TRANSITIONS",
    "BulkRefused",
    "InvalidTransition",
    "NotAllowed",
    "Transition",
    "WorkflowError",
    "apply_to_all",
    "audit",
    "audit_all",
    "available_transitions",
    "check_allowed",
    "may",
    "require",
]

Status = Question.Status
State = Answer.State

# How far in the past a "publish at" may lie and still count as "now" (a form
# submitted a little after the minute it names).
SCHEDULE_GRACE = timedelta(minutes=5)


class WorkflowError(Exception):
    """A refused transition. ``str(error)`` is a message for the user."""


class NotAllowed(WorkflowError):
    """The actor's role does not permit this."""


class InvalidTransition(WorkflowError):
    """The object's state (or the request's arguments) does not permit this."""


class BulkRefused(WorkflowError):
    """Some objects of a bulk action were refused; nothing was changed."""

    def __init__(self, refusals: list[tuple[models.Model, WorkflowError]]):
        self.refusals = refusals
        details = "; ".join(f"“{obj}”: {error}" for obj, error in refusals)
        super().__init__(
            f"Nothing was changed: {len(refusals)} of the selected items were "
            f"refused. {details}"
        )


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    # A further condition than the state, on the object and the user: why the
    # transition is refused, or "" when it may go ahead (e.g. "scheduled for later").
    condition: Callable[[models.Model, User], str] | None = None


@dataclass(frozen=True)
class Machine:
    """The transitions of one model and the field that holds its state."""

    noun: str
    field: str
    transitions: dict[str, Transition]
    # Letters carry a version that any change bumps (stale triage forms);
    # an answer's version counts text edits only (conflicting saves).
    bumps_version: bool = field(default=False)


@dataclass(frozen=True)
class Edit:
    """A verb that changes an object but not its state, and who may run it."""

    action: str
    label: str  # what the audit log shows, in the past tense
    permission: str
    refusal: str  # "You don't have permission to ..."


def _table(*transitions: Transition) -> dict[str, Transition]:
    return {transition.action: transition for transition in transitions}


WAITING = Question.WAITING


def _scheduled(verb: str) -> Callable[[Answer, User], str]:
    def condition(answer: Answer, user: User) -> str:
        if answer.is_scheduled():
            return ""
        return f"Only an answer scheduled for later can be {verb}."

    return condition


def _reopen_requestable(answer: Answer, user: User) -> str:
    """A columnist asks; an editor corrects a live answer directly."""
    if may(user, "review_answer"):
        return "Editors can correct a published answer directly: edit it and save."
    if not answer.is_published():
        return "Only a live answer can be reopened on request."
    return ""


QUESTION_TRANSITIONS = _table(
    Transition(
        "shortlist",
        "Shortlist",
        frozenset({Status.NEW}),
        Status.SHORTLISTED,
        "triage_question",
    ),
    Transition("decline", "Decline", WAITING, Status.DECLINED, "triage_question"),
    Transition("mark_spam", "Mark as spam", WAITING, Status.SPAM, "triage_question"),
    Transition(
        "mark_duplicate",
        "Mark as duplicate",
        WAITING,
        Status.DUPLICATE,
        "triage_question",
    ),
    Transition(
        "reopen",
        "Reopen",
        frozenset({Status.DECLINED, Status.SPAM, Status.DUPLICATE}),
        Status.NEW,
        "triage_question",
    ),
    Transition("assign", "Assign", WAITING, Status.ASSIGNED, "assign_question"),
)

ANSWER_TRANSITIONS = _table(
    Transition(
        "submit_for_review",
        "Submit for review",
        frozenset({State.DRAFT, State.CHANGES_REQUESTED}),
        State.IN_REVIEW,
        "draft_answer",
    ),
    Transition(
        "request_changes",
        "Request changes",
        frozenset({State.IN_REVIEW}),
        State.CHANGES_REQUESTED,
        "review_answer",
    ),
    Transition(
        "approve",
        "Approve",
        frozenset({State.IN_REVIEW}),
        State.APPROVED,
        "review_answer",
    ),
    Transition(
        "publish",
        "Publish",
        frozenset({State.APPROVED}),
        State.PUBLISHED,
        "publish_answer",
    ),
    Transition(
        "withdraw",
        "Withdraw",
        frozenset({State.PUBLISHED}),
        State.WITHDRAWN,
        "publish_answer",
    ),
    Transition(
        "reschedule",
        "Reschedule",
        frozenset({State.PUBLISHED}),
        State.PUBLISHED,
        "publish_answer",
        _scheduled("rescheduled"),
    ),
    Transition(
        "unschedule",
        "Unschedule",
        frozenset({State.PUBLISHED}),
        State.APPROVED,
        "publish_answer",
        _scheduled("unscheduled"),
    ),
    Transition(
        "ask_to_reopen",
        "Ask to reopen",
        frozenset({State.PUBLISHED}),
        State.PUBLISHED,
        "draft_answer",
        _reopen_requestable,
    ),
    Transition(
        "redraft",
        "Back to draft",
        frozenset({State.WITHDRAWN}),
        State.DRAFT,
        "draft_answer",
    ),
)

EDITS = {
    edit.action: edit
    for edit in [
        Edit("edit", "Edited", "triage_question", "edit letters"),
        Edit("tag", "Tagged", "triage_question", "tag letters"),
        Edit("save", "Saved", "draft_answer", "edit answers"),
        Edit("restore", "Revision restored", "draft_answer", "edit answers"),
        Edit("comment", "Commented on", "draft_answer", "comment on answers"),
        Edit("resolve_comment", "Comment resolved", "draft_answer", "resolve comments"),
        Edit("reorder_letters", "Letters reordered", "draft_answer", "reorder letters"),
        Edit(
            "mark_reviewed",
            "Reviewed for accuracy",
            "review_answer",
            "mark answers as reviewed",
        ),
    ]
}

# What each action did, in the past tense, as the audit log and the desk's messages
# ("3 letters declined") say it: the transitions, the edits, and what publishing or
# withdrawing an answer does to its letters.
ACTION_LABELS = {
    "shortlist": "Shortlisted",
    "decline": "Declined",
    "mark_spam": "Marked as spam",
    "mark_duplicate": "Marked as duplicate",
    "reopen": "Reopened",
    "assign": "Assigned",
    "submit_for_review": "Submitted for review",
    "request_changes": "Sent back for changes",
    "approve": "Approved",
    "publish": "Published",
    "withdraw": "Withdrawn",
    "redraft": "Put back to draft",
    "reschedule": "Rescheduled",
    "unschedule": "Unscheduled",
    "ask_to_reopen": "Asked to reopen",
    "answer_published": "Answer published",
    "answer_withdrawn": "Answer withdrawn",
    "answer_unscheduled": "Answer unscheduled",
    **{edit.action: edit.label for edit in EDITS.values()},
}

QUESTIONS = Machine("letter", "status", QUESTION_TRANSITIONS, bumps_version=True)
ANSWERS = Machine("answer", "state", ANSWER_TRANSITIONS)


def _machine(obj: models.Model) -> Machine:
    return QUESTIONS if isinstance(obj, Question) else ANSWERS


# Letters' statuses and answers' states never share a name.
STATE_LABELS: dict[str, str] = {**dict(Status.choices), **dict(State.choices)}


def state_label(state: str) -> str:
    """A state's label as it reads in a sentence ("changes requested")."""
    return STATE_LABELS[state].lower()


def may(user: User, permission: str) -> bool:
    """Whether ``user`` holds ``permission`` (one the roles grant) and is active:
    the one place a role is checked."""
    return user.is_active and user.has_perm(f"columns.{permission}")


def require(user: User, action: str) -> None:
    """Raise ``NotAllowed`` unless ``user`` may run the edit ``action``."""
    edit = EDITS[action]
    if not may(user, edit.permission):
        raise NotAllowed(f"You don't have permission to {edit.refusal}.")


def check_allowed(obj: models.Model, action: str, user: User) -> Transition:
    """The transition if ``user`` may do ``action`` to ``obj`` now; raise if not."""
    machine = _machine(obj)
    transition = machine.transitions[action]
    if not may(user, transition.permission):
        raise NotAllowed(
            f"You don't have permission to {transition.label.lower()} {machine.noun}s."
        )
    if (
        isinstance(obj, Answer)
        and transition.permission == "draft_answer"
        and not may(user, "review_answer")
        and not obj.authors.filter(pk=user.pk).exists()
    ):
        raise NotAllowed(
            f"Only the answer's authors or an editor can {transition.label.lower()} it."
        )
    current = getattr(obj, machine.field)
    if current not in transition.sources:
        allowed = ", ".join(sorted(state_label(s) for s in transition.sources))
        raise InvalidTransition(
            f"Can't {transition.label.lower()} this {machine.noun}: it is "
            f"{state_label(current)} (only possible when {allowed})."
        )
    refusal = transition.condition(obj, user) if transition.condition else ""
    if refusal:
        raise InvalidTransition(refusal)
    return transition


def available_transitions(obj: models.Model, user: User) -> list[Transition]:
    """The transitions ``user`` may start on ``obj`` now, in table order."""
    available = []
    machine = _machine(obj)
    for action, transition in machine.transitions.items():
        # Skipped before the checks that cost a query (is the user an author?).
        if getattr(obj, machine.field) not in transition.sources:
            continue
        try:
            available.append(check_allowed(obj, action, user))
        except WorkflowError:
            continue
    return available


def audit(
    obj: models.Model,
    action: str,
    from_state: str,
    to_state: str,
    by: User | None,
    note: str = "",
) -> AuditEntry:
    """One audit entry: ``obj`` went from ``from_state`` to ``to_state`` (the same
    for an edit) by ``action``."""
    [entry] = audit_all([(obj, from_state)], action, to_state, by, note)
    return entry


def audit_all(
    changes: Iterable[tuple[models.Model, str]],
    action: str,
    to_state: str,
    by: User | None,
    note: str = "",
) -> list[AuditEntry]:
    """One audit entry per (object, state it left), in one INSERT; every object went
    to ``to_state`` ("" for: it stayed where it was) by ``action``."""
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            action=action,
            from_state=from_state,
            to_state=to_state or from_state,
            actor=by,
            note=note,
        )
        for obj, from_state in changes
    )


def move(
    obj: models.Model, action: str, *, by: User, note: str = "", **changes
) -> models.Model:
    """Check, then move ``obj`` to the transition's target state with ``changes``.

    The UPDATE is conditional on the state we checked, so a concurrent change makes
    it match no row and the move is refused rather than applied twice.
    """
    machine = _machine(obj)
    transition = check_allowed(obj, action, by)
    current = getattr(obj, machine.field)
    values = {machine.field: transition.target, **changes}
    if machine.bumps_version:
        values["version"] = F("version") + 1
    updated = (
        type(obj).objects.filter(pk=obj.pk, **{machine.field: current}).update(**values)
    )
    if not updated:
        raise InvalidTransition(
            f"This {machine.noun} was changed by someone else meanwhile; "
            "reload the page and try again."
        )
    obj.refresh_from_db()
    audit(obj, action, current, transition.target, by, note)
    return obj


@transaction.atomic
def apply_to_all(
    verb: Callable[..., object], objects: Iterable[models.Model], *, by: User, **kwargs
) -> int:
    """Run ``verb`` on every object, all or nothing.

    If any object is refused, every change is rolled back and ``BulkRefused`` lists
    which objects were refused and why.
    """
    refusals: list[tuple[models.Model, WorkflowError]] = []
    done = 0
    for obj in objects:
        try:
            with transaction.atomic():
                verb(obj, by=by, **kwargs)
            done += 1
        except WorkflowError as error:
            refusals.append((obj, error))
    if refusals:
        raise BulkRefused(refusals)
    return done
