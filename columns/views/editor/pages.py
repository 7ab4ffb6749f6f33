"""The answers list, the answer editor and the staff preview of the public page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from columns import anonymity, presence, workflow
from columns.access import desk_member_required
from columns.forms.editor import AnswerFilterForm, AnswerForm
from columns.forms.review import CommentForm, ReviewedForm
from columns.listings import answer_page_context, for_answer_page
from columns.models import Answer
from columns.views.editor.steps import step_forms
from columns.workflow import editing
from columns.workflow.history import history

ANSWERS_PER_PAGE = 50


def answer_or_404(request: HttpRequest, pk: int) -> Answer:
    """The answer if the user may open it; 404 for others' answers and forged ids."""
    answers = editing.visible_answers(request.user).select_related("column")
    return get_object_or_404(answers, pk=pk)


# The latest workflow steps shown beside the editor.
HISTORY_SHOWN = 8


@require_GET
@desk_member_required
def answer_list(request: HttpRequest) -> HttpResponse:
    """The answers the user may open, newest changes first, filterable by state."""
    form = AnswerFilterForm(request.GET)
    answers = (
        editing.visible_answers(request.user)
        .select_related("column")
        .prefetch_related("authors")
        .order_by("-updated_at", "-id")
    )
    if form.is_valid() and form.cleaned_data["state"]:
        answers = answers.filter(state=form.cleaned_data["state"])
    page = Paginator(answers, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "editor/answer_list.html", {"form": form, "page": page})


@never_cache
@require_http_methods(["GET", "POST"])
@desk_member_required
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor: the letters beside the answer's text, review and publication.

    A save is refused if a newer version was saved since the page was loaded; the
    writer then gets their own text back, with a diff against the newer version.
    """
    answer = answer_or_404(request, pk)
    if request.method == "GET":
        return render_editor(request, answer)
    form = AnswerForm(request.POST, answer=answer)
    if not form.is_valid():
        messages.error(request, "Not saved: please correct the marked fields.")
        return render_editor(request, answer, form=form, status=400)
    try:
        revision = editing.save_answer(
            answer,
            by=request.user,
            seen_version=form.cleaned_data["version"],
            text=form.answer_text(),
            note=form.cleaned_data["note"],
        )
    except editing.EditConflict as conflict:
        messages.error(
            request,
            f"{conflict} Your text is below, unchanged: merge what you need from "
            "the newer version and save again.",
        )
        mine = form.answer_text()
        return render_editor(
            request,
            answer,
            form=form.with_version(conflict.current.version),
            conflict={
                "latest": conflict.latest,
                "autosaved_by": conflict.current.autosaved_by,
                "autosaved_at": conflict.current.autosaved_at,
                "diffs": editing.compare_revisions(conflict.current, mine),
            },
            status=409,
        )
    except editing.EditRefused as refused:
        messages.error(request, str(refused))
        return render_editor(request, answer, form=form, status=409)
    messages.success(request, f"Saved as revision {revision.number}.")
    return redirect("editor:answer_edit", pk=answer.pk)


def render_editor(
    request: HttpRequest,
    answer: Answer,
    *,
    status: int = 200,
    form: AnswerForm | None = None,
    step: tuple[str, Form] | None = None,
    comment_form: CommentForm | None = None,
    reviewed_form: ReviewedForm | None = None,
    conflict: dict | None = None,
) -> HttpResponse:
    """The editor page. A form passed in (as submitted and refused) replaces the
    blank one, so that whatever the user typed is shown again."""
    user = request.user
    refusal = editing.edit_refusal(answer, user)
    if form is None:
        form = AnswerForm.for_answer(answer)
        if refusal:
            for field in form.fields.values():
                field.disabled = True
    if reviewed_form is None and workflow.may(user, "review_answer"):
        reviewed_form = ReviewedForm(initial={"reviewed_on": timezone.localdate()})
    comments = answer.comments.select_related("author", "resolved_by", "revision")
    context = {
        "answer": answer,
        "form": form,
        "refusal": refusal,
        "autosave": not refusal and answer.state != Answer.State.PUBLISHED,
        "image_hosts": " ".join(image_hosts()),
        "change_request": editing.open_change_request(answer),
        "open_comments": [c for c in comments if c.resolved_at is None],
        "conflict": conflict,
        "letters": _letters(answer),
        "steps": step_forms(answer, user, bound=step),
        "comments": comments,
        "comment_form": comment_form or CommentForm(),
        "reviewed_form": reviewed_form,
        "revisions": answer.revisions.select_related("author").order_by("-number")[:5],
        "history": history(answer, limit=HISTORY_SHOWN),
        "others": presence.check_in(answer.pk, user),
        "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
        "time_zone": timezone.get_default_timezone_name(),
    }
    return render(request, "editor/answer_edit.html", context, status=status)


def image_hosts() -> list[str]:
    """The hosts besides this site that the Content-Security-Policy lets pages
    load images from (the editor warns about images from any other)."""
    sources = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].get("img-src", [])
    hosts = []
    for source in sources:
        host = urlsplit(source).netloc if "://" in source else source
        if host and not host.startswith("'") and not host.endswith(":"):
            hosts.append(host)
    return hosts


def _letters(answer: Answer) -> list[dict]:
    """The printed letters, with what the anonymity guard flags in each printed
    part (headline, public text, sign-off) marked."""
    letters = []
    for printed in answer.letters.select_related("question").order_by("position"):
        question = printed.question
        parts = anonymity.check_letter(
            headline=question.headline,
            public_text=question.public_text,
            sign_off=question.sign_off,
        )
        letters.append(
            {
                "printed": printed,
                "question": question,
                "parts": {
                    part.name: anonymity.highlight(part.text, part.hits)
                    for part in parts
                },
                "hits": anonymity.summarise([hit for p in parts for hit in p.hits]),
            }
        )
    return letters


@never_cache
@require_GET
@desk_member_required
def answer_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page exactly as it will look, before (or after) publication."""
    answer = get_object_or_404(
        for_answer_page(editing.visible_answers(request.user)), pk=pk
    )
    context = {**answer_page_context(answer, preview=True), "preview": True}
    response = render(request, "columns/answer_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
