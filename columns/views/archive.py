"""The public archive. Pages here set no cookies and depend on the URL alone."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from columns.models import Answer, Column


@require_GET
def answer_detail(request: HttpRequest, column_slug: str, slug: str) -> HttpResponse:
    """A published answer with the letters it prints."""
    answer = get_object_or_404(
        Answer.objects.published()
        .select_related("column")
        .prefetch_related("letters__question", "authors", "content_warnings"),
        column__slug=column_slug,
        slug=slug,
    )
    return render(request, "columns/answer_detail.html", {"answer": answer})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The latest published answers across columns, and the columns."""
    latest = Answer.objects.published().select_related("column")[:12]
    columns = Column.objects.all()
    return render(request, "columns/home.html", {"latest": latest, "columns": columns})
