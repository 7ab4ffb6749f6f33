"""The triage page's actions: POST only, each a workflow call.

The triage page is one form, so every action button sends the letter's edited
headline, public text, sign-off and the rest along: they are saved first (through
``workflow.edit_letter``, as "Save the letter" does), then the action runs on the
saved letter. A request without them (another client) acts on the letter as saved.

A success redirects (to the letter, or after a final decision to the next waiting
letter) with a message. A refusal re-renders the triage page with the reason and
what the editor typed: 400 for invalid input (including ids the page didn't offer),
409 when the letter's state or version forbids it. If the edit can't be saved,
nothing is done; if the action is refused after the edit was saved, the edit stays
saved and the message says so. Each workflow verb runs in one transaction.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from columns import workflow
from columns.access import editor_required
from columns.forms.desk import (
    ActionForm,
    AssignForm,
    DuplicateForm,
    LetterEditForm,
    MergeForm,
    TextCheckForm,
)
from columns.listings import keyset_page
from columns.models import Question
from columns.views.desk.common import refusal_message
from columns.views.desk.letters import letter_or_404, render_triage, text_checks
from columns.workflow.core import ACTION_LABELS

STALE = (
    "This letter changed since you opened the page, so nothing was done. Check "
    "the letter as it is now, then try again."
)
DECISIONS = {"shortlist", "decline", "mark_spam", "reopen"}
# After these the letter leaves the queue, so the editor moves on to the next one
# of the column.
FINAL = {"decline", "mark_spam"}


def _next_letter_url(letter: Question) -> str | None:
    """The page of the next waiting letter of the column after ``letter``, in the
    queue's order (oldest first)."""
    column_letters = Question.objects.filter(column_id=letter.column_id)
    page = keyset_page(
        [column_letters.in_status(status) for status in sorted(Question.WAITING)],
        Question.objects.all(),
        lead=("status",),
        by="submitted_at",  # the queue's order: by arrival
        newest_first=False,
        size=1,
        after=letter.pk,
    )
    return reverse("desk:letter", args=[page.rows[0].pk]) if page.rows else None


def _errors(form: forms.Form) -> list[str]:
    return [
        f"{form[name].label}: {error}" if name in form.fields else str(error)
        for name, field_errors in form.errors.items()
        for error in field_errors
    ]


def _stale_edit(request: HttpRequest, letter: Question) -> LetterEditForm:
    """The editor's edit, bound again at the letter's current version: saving it
    now is a deliberate choice made with the current text on the same page."""
    letter.refresh_from_db()
    data = request.POST.copy()
    data["version"] = str(letter.version)
    return LetterEditForm(data)


def _act(
    request: HttpRequest,
    letter: Question,
    form: forms.Form,
    form_name: str | None,
    run: Callable[[dict], str],
    *,
    move_on: bool = False,
) -> HttpResponse:
    """Validate ``form`` (version included) and the edit sent with it, save the
    edit, ``run`` the workflow call, then message and redirect; or re-render the
    triage page with the reason, keeping the bound form ``form_name`` of the page
    and the editor's text."""
    bound: dict[str, forms.Form] = {form_name: form} if form_name else {}
    edit_form = LetterEditForm(request.POST) if "public_text" in request.POST else None
    if edit_form is not None:
        bound["edit_form"] = edit_form
    invalid = [each for each in (form, edit_form) if each and not each.is_valid()]
    if invalid:
        # Both forms read the page's one version: its error is told once.
        told = [error for each in invalid for error in _errors(each)]
        errors = "; ".join(dict.fromkeys(told))
        messages.error(request, f"Nothing was changed: {errors}")
        return render_triage(request, letter, status=400, bound=bound)
    if form.cleaned_data["version"] != letter.version:
        messages.error(request, STALE)
        if edit_form is None:
            return render_triage(request, letter, status=409, bound=bound)
        bound["edit_form"] = _stale_edit(request, letter)
        return render_triage(request, letter, status=409, bound=bound, stale=True)
    saved: list[str] = []
    if edit_form is not None:
        try:
            saved = workflow.edit_letter(
                letter,
                edit_form.to_edit(),
                by=request.user,
                seen_version=form.cleaned_data["version"],
            )
        except workflow.StaleLetter:
            messages.error(request, STALE)
            bound["edit_form"] = _stale_edit(request, letter)
            return render_triage(request, letter, status=409, bound=bound, stale=True)
        except workflow.WorkflowError as error:
            messages.error(request, f"Nothing was changed: {error}")
            return render_triage(request, letter, status=409, bound=bound)
    kept = f"Saved the {', '.join(saved)}." if saved else ""
    try:
        done = run(form.cleaned_data)
    except workflow.WorkflowError as error:
        if kept:
            messages.success(request, kept)
        messages.error(request, refusal_message(error))
        # The letter as saved now, with its new version, in the edit form.
        bound.pop("edit_form", None)
        return render_triage(request, letter, status=409, bound=bound)
    done = f"{kept} {done}" if kept else done
    if not move_on:
        messages.success(request, done)
        return redirect("desk:letter", pk=letter.pk)
    following = _next_letter_url(letter)
    if following is None:
        messages.success(request, f"{done} No more letters of the column are waiting.")
        return redirect("desk:queue")
    messages.success(request, f"{done} Here is the next waiting letter.")
    return redirect(following)


