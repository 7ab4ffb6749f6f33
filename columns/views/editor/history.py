"""An answer's revisions: the list, one revision, a diff of any two, restoring."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from columns.access import desk_member_required
from columns.forms.editor import DiffForm, VersionForm
from columns.views.editor.pages import answer_or_404
from columns.workflow import editing

REVISIONS_PER_PAGE = 50


@require_GET
@desk_member_required
def revision_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every saved revision, newest first, with links to compare and restore."""
    answer = answer_or_404(request, pk)
    revisions = answer.revisions.select_related("author").order_by("-number")
    page = Paginator(revisions, REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "answer": answer,
        "page": page,
        "can_restore": not editing.edit_refusal(answer, request.user),
        "version_form": VersionForm(initial={"version": answer.version}),
    }
    return render(request, "editor/revision_list.html", context)


@require_GET
@desk_member_required
def revision_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One revision's text as it was typed."""
    answer = answer_or_404(request, pk)
    revision = get_object_or_404(
        answer.revisions.select_related("author"), number=number
    )
    context = {
        "answer": answer,
        "revision": revision,
        "can_restore": not editing.edit_refusal(answer, request.user),
        "version_form": VersionForm(initial={"version": answer.version}),
    }
    return render(request, "editor/revision_detail.html", context)


@require_GET
@desk_member_required
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """A word-level comparison of two revisions (by default, the last two)."""
    answer = answer_or_404(request, pk)
    # The choices need numbers and authors only; the texts of the two compared
    # revisions are loaded afterwards.
    revisions = list(
        answer.revisions.select_related("author")
        .defer("title", "summary", "body")
        .order_by("-number")
    )
    context = {"answer": answer}
    if not revisions:
        return render(request, "editor/revision_diff.html", context)
    latest = revisions[0].number
    data = request.GET or {"old": max(latest - 1, 1), "new": latest}
    form = DiffForm(data, revisions=revisions)
    context["form"] = form
    if not form.is_valid():
        return render(request, "editor/revision_diff.html", context, status=400)
    numbers = [form.cleaned_data["old"], form.cleaned_data["new"]]
    chosen = answer.revisions.select_related("author").filter(number__in=numbers)
    chosen = {revision.number: revision for revision in chosen}
    old, new = chosen[numbers[0]], chosen[numbers[1]]
    context.update(old=old, new=new, diffs=editing.compare_revisions(old, new))
    return render(request, "editor/revision_diff.html", context)


@require_POST
@desk_member_required
def revision_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Bring an old revision back as the newest revision."""
    answer = answer_or_404(request, pk)
    revision = get_object_or_404(answer.revisions, number=number)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not restored: the page was incomplete; try again.")
        return redirect("editor:revision_list", pk=answer.pk)
    try:
        restored = editing.restore_revision(
            answer,
            revision,
            by=request.user,
            seen_version=form.cleaned_data["version"],
        )
    except editing.EditRefused as refused:
        messages.error(request, str(refused))
        return redirect("editor:revision_list", pk=answer.pk)
    messages.success(
        request, f"Revision {number} restored as revision {restored.number}."
    )
    return redirect("editor:answer_edit", pk=answer.pk)
