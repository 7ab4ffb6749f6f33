"""What the desk's views share: how a refusal is told to the editor."""

from columns import workflow

# A bulk refusal may list hundreds of letters; the message names the first few.
LISTED_REFUSALS = 10


def refusal_message(error: workflow.WorkflowError) -> str:
    """``error`` as a message for the editor, naming refused letters by number."""
    if not isinstance(error, workflow.BulkRefused):
        return str(error)
    refusals = error.refusals
    listed = "; ".join(
        f"#{letter.pk} “{letter}”: {str(reason).rstrip('.')}"
        for letter, reason in refusals[:LISTED_REFUSALS]
    )
    more = len(refusals) - LISTED_REFUSALS
    tail = f"; and {more} more" if more > 0 else ""
    noun = "letter was" if len(refusals) == 1 else "letters were"
    return f"Nothing was changed: {len(refusals)} {noun} refused. {listed}{tail}."
