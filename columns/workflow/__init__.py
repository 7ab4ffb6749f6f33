"""The editorial workflow: every change to a letter, an answer, a revision or a
review comment happens here.

Each verb checks the actor's role (``core.may`` / ``core.require``, from one table)
and, for a state change, the object's current state against the transition tables;
it changes the state with a conditional UPDATE (so two editors clicking at once
cannot both succeed, on SQLite as on PostgreSQL), writes an audit entry through
``core.audit`` and runs in one transaction. A refused change raises a
``WorkflowError`` whose message is fit to show the user, and changes nothing.

Views, templates and the admin read ``QUESTION_TRANSITIONS`` /
``ANSWER_TRANSITIONS`` (via ``available_transitions``) to decide which buttons to
show. The modules: ``core`` (tables, checks, audit), ``letters``, ``bulk`` (the
queue's decisions on many letters), ``answers`` (review and publication),
``editing`` (an answer's text, its autosave, revisions, comments), ``history`` (the
audit log as people read it), ``checks`` (checks the single and bulk verbs share).
"""

from columns.workflow.answers import (
    NeedsConfirmation,
    approve,
    ask_to_reopen,
    mark_reviewed,
    publication_concerns,
    publish,
    redraft,
    reopen_request,
    reorder_letters,
    request_changes,
    reschedule,
    submit_for_review,
    unschedule,
    withdraw,
)
from columns.workflow.bulk import (
    BULK_MOVES,
    bulk_assign,
    bulk_move,
    bulk_refusals,
    bulk_tag,
)
from columns.workflow.checks import DRAFTING
from columns.workflow.core import (
    ACTION_LABELS,
    ANSWER_TRANSITIONS,
    EDITS,
    QUESTION_TRANSITIONS,
    STATE_LABELS,
    BulkRefused,
    InvalidTransition,
    NotAllowed,
    Transition,
    WorkflowError,
    apply_to_all,
    audit,
    audit_all,
    available_transitions,
    check_allowed,
    may,
    require,
)
from columns.workflow.letters import (
    AnonymityUnconfirmed,
    LetterEdit,
    StaleLetter,
    assign,
    create_answer,
    decline,
    edit_letter,
    mark_duplicate,
    mark_spam,
    merge_duplicates,
    purge_batch,
    reopen,
    shortlist,
)

__all__ = [
    "ACTION_LABELS",
    "ANSWER_TRANSITIONS",
    "BULK_MOVES",
    "DRAFTING",
    "EDITS",
    "QUESTION_TRANSITIONS",
    "STATE_LABELS",
    "AnonymityUnconfirmed",
    "BulkRefused",
    "InvalidTransition",
    "LetterEdit",
    "NeedsConfirmation",
    "NotAllowed",
    "StaleLetter",
    "Transition",
    "WorkflowError",
    "apply_to_all",
    "approve",
    "ask_to_reopen",
    "assign",
    "audit",
    "audit_all",
    "available_transitions",
    "bulk_assign",
    "bulk_move",
    "bulk_refusals",
    "bulk_tag",
    "check_allowed",
    "create_answer",
    "decline",
    "edit_letter",
    "mark_duplicate",
    "mark_reviewed",
    "mark_spam",
    "may",
    "merge_duplicates",
    "publication_concerns",
    "publish",
    "reschedule",
    "purge_batch",
    "redraft",
    "reopen",
    "reopen_request",
    "reorder_letters",
    "request_changes",
    "require",
    "shortlist",
    "submit_for_review",
    "unschedule",
    "withdraw",
]
