"""Search pages: the public search, and "already answered?" on the ask page."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from columns import ratelimit, search
from columns.forms.intake import AskForm
from columns.forms.search import SearchForm
from columns.listings import page_number, topics_in_use
from columns.models import Column
from columns.pagecache import public_page
from columns.views.intake import render_ask_page

PER_PAGE = 10
SUGGESTIONS_PER_HOUR = 120
HOUR = 3600


@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    """Ranked, highlighted results for ``?q=``, filtered by column and topic."""
    form = SearchForm(
        request.GET,
        columns=list(Column.objects.all()),
        topics=list(topics_in_use(timezone.now())),
    )
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = search.search_answers(
            form.cleaned_data["q"],
            column=form.cleaned_data["column"],
            topic=form.cleaned_data["topic"],
            page=page_number(request.GET.get("page")),
            per_page=PER_PAGE,
        )
        if results.is_past_the_end:
            raise Http404(f"There is no page {results.number} of these results.")
    status = 400 if form.errors else 200
    context = {"form": form, "results": results}
    return render(request, "columns/search.html", context, status=status)


@never_cache
@require_POST
def suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """Published answers close to the letter being written on a column's ask page.

    The letter travels in a POST body (never in a URL, so never in a log). Scripts
    ask for the list alone (``X-Requested-With``); without JavaScript the ask page
    comes back with the letter still in it and the answers under it.
    """
    column = get_object_or_404(Column, slug=slug)
    if ratelimit.exceeded(
        request, "suggestions", limit=SUGGESTIONS_PER_HOUR, window=HOUR
    ):
        message = "You've asked for suggestions very often in the last hour."
        return render(request, "429.html", {"message": message}, status=429)
    text = request.POST.get("text", "")[: settings.ADVICE_LETTER_MAX_CHARS]
    context = {"column": column, "suggestions": search.suggest_answers(text)}
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return render(request, "columns/_suggestions.html", context)
    fields = ("text", "sign_off", "topic", "form_token")
    form = AskForm(
        initial={name: request.POST.get(name, "") for name in fields}, column=column
    )
    return render_ask_page(
        request, column, form, suggested=True, suggestions=context["suggestions"]
    )
