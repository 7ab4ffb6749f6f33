"""Emails to staff about their work. Sent after the transaction commits, so a
rolled-back change never sends mail. Readers never get email: we hold none."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from columns.models import Answer, Question, User


def _send(template: str, answer: Answer, recipients: list[str], **context) -> None:
    """Render ``emails/<template>[_subject].txt`` about ``answer`` and send it to
    ``recipients`` once the transaction commits."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    context.update(
        answer=answer,
        url=reverse("editor:answer_edit", args=[answer.pk]),
        site_url=settings.SITE_URL.rstrip("/"),
    )
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"emails/{template}.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    )


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


def changes_requested(answer: Answer, note: str) -> None:
    _send("changes_requested", answer, _authors(answer), note=note)


def answer_approved(answer: Answer) -> None:
    _send("answer_approved", answer, _authors(answer))


def answer_published(answer: Answer) -> None:
    _send("answer_published", answer, _authors(answer))
