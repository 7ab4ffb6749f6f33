"""Reader intake: cleaning a letter, receipt codes, the daily cap and the wait.

Receipt codes: the ask form carries a random token; the reader's code is derived
from it with a keyed hash. A double-submitted form therefore yields the same code,
whose digest is unique in the database, so one form can never make two letters and
the reader sees the same code whatever response the browser keeps. Only the
SHA-256 digest of the code is stored.
"""

import base64
import hashlib
import hmac
import math
import secrets
import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from columns.models import Answer, Column, Question, Topic
from columns.safety import needs_safety_flag

RECEIPT_LENGTH = 28  # base32 characters: 140 bits
RECEIPT_GROUP = 4
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# Characters people mistype for base32 ones (base32 has no 0, 1 or 8).
LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
KEEP_CONTROLS = {"\n", "\t"}


def new_form_token() -> str:
    return secrets.token_urlsafe(32)


def receipt_code_for(form_token: str) -> str:
    """The reader's receipt code for a form token, grouped for reading aloud."""
    mac = hmac.new(
        settings.SECRET_KEY.encode(), b"receipt:" + form_token.encode(), hashlib.sha256
    ).digest()
    chars = base64.b32encode(mac).decode()[:RECEIPT_LENGTH]
    return "-".join(
        chars[i : i + RECEIPT_GROUP] for i in range(0, RECEIPT_LENGTH, RECEIPT_GROUP)
    )


def normalise_code(typed: str) -> str:
    """Upper-case the typed code and drop spaces, dashes and anything else."""
    upper = typed.upper().translate(LOOKALIKES)
    return "".join(char for char in upper if char in BASE32)


def receipt_digest(code: str) -> str:
    """What the database keeps of a receipt code."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def clean_letter_text(text: str) -> str:
    """The reader's text as sent, made safe to store.

    NFC-normalised; newlines unified; NUL and other control characters removed
    (newlines and tabs kept); format characters such as the zero-width joiner in
    emoji sequences kept; surrounding whitespace trimmed.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = (
        char
        for char in text
        if char in KEEP_CONTROLS or unicodedata.category(char) not in {"Cc", "Cs"}
    )
    return "".join(kept).strip()


# The daily cap ----------------------------------------------------------------------