@require_POST
@editor_required
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the public text, headline, sign-off, topics, warnings and notes."""
    letter = letter_or_404(pk)
    form = LetterEditForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Please check the highlighted fields; nothing was saved."
        )
        return render_triage(request, letter, status=400, bound={"edit_form": form})
    try:
        changed = workflow.edit_letter(
            letter,
            form.to_edit(),
            by=request.user,
            seen_version=form.cleaned_data["version"],
        )
    except workflow.StaleLetter as error:
        messages.error(request, str(error))
        bound = {"edit_form": _stale_edit(request, letter)}
        return render_triage(request, letter, status=409, bound=bound, stale=True)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return render_triage(request, letter, status=409, bound={"edit_form": form})
    if changed:
        messages.success(request, f"Saved the {', '.join(changed)}.")
    else:
        messages.info(request, "Nothing had changed, so there was nothing to save.")
    return redirect("desk:letter", pk=letter.pk)


@require_POST
@editor_required
def letter_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Renders the anonymity check of the headline, public text and sign-off being
    typed, and the public text's diff (for desk.js)."""
    letter = get_object_or_404(Question, pk=pk)
    form = TextCheckForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    context = text_checks(letter, **form.cleaned_data)
    return render(request, "desk/_text_checks.html", context)


@require_POST
@editor_required
def letter_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Shortlist, decline (the note is the internal reason), mark as spam, reopen."""
    if action not in DECISIONS:
        raise Http404("No such action.")
    letter = letter_or_404(pk)
    verb = getattr(workflow, action)

    def run(data: dict) -> str:
        verb(letter, by=request.user, note=data["note"])
        return f"Letter #{letter.pk} {ACTION_LABELS[action].lower()}."

    form = ActionForm(request.POST, action=action)
    return _act(request, letter, form, None, run, move_on=action in FINAL)


@require_POST
@editor_required
def letter_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge this letter into another of its column."""
    letter = letter_or_404(pk)

    def run(data: dict) -> str:
        workflow.mark_duplicate(
            letter, of=data["original"], by=request.user, note=data["note"]
        )
        return (
            f"Letter #{letter.pk} merged into #{letter.duplicate_of_id}: its reader "
            "will see that letter's answer."
        )

    form = DuplicateForm(request.POST, letter=letter)
    return _act(request, letter, form, "duplicate_form", run, move_on=True)


@require_POST
@editor_required
def letter_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge the ticked similar letters into this one, all or none."""
    letter = letter_or_404(pk)

    def run(data: dict) -> str:
        count = workflow.merge_duplicates(
            letter, data["duplicates"], by=request.user, note=data["note"]
        )
        noun = "letter" if count == 1 else "letters"
        return (
            f"Merged {count} {noun} into this one; their readers will see its answer."
        )

    form = MergeForm(request.POST, letter=letter)
    return _act(request, letter, form, "merge_form", run)


@require_POST
@editor_required
def letter_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign the letter to a columnist in a new draft or an existing one."""
    letter = letter_or_404(pk)

    def run(data: dict) -> str:
        answer = workflow.assign(
            letter,
            to=data["columnist"],
            by=request.user,
            answer=data["answer"],
            note=data["note"],
            confirm_anonymity=data["confirm_anonymity"],
        )
        columnist = data["columnist"]
        emailed = " They have been emailed." if columnist.email else ""
        return (
            f"Letter #{letter.pk} assigned to {columnist}, printed in "
            f"“{answer.title}”.{emailed}"
        )

    form = AssignForm(request.POST, letter=letter)
    return _act(request, letter, form, "assign_form", run)
