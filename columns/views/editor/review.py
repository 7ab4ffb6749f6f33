"""Review on the editor page: workflow steps, the review date and comments.

Each view parses its form, calls one verb and redirects back to the editor with a
message. A refused step re-renders the editor with the form as typed.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from columns import workflow
from columns.access import desk_member_required
from columns.forms.review import CommentForm, LetterMoveForm, ReviewedForm
from columns.views.editor.pages import answer_or_404, render_editor
from columns.views.editor.steps import STEPS
from columns.workflow import editing


def _status(refused: workflow.WorkflowError) -> int:
    """403 when the role does not allow it, 409 when the answer's state does not."""
    return 403 if isinstance(refused, workflow.NotAllowed) else 409


@require_POST
@desk_member_required
def take_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Run one workflow step (submit, approve, publish, ...) on the answer."""
    answer = answer_or_404(request, pk)
    chosen = STEPS[step]  # the URLs are made from STEPS
    form = chosen.form(answer, request.POST)
    if not form.is_valid():
        messages.error(request, f"{chosen.label}: please correct the marked fields.")
        return render_editor(request, answer, step=(step, form), status=400)
    try:
        chosen.run(answer, request.user, form)
    except workflow.WorkflowError as refused:
        messages.error(request, str(refused))
        return render_editor(
            request, answer, step=(step, form), status=_status(refused)
        )
    messages.success(request, chosen.done(answer))
    return redirect("editor:answer_edit", pk=answer.pk)


@require_POST
@desk_member_required
def mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the date an editor checked the answer for accuracy."""
    answer = answer_or_404(request, pk)
    form = ReviewedForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not marked as reviewed: check the date.")
        return render_editor(request, answer, reviewed_form=form, status=400)
    try:
        workflow.mark_reviewed(
            answer, by=request.user, on=form.cleaned_data["reviewed_on"]
        )
    except workflow.WorkflowError as refused:
        messages.error(request, str(refused))
        return render_editor(
            request, answer, reviewed_form=form, status=_status(refused)
        )
    messages.success(
        request, f"Marked as reviewed on {answer.last_reviewed_on:%-d %B %Y}."
    )
    return redirect("editor:answer_edit", pk=answer.pk)


@require_POST
@desk_member_required
def letter_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move one of a roundup's letters a place up or down the print order."""
    answer = answer_or_404(request, pk)
    printed = list(answer.letters.values_list("question_id", flat=True))
    form = LetterMoveForm(request.POST, printed=printed)
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, f"The letters were not reordered: {errors}")
        return render_editor(request, answer, status=400)
    try:
        workflow.reorder_letters(answer, by=request.user, order=form.order())
    except workflow.WorkflowError as refused:
        messages.error(request, str(refused))
        return render_editor(request, answer, status=_status(refused))
    data = form.cleaned_data
    messages.success(request, f"Letter #{data['letter']} moved {data['direction']}.")
    return redirect("editor:answer_edit", pk=answer.pk)


@require_POST
@desk_member_required
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment on the answer's current revision, by an editor or its columnist."""
    answer = answer_or_404(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The comment was not added: see below.")
        return render_editor(request, answer, comment_form=form, status=400)
    data = form.cleaned_data
    comment = editing.add_comment(
        answer,
        by=request.user,
        body=data["body"],
        passage=data["passage"],
        before=data["passage_before"],
        after=data["passage_after"],
    )
    if comment.passage and comment.anchor is None:
        messages.warning(
            request,
            "Comment added, but the words it quotes are not in the answer's saved "
            "text: check the quote, or save the text first.",
        )
    else:
        messages.success(request, "Comment added.")
    return redirect("editor:answer_edit", pk=answer.pk)


@require_POST
@desk_member_required
def comment_resolve(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """Mark a comment on the answer as dealt with."""
    answer = answer_or_404(request, pk)
    comment = get_object_or_404(answer.comments, pk=comment_pk)
    editing.resolve_comment(comment, by=request.user)
    messages.success(request, "Comment resolved.")
    return redirect("editor:answer_edit", pk=answer.pk)
