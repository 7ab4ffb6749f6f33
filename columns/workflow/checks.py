"""Checks that the single and the bulk letter verbs share. Nothing changes here."""

from columns.models import Question, User
from columns.workflow.core import ANSWER_TRANSITIONS, InvalidTransition, may

# An answer is being drafted while it can still go (back) to review; only then may
# letters join it.
DRAFTING = ANSWER_TRANSITIONS["submit_for_review"].sources


def check_printable(letter: Question) -> None:
    """Columnists answer the public text: a letter without one can't be assigned
    (and they must never be shown the reader's original instead)."""
    if not letter.public_text.strip():
        raise InvalidTransition(
            "The letter has no public text yet: write the version to print first."
        )


def check_assignable(columnist: User) -> None:
    """Letters go to columnists only (active, with the Columnist role)."""
    if not may(columnist, "draft_answer"):
        raise InvalidTransition(
            f"{columnist} is not a columnist and can't be assigned letters."
        )
