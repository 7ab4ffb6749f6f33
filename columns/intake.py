"""Reader intake: cleaning a letter, receipt codes and the daily cap.

Receipt codes: the ask form carries a random token; the reader's code is derived
from it with a keyed hash. A double-submitted form therefore yields the same code,
whose digest is unique in the database, so one form can never make two letters and
the reader sees the same code whatever response the browser keeps. Only the
SHA-256 digest of the code is stored.
"""

import base64
import hashlib
import hmac
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


def is_full_today(column: Column, now: datetime | None = None) -> bool:
    """Whether the column has taken its daily cap of letters (site's time zone)."""
    if not column.daily_cap:
        return False
    since = start_of_today(now)
    taken = Question.objects.filter(
        column=column,
        submitted_at__gte=since,
        submitted_at__lt=since + timedelta(days=1),
    ).count()
    return taken >= column.daily_cap


# Receiving a letter ---------------------------------------------------------------


class IntakeClosed(Exception):
    """The column takes no letters now; ``str()`` says why, for the reader."""


def already_received(form_token: str) -> Question | None:
    """The letter a previous submission of this very form created, if any."""
    digest = receipt_digest(receipt_code_for(form_token))
    return Question.objects.filter(receipt_digest=digest).first()


def refusal_reason(column: Column, now: datetime | None = None) -> str:
    """Why the column can't take a letter now, or "" when it can."""
    if not column.is_open:
        return f"{column.name} is not taking questions at the moment."
    if is_full_today(column, now):
        return (
            f"{column.name} has received all the letters it can read today. "
            "Please come back tomorrow."
        )
    return ""


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
