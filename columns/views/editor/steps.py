"""The workflow steps the editor page offers, as one table.

Which steps show is decided by ``workflow.available_transitions`` (the workflow's
own table); this table only says, for each step, which form asks for its input,
which verb it runs and what to tell the user afterwards.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils import timezone

from columns import notifications, workflow
from columns.forms.review import (
    ChangesForm,
    NoteForm,
    PublishForm,
    ScheduleForm,
    WithdrawForm,
)
from columns.models import Answer, User


def _note(form: forms.Form) -> str:
    return form.cleaned_data["note"]


def _publish(answer: Answer, by: User, form: PublishForm) -> Answer:
    # Never a ``now`` from the request: the workflow reads the clock itself.
    return workflow.publish(
        answer, by=by, at=form.publish_at(), confirmed=form.confirmed
    )


def _scheduled(answer: Answer) -> str:
    at = timezone.localtime(answer.publish_at, timezone.get_default_timezone())
    zone = timezone.get_default_timezone_name()
    return f"Scheduled: it goes live on {at:%-d %B %Y at %H:%M} ({zone})."


@dataclass(frozen=True)
class Step:
    name: str  # URL name and path segment
    action: str  # the workflow transition it performs
    label: str
    form_class: type[forms.Form]
    run: Callable[[Answer, User, forms.Form], Answer]
    done: Callable[[Answer], str]

    @property
    def url_name(self) -> str:
        return f"editor:{self.name}"

    def form(
        self, answer: Answer, data=None, *, concerns: list[str] | None = None
    ) -> forms.Form:
        """The step's form, with ids unique on the editor page."""
        kwargs: dict = {"auto_id": f"{self.name}_%s"}
        if issubclass(self.form_class, PublishForm):
            if concerns is None:
                concerns = workflow.publication_concerns(answer)
            kwargs["concerns"] = concerns
        return self.form_class(data, **kwargs)


STEPS = {
    step.name: step
    for step in [
        Step(
            "submit_for_review",
            "submit_for_review",
            "Submit for review",
            NoteForm,
            lambda a, by, f: workflow.submit_for_review(a, by=by, note=_note(f)),
            lambda a: (
                "Submitted for review. "
                + (
                    "The editors have been emailed."
                    if notifications.editors_reachable()
                    else "No editor has an email address, so nobody was emailed."
                )
            ),
        ),
        Step(
            "request_changes",
            "request_changes",
            "Request changes",
            ChangesForm,
            lambda a, by, f: workflow.request_changes(a, by=by, note=_note(f)),
            lambda a: (
                "Changes requested. "
                + (
                    "The columnist has been emailed."
                    if notifications.authors_reachable(a)
                    else "The columnist has no email address: tell them yourself."
                )
            ),
        ),
        Step(
            "approve",
            "approve",
            "Approve",
            NoteForm,
            lambda a, by, f: workflow.approve(a, by=by, note=_note(f)),
            lambda a: "Approved. It can now be published or scheduled.",
        ),
        Step(
            "publish",
            "publish",
            "Publish now",
            PublishForm,
            _publish,
            lambda a: "Published: the answer is live.",
        ),
        Step("schedule", "publish", "Schedule", ScheduleForm, _publish, _scheduled),
        Step(
            "withdraw",
            "withdraw",
            "Withdraw",
            WithdrawForm,
            lambda a, by, f: workflow.withdraw(a, by=by, note=_note(f)),
            lambda a: "Withdrawn. Its address now tells readers it was removed.",
        ),
        Step(
            "redraft",
            "redraft",
            "Back to draft",
            NoteForm,
            lambda a, by, f: workflow.redraft(a, by=by, note=_note(f)),
            lambda a: "Back to draft.",
        ),
    ]
}


def step_forms(
    answer: Answer, user: User, bound: tuple[str, forms.Form] | None = None
) -> list[tuple[Step, forms.Form]]:
    """The steps ``user`` may take now, each with its form. A ``bound`` form (a
    refused attempt) is shown as submitted, so a typed note is never lost."""
    available = {t.action for t in workflow.available_transitions(answer, user)}
    bound_name, bound_form = bound or (None, None)
    concerns = workflow.publication_concerns(answer) if "publish" in available else []
    return [
        (
            step,
            bound_form if name == bound_name else step.form(answer, concerns=concerns),
        )
        for name, step in STEPS.items()
        if step.action in available or name == bound_name
    ]