def start_of_today(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def intake_state(column: Column, now: datetime | None = None) -> Column.Intake:
    """Whether the column takes letters now: open, full for today (its daily cap
    reached, in the site's time zone) or closed. One query."""
    state = (
        Column.objects.filter(pk=column.pk)
        .with_intake_state(start_of_today(now))
        .values_list("intake_state", flat=True)
        .get()
    )
    return Column.Intake(state)


# /ask/ is never cached nor baked (nginx passes it to the app), so listing the
# columns' states as they are at each request keeps it right when a column fills
# up and again at midnight, with no page to invalidate.
def columns_for_readers(now: datetime | None = None) -> list[Column]:
    """Every column with its ``intake_state`` and its ``expected_wait``. Two
    queries."""
    now = now or timezone.now()
    # In the columns' own order: a grouped query leaves Meta.ordering out.
    columns = list(
        Column.objects.with_intake_state(start_of_today(now)).order_by(
            "position", "name"
        )
    )
    medians = Answer.objects.recent_median_waits(now)
    for column in columns:
        column.expected_wait = expected_wait(medians.get(column.pk))
    return columns


# The expected wait ------------------------------------------------------------------

# Without enough recent answers to go by (see ``Answer.objects.recent_median_waits``).
USUAL_WAIT = "Chosen letters are usually answered within a few weeks."
# The range shown spans this band around the median, rounded outwards, so that it
# reads as the estimate it is and never as a promise.
WAIT_BAND = (2 / 3, 4 / 3)
# (unit, its length in days, used while the median is shorter than this many days)
WAIT_UNITS = [("days", 1, 14), ("weeks", 7, 90), ("months", 30, math.inf)]


def wait_range(median: timedelta) -> str:
    """A reader-facing range around a median wait: "2–4 weeks", "3–7 days"."""
    days = median / timedelta(days=1)
    unit, length = next(
        (unit, length) for unit, length, below in WAIT_UNITS if days < below
    )
    low = max(1, math.floor(days * WAIT_BAND[0] / length))
    high = max(low + 1, math.ceil(days * WAIT_BAND[1] / length))
    return f"{low}–{high} {unit}"


def expected_wait(median: timedelta | None) -> str:
    """The sentence readers are told about waiting, given the column's recent
    median wait (None when too few letters were answered lately)."""
    if median is None:
        return USUAL_WAIT
    return (
        f"Recently, chosen letters were answered in about {wait_range(median)}; "
        "many letters are never answered."
    )


def expected_wait_for(column: Column, now: datetime | None = None) -> str:
    """``expected_wait`` for one column. One query."""
    medians = Answer.objects.filter(column=column).recent_median_waits(
        now or timezone.now()
    )
    return expected_wait(medians.get(column.pk))


# Receiving a letter ---------------------------------------------------------------


class IntakeClosed(Exception):
    """The column takes no letters now; ``str()`` says why, for the reader."""


def already_received(form_token: str) -> Question | None:
    """The letter a previous submission of this very form created, if any."""
    digest = receipt_digest(receipt_code_for(form_token))
    return Question.objects.filter(receipt_digest=digest).first()


REFUSALS = {
    Column.Intake.CLOSED: "{name} is not taking questions at the moment.",
    Column.Intake.FULL: (
        "{name} has received all the letters it can read today. "
        "Please come back tomorrow."
    ),
}


def refusal_for(column: Column, state: Column.Intake) -> str:
    """Why the column in ``state`` can't take a letter, or "" when it can."""
    return REFUSALS.get(state, "").format(name=column.name)


def refusal_reason(column: Column, now: datetime | None = None) -> str:
    """Why the column can't take a letter now, or "" when it can."""
    return refusal_for(column, intake_state(column, now))


def receive_letter(
    column: Column, *, text: str, sign_off: str, topic: Topic | None, form_token: str
) -> tuple[Question, str]:
    """Store a reader's letter as new and return it with the reader's receipt code.

    Idempotent per form: submitting the same form again returns the first letter.
    No audit entry is written: its exact timestamp would undo the rounding of the
    submission time. Raises ``IntakeClosed`` when the column is closed or full.
    """
    code = receipt_code_for(form_token)
    digest = receipt_digest(code)
    try:
        with transaction.atomic():
            # Checked inside the transaction so the cap holds under concurrency on
            # SQLite, whose IMMEDIATE transactions run one writer at a time.
            reason = refusal_reason(column)
            if reason:
                raise IntakeClosed(reason)
            question = Question.objects.create(
                column=column,
                original_text=text,
                public_text=text,
                sign_off=sign_off or "Anonymous",
                safety_flag=needs_safety_flag(text),
                receipt_digest=digest,
            )
            if topic is not None:
                question.topics.add(topic)
    except IntegrityError:
        # The same form raced itself (a double click): the first one won.
        question = Question.objects.get(receipt_digest=digest)
    return question, code


# What the reader sees on the status page ------------------------------------------

RECEIVED = "received"
CONSIDERING = "considering"
ANSWERED = "answered"
NOT_SELECTED = "not_selected"


def reader_status(question: Question) -> tuple[str, Answer | None]:
    """The letter's public state and, once answered in public, the answer.

    A letter merged into another follows it: its reader sees that letter's answer.
    """
    Status = Question.Status
    letter = question.duplicate_of if question.duplicate_of_id else question
    answer = (
        Answer.objects.published()
        .filter(letters__question=letter)
        .select_related("column")
        .first()
    )
    if answer is not None:
        return ANSWERED, answer
    if {question.status, letter.status} & {Status.DECLINED, Status.SPAM}:
        return NOT_SELECTED, None
    if question.status == Status.NEW:
        return RECEIVED, None
    return CONSIDERING, None
