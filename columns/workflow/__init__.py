"""The editorial workflow: every state change of a letter or an answer happens here.

Each verb checks the actor's role and the object's current state against one
transition table, changes the state with a conditional UPDATE (so two editors
clicking at once cannot both succeed, on SQLite as on PostgreSQL), writes an audit
entry and runs in one transaction. A refused transition raises a ``WorkflowError``
whose message is fit to show the user, and changes nothing.

Views, templates and the admin read ``QUESTION_TRANSITIONS`` / ``ANSWER_TRANSITIONS``
(via ``available_transitions``) to decide which buttons to show.
"""

# Each module lists its public names in __all__; the package re-exports them all, so
# callers write ``workflow.publish(...)`` whichever module a verb lives in.
from columns.workflow import answers, core, letters
from columns.workflow.answers import *  # noqa: F403
from columns.workflow.core import *  # noqa: F403
from columns.workflow.letters import *  # noqa: F403

__all__ = [*core.__all__, *letters.__all__, *answers.__all__]
