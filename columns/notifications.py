"""Emails to staff about their work. Each is a background task enqueued with the
change (``columns.tasks``): a rolled-back change never sends mail, and a mail
server that is slow or down delays the mail, never the editor's click. Readers
never get email: we hold none.

Emails are plain text (rendered without HTML escaping) with absolute links built
from ``SITE_URL``.
"""

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from columns.models import Answer, Question, User
from columns.tasks import enqueue_with_change, send_staff_email

# The template engine without HTML escaping (settings.TEMPLATES).
PLAIN_TEXT = "plain-text"


def _send(template: str, answer: Answer, recipients: list[str], **context) -> None:
    """Render ``emails/<template>[_subject].txt`` about ``answer`` and queue it for
    ``recipients`` with the current change."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    context.update(
        answer=answer,
        url=settings.SITE_URL.rstrip("/")
        + reverse("editor:answer_edit", args=[answer.pk]),
    )
    subject = render_to_string(
        f"emails/{template}_subject.txt", context, using=PLAIN_TEXT
    )
    body = render_to_string(f"emails/{template}.txt", context, using=PLAIN_TEXT)
    # A header must be one line, whatever a title holds.
    subject = " ".join(subject.split())
    enqueue_with_change(send_staff_email, subject, body, recipients)


def editors_reachable() -> bool:
    """Whether an email to the editors reaches anyone."""
    return any(_editors())


def authors_reachable(answer: Answer) -> bool:
    """Whether an email to the answer's columnists reaches anyone."""
    return any(_authors(answer))


def _editors() -> list[str]:
    editors = User.objects.filter(
        Q(groups__permissions__codename="review_answer") | Q(is_superuser=True),
        is_active=True,
    ).distinct()
    return list(editors.values_list("email", flat=True))


def _authors(answer: Answer) -> list[str]:
    return list(answer.authors.filter(is_active=True).values_list("email", flat=True))


def letter_assigned(question: Question, answer: Answer, to: User) -> None:
    _send("letter_assigned", answer, [to.email], question=question, to=to)


def answer_submitted(answer: Answer) -> None:
    _send("answer_submitted", answer, _editors())


def reopen_requested(answer: Answer, note: str, by: User) -> None:
    _send("reopen_requested", answer, _editors(), note=note, by=by)


def changes_requested(answer: Answer, note: str) -> None:
    _send("changes_requested", answer, _authors(answer), note=note)


def answer_approved(answer: Answer) -> None:
    _send("answer_approved", answer, _authors(answer))


def answer_published(answer: Answer) -> None:
    _send("answer_published", answer, _authors(answer))
