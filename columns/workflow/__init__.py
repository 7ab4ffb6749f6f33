"""The editorial workflow: every state change of a letter or an answer happens here.

Each verb checks the actor's role and the object's current state against one
transition table, changes the state with a conditional UPDATE (so two editors
clicking at once cannot both succeed, on SQLite as on PostgreSQL), writes an audit
entry and runs in one transaction. A refused transition raises a ``WorkflowError``
whose message is fit to show the user, and changes nothing.

Views, templates and the admin read ``QUESTION_TRANSITIONS`` / ``ANSWER_TRANSITIONS``
(via ``available_transitions``) to decide which buttons to show.
"""

from columns.workflow.answers import (
    approve,
    publish,
    redraft,
    request_changes,
    submit_for_review,
    withdraw,
)
from columns.workflow.core import (
    ANSWER_TRANSITIONS,
    QUESTION_TRANSITIONS,
    BulkRefused,
    InvalidTransition,
    NotAllowed,
    Transition,
    WorkflowError,
    apply_to_all,
    available_transitions,
    check_allowed,
)
from columns.workflow.letters import (
    assign,
    create_answer,
    decline,
    mark_duplicate,
    mark_spam,
    reopen,
    shortlist,
)

__all__ = [
    "ANSWER_TRANSITIONS",
    "QUESTION_TRANSITIONS",
    "BulkRefused",
    "InvalidTransition",
    "NotAllowed",
    "Transition",
    "WorkflowError",
    "apply_to_all",
    "approve",
    "assign",
    "available_transitions",
    "check_allowed",
    "create_answer",
    "decline",
    "mark_duplicate",
    "mark_spam",
    "publish",
    "redraft",
    "reopen",
    "request_changes",
    "shortlist",
    "submit_for_review",
    "withdraw",
]
