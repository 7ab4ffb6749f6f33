"""Bulk actions on letters ticked in the review queue: confirm, then act."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from columns import workflow
from columns.access import editor_required
from columns.forms.desk import BulkForm
from columns.models import Question, User
from columns.views.desk.common import refusal_message

# What the confirmation asks: "Decline 3 letters?"
VERBS = {
    "shortlist": "shortlist",
    "decline": "decline",
    "mark_spam": "mark as spam",
    "tag": "add topics to",
    "assign": "assign",
}


def _return_to(request: HttpRequest) -> str:
    """The queue page the editor came from (filters and all), if it is one."""
    queue = reverse("desk:queue")
    url = request.POST.get("return_to", "")
    is_queue = url.startswith(queue) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}
    )
    return url if is_queue else queue


def _run(data: dict, user: User) -> int:
    """Apply the confirmed bulk action; return how many letters it changed."""
    action, letters, note = data["action"], data["letters"], data["note"]
    if action in workflow.BULK_MOVES:
        return workflow.bulk_move(action, letters, by=user, note=note)
    if action == "tag":
        return workflow.bulk_tag(letters, topics=data["topics"], by=user, note=note)
    answers = workflow.bulk_assign(
        letters,
        to=data["columnist"],
        by=user,
        answer=data["answer"],
        together=data["together"],
        note=note,
    )
    return len(answers)


def _options(data: dict) -> dict:
    if data["action"] != "assign":
        return {}
    return {"answer": data["answer"], "together": data["together"]}


def _confirmation(
    request: HttpRequest,
    form: BulkForm,
    refusals: list[tuple[Question, workflow.WorkflowError]],
    *,
    status: int = 200,
) -> HttpResponse:
    """Renders the confirmation page: the ticked letters, the action's details, and
    any letters the action would refuse (with a way to go on without them)."""
    letters = form.cleaned_data.get("letters", [])
    action = form.cleaned_data.get("action", "")
    refused = {letter.pk: str(reason) for letter, reason in refusals}
    context = {
        "form": form,
        "action": action,
        "verb": VERBS.get(action, ""),
        "rows": [(letter, refused.get(letter.pk)) for letter in letters],
        "refused_count": len(refused),
        "allowed": [letter for letter in letters if letter.pk not in refused],
        "return_to": _return_to(request),
    }
    return render(request, "desk/bulk_confirm.html", context, status=status)


@require_POST
@editor_required
def bulk(request: HttpRequest) -> HttpResponse:
    """From the queue: show what the action will do and ask to confirm. Confirmed:
    apply it to every ticked letter or, if any is refused, to none."""
    form = BulkForm(request.POST)
    return_to = _return_to(request)
    if not form.is_valid():
        if list(form.errors) == ["letters"] and not request.POST.getlist("letters"):
            messages.error(request, "Tick at least one letter, then choose an action.")
            return redirect(return_to)
        messages.error(
            request, "Please check the highlighted fields; nothing was done."
        )
        return _confirmation(request, form, [], status=400)
    data = form.cleaned_data
    if not data["confirmed"]:
        refusals = workflow.bulk_refusals(
            data["action"], data["letters"], by=request.user, **_options(data)
        )
        return _confirmation(request, form, refusals)
    try:
        count = _run(data, request.user)
    except workflow.WorkflowError as error:
        messages.error(request, refusal_message(error))
        return _confirmation(request, form, getattr(error, "refusals", []), status=409)
    noun = "letter" if count == 1 else "letters"
    done = workflow.ACTION_LABELS[data["action"]].lower()
    if data["action"] == "assign":
        done = f"{done} to {data['columnist']}"
    messages.success(request, f"{count} {noun} {done}.")
    return redirect(return_to)
