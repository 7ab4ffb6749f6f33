"""Endpoints the editor page's scripts call: markdownx's live preview and image
upload, the presence heartbeat and the autosave.

django-markdownx ships these endpoints open to anyone; its URLs are never
included here. Ours require a desk role and CSRF (POST only), answer a refusal
with 403 rather than a login redirect (a script would show the login page inside
the preview), and render the preview with the one sanitising Markdown function.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from columns import presence
from columns.access import is_columnist, is_editor, two_factor_step
from columns.forms.editor import AutosaveForm, ImageForm, PresenceForm, PreviewForm
from columns.markdown import render_markdown
from columns.uploads import ImageRefused, store_image
from columns.views.editor.pages import answer_or_404
from columns.workflow import editing


def staff_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """POST only, and only for signed-in desk members who have done any two-step
    sign-in required of them: 403 for everyone else."""

    @wraps(view)
    @never_cache
    @require_POST
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return _refusal("You are signed out: sign in again in another tab.")
        if not (is_editor(user) or is_columnist(user)):
            return _refusal("Your account has no role on the desk.")
        if two_factor_step(user):
            return _refusal("Finish two-step sign-in first, in another tab.")
        return view(request, *args, **kwargs)

    return guarded


def _refusal(message: str) -> HttpResponse:
    # Shown inside the preview pane by markdownx, so it is a small HTML fragment.
    return HttpResponse(f'<p class="preview-error">{escape(message)}</p>', status=403)


@staff_endpoint
def markdownify(request: HttpRequest) -> HttpResponse:
    """The live preview: the posted ``content`` rendered as the public page will."""
    form = PreviewForm(request.POST)
    if not form.is_valid():
        message = " ".join(form.errors["content"])
        return HttpResponse(
            f'<p class="preview-error">{escape(message)}</p>', status=400
        )
    return HttpResponse(render_markdown(form.cleaned_data["content"]))


@staff_endpoint
def upload(request: HttpRequest) -> JsonResponse:
    """Store an image dropped or pasted into the editor; its Markdown to insert."""
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"error": "Choose an image file to upload."}, status=400)
    try:
        url = store_image(form.cleaned_data["image"])
    except ImageRefused as refused:
        return JsonResponse({"error": str(refused)}, status=400)
    return JsonResponse({"image_code": f"![Describe the image]({url})"})


@staff_endpoint
def heartbeat(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the user listed as having the answer open; who else has it open."""
    answer = answer_or_404(request, pk)
    form = PresenceForm(request.POST)
    if form.is_valid() and form.cleaned_data["leaving"]:
        presence.check_out(answer.pk, request.user)
        return HttpResponse(status=204)
    return JsonResponse({"others": presence.check_in(answer.pk, request.user)})


@staff_endpoint
def autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Save the typed title, summary and body without a revision, as JSON.

    200 with the new version and the time; 400 for bad input; 409 when someone
    saved a newer version (the page keeps the typed text and shows the conflict);
    403 when the user may not edit the answer now or it is published.
    """
    answer = answer_or_404(request, pk)
    form = AutosaveForm(request.POST)
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label or name.capitalize()}: {message}"
            if name in form.fields
            else message
            for name, messages in form.errors.items()
            for message in messages
        ]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    try:
        editing.autosave_answer(
            answer,
            by=request.user,
            seen_version=form.cleaned_data["version"],
            text=form.draft_text(),
        )
    except editing.EditConflict as conflict:
        return JsonResponse(
            {"error": str(conflict), "conflict": True, "version": answer.version},
            status=409,
        )
    except editing.EditRefused as refused:
        return JsonResponse({"error": str(refused)}, status=403)
    saved_at = timezone.localtime(answer.autosaved_at)
    return JsonResponse(
        {
            "version": answer.version,
            "saved_at": saved_at.isoformat(),
            "time": f"{saved_at:%H:%M}",
        }
    )
