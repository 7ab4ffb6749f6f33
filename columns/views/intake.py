"""Readers' side: pick a column, send a letter, check on it with the receipt code.

The ask form and the status page are the only reader pages that set a cookie (the
CSRF token); they are never cached. Codes travel in POST bodies only.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from columns import intake, ratelimit, safety
from columns.forms.intake import AskForm, StatusForm
from columns.models import Column, Question

HOUR = 3600


# Never cached: which columns are full changes with every letter and at midnight.
@never_cache
@require_GET
def ask_index(request: HttpRequest) -> HttpResponse:
    """Every column, marked open (with a link to its ask form and the expected
    wait), full for today or closed."""
    columns = intake.columns_for_readers()
    any_open = any(column.intake_state == Column.Intake.OPEN for column in columns)
    context = {"columns": columns, "any_open": any_open}
    return render(request, "columns/ask_index.html", context)


def render_ask_page(
    request: HttpRequest,
    column: Column,
    form: AskForm,
    *,
    state: Column.Intake | None = None,
    status: int = 200,
    **context,
) -> HttpResponse:
    """A column's ask page with ``form``, or why the column takes no letters now
    (``state``, looked up when not given)."""
    state = state or intake.intake_state(column)
    is_open = state == Column.Intake.OPEN
    context.update(
        column=column,
        form=form,
        intake_state=state,
        refusal=intake.refusal_for(column, state),
        expected_wait=intake.expected_wait_for(column) if is_open else "",
    )
    return render(request, "columns/ask.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    """A column's guidelines and ask form; on POST, store the letter and show the
    receipt code (once), with help resources when the letter needs them."""
    column = get_object_or_404(Column, slug=slug)
    state = intake.intake_state(column)

    def page(form: AskForm, status: int, message: str = "") -> HttpResponse:
        return render_ask_page(
            request, column, form, state=state, status=status, error=message
        )

    if request.method == "GET":
        token = intake.new_form_token()
        return page(AskForm(column=column, initial={"form_token": token}), 200)

    form = AskForm(request.POST, column=column)
    if state != Column.Intake.OPEN:
        return page(form, 409)
    if form.is_bot():
        return page(form, 400, "Your letter could not be accepted.")
    if not form.is_valid():
        return page(form, 400, "Please check the highlighted fields; nothing was sent.")

    token = form.cleaned_data["form_token"]
    question = intake.already_received(token)
    if question is None:
        limit = settings.ADVICE_LETTERS_PER_HOUR
        if ratelimit.exceeded(request, "ask", limit=limit, window=HOUR):
            message = f"You've sent {limit} letters in the last hour."
            return render(request, "429.html", {"message": message}, status=429)
        try:
            question, _ = intake.receive_letter(
                column,
                text=form.cleaned_data["text"],
                sign_off=form.cleaned_data["sign_off"],
                topic=form.cleaned_data.get("topic"),
                form_token=token,
            )
        except intake.IntakeClosed:
            # Filled up or closed since the check above: the page says which.
            return render_ask_page(request, column, form, status=409)
    context = {
        "column": question.column,
        "code": intake.receipt_code_for(token),
        "expected_wait": intake.expected_wait_for(question.column),
        **_help_for(question),
    }
    return render(request, "columns/ask_received.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def letter_status(request: HttpRequest) -> HttpResponse:
    """The reader types their receipt code and sees the letter's public state."""
    if request.method == "GET":
        return render(request, "columns/letter_status.html", {"form": StatusForm()})
    limit = settings.ADVICE_STATUS_CHECKS_PER_HOUR
    if ratelimit.exceeded(request, "status", limit=limit, window=HOUR):
        message = "You've checked many codes in the last hour."
        return render(request, "429.html", {"message": message}, status=429)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render(request, "columns/letter_status.html", {"form": form}, status=400)
    question = (
        Question.objects.filter(
            receipt_digest=intake.receipt_digest(form.cleaned_data["code"])
        )
        .select_related("duplicate_of", "column")
        .first()
    )
    if question is None:
        form.add_error(
            "code", "There is no letter with that code. Check it and try again."
        )
        return render(request, "columns/letter_status.html", {"form": form}, status=404)
    state, answer = intake.reader_status(question)
    context = {
        "form": StatusForm(),
        "state": state,
        "answer": answer,
        "column": question.column,
        **_help_for(question),
    }
    return render(request, "columns/letter_status.html", context)


def _help_for(question: Question) -> dict:
    """What ``columns/_help.html`` shows the reader of a safety-flagged letter:
    the message and the help resources for what the letter speaks of."""
    if not question.safety_flag:
        return {}
    categories = safety.help_categories(question.original_text)
    return {
        "help_heading": "You don't have to wait for us",
        "help_message": safety.help_resources(),
        "help_groups": safety.help_groups(question.column, categories),
    }
