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
    ReopenForm,
    RescheduleForm,
    ScheduleForm,
    WithdrawForm,
)
from columns.models import Answer, AuditEntry, User


def _note(form: forms.Form) -> str:
    return form.cleaned_data["note"]


def _publish(answer: Answer, by: User, form: PublishForm) -> Answer:
    # Never a ``now`` from the request: the workflow reads the clock itself.
    return workflow.publish(
        answer, by=by, at=form.publish_at(), confirmed=form.confirmed
    )


def _scheduled(answer: Answer, done: str = "Scheduled") -> str:
    at = timezone.localtime(answer.publish_at, timezone.get_default_timezone())
    zone = timezone.get_default_timezone_name()
    return f"{done}: it goes live on {at:%-d %B %Y at %H:%M} ({zone})."


def _reschedule(answer: Answer, by: User, form: RescheduleForm) -> Answer:
    return workflow.reschedule(answer, by=by, at=form.publish_at())


def _editors_emailed(done: str) -> str:
    if notifications.editors_reachable():
        return f"{done} The editors have been emailed."
    return f"{done} No editor has an email address, so nobody was emailed."


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
        if hasattr(self.form_class, "initial_for") and answer.publish_at:
            kwargs["initial"] = self.form_class.initial_for(answer)
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
            lambda a: _editors_emailed("Submitted for review."),
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
            "reschedule",
            "reschedule",
            "Reschedule",
            RescheduleForm,
            _reschedule,
            lambda a: _scheduled(a, "Rescheduled"),
        ),
        Step(
            "unschedule",
            "unschedule",
            "Unschedule",
            NoteForm,
            lambda a, by, f: workflow.unschedule(a, by=by, note=_note(f)),
            lambda a: (
                "Unscheduled: it is approved again and goes live only when it is "
                "published or scheduled."
            ),
        ),
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
        Step(
            "ask_to_reopen",
            "ask_to_reopen",
            "Ask to reopen",
            ReopenForm,
            lambda a, by, f: workflow.ask_to_reopen(a, by=by, note=_note(f)),
            lambda a: _editors_emailed("Asked the editors to reopen it."),
        ),
    ]
}


class EditorSteps(list):
    """The steps a user may take, as (step, form) pairs, with what the review
    section says around them."""

    def __init__(self, steps, *, reopen_request: AuditEntry | None) -> None:
        super().__init__(steps)
        # Shown to editors at the top of the review section until one acts on it.
        self.reopen_request = reopen_request


def step_forms(
    answer: Answer, user: User, bound: tuple[str, forms.Form] | None = None
) -> EditorSteps:
    """The steps ``user`` may take now, each with its form. A ``bound`` form (a
    refused attempt) is shown as submitted, so a typed note is never lost."""
    available = {t.action for t in workflow.available_transitions(answer, user)}
    bound_name, bound_form = bound or (None, None)
    concerns = workflow.publication_concerns(answer) if "publish" in available else []
    editor = workflow.may(user, "review_answer")
    request = (
        workflow.reopen_request(answer)
        if editor and answer.state == Answer.State.PUBLISHED
        else None
    )
    steps = [
        (
            step,
            bound_form if name == bound_name else step.form(answer, concerns=concerns),
        )
        for name, step in STEPS.items()
        if step.action in available or name == bound_name
    ]
    return EditorSteps(steps, reopen_request=request)
