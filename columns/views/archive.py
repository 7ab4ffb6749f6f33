"""The public archive: home, columns, topics, the date archive and answers.

Pages here set no cookies, depend on the URL alone and go through the public-page
cache (``columns.pagecache``). Lists load what ``columns.listings`` says a list
item shows, in a constant number of queries.
"""

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import http_date

from columns import archivepages
from columns.listings import (
    answer_page_context,
    for_answer_page,
    full_text_url,
    last_modified_at,
    nsfw_warnings,
    popular_topics,
    public_answers,
    topics_with_counts,
)
from columns.models import Answer, Column, Topic
from columns.pagecache import public_page

LATEST = 12
# The date archive covers years that a datetime can bound on both sides.
FIRST_YEAR, LAST_YEAR = 1000, 9000


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The latest answers across columns, the columns and popular topics."""
    now = timezone.now()
    context = {
        "latest": public_answers(now)[:LATEST],
        "columns": Column.objects.all(),
        "topics": popular_topics(now),
    }
    return render(request, "columns/home.html", context)


@public_page
def columns_index(request: HttpRequest) -> HttpResponse:
    """Every column, with what it is about."""
    columns = Column.objects.prefetch_related("hosts")
    return render(request, "columns/columns_index.html", {"columns": columns})


@public_page
def topics_index(request: HttpRequest) -> HttpResponse:
    """Every topic that a public answer carries, by name, with its answer count."""
    topics = topics_with_counts(timezone.now())
    return render(request, "columns/topics_index.html", {"topics": topics})


@public_page
def column_detail(
    request: HttpRequest, slug: str, number: int | None = None
) -> HttpResponse:
    """A column: its description and hosts, and a page of its answers (the
    newest, or closed page ``number``)."""
    column = get_object_or_404(Column.objects.prefetch_related("hosts"), slug=slug)
    page = archivepages.column_list(column).page(number, timezone.now())
    return render(
        request, "columns/column_detail.html", {"column": column, "page": page}
    )


@public_page
def topic_detail(
    request: HttpRequest, slug: str, number: int | None = None
) -> HttpResponse:
    """A page of a topic's answers across columns."""
    topic = get_object_or_404(Topic, slug=slug)
    page = archivepages.topic_list(topic).page(number, timezone.now())
    if not page.items and number is None:
        raise Http404("No published answer has this topic.")
    return render(request, "columns/topic_detail.html", {"topic": topic, "page": page})


@public_page
def archive_index(request: HttpRequest) -> HttpResponse:
    """The years that have answers, newest first."""
    months = archivepages.months_with_answers(timezone.now())
    years = sorted({year for year, _ in months}, reverse=True)
    return render(request, "columns/archive_index.html", {"years": years})


@public_page
def archive_year(request: HttpRequest, year: str) -> HttpResponse:
    """The months of a year that have answers, newest first, each with the titles
    of its newest answers and a link to the rest."""
    start, _ = _period(int(year), 1, months=12)
    months = archivepages.year_months(int(year), timezone.now())
    if not months:
        raise Http404("No answers were published that year.")
    context = {"year": start, "months": months}
    return render(request, "columns/archive_year.html", context)


@public_page
def archive_month(
    request: HttpRequest, year: str, month: str, number: str | None = None
) -> HttpResponse:
    """A page of a month's answers."""
    start, _ = _period(int(year), int(month), months=1)
    now = timezone.now()
    answers = archivepages.month_list(int(year), int(month))
    page = answers.page(int(number) if number else None, now)
    if not page.items and number is None:
        raise Http404("No answers were published that month.")
    context = {"month": start, "page": page}
    if number is None:
        # On the month's own address only: a month's neighbours change when one
        # gains its first answer or loses its last, and the bake then rewrites
        # those addresses (``pages_showing``), never every closed page.
        context["earlier"], context["later"] = archivepages.months_around(
            int(year), int(month), now
        )
    return render(request, "columns/archive_month.html", context)


def _period(year: int, month: int, *, months: int) -> tuple[datetime, datetime]:
    """The start and end, in the site's time zone, of ``months`` months from
    ``year``-``month``; 404 for a date outside the calendar or the archive."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404("No such month.")
    end_year, end_month = divmod(month - 1 + months, 12)
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime(year + end_year, end_month + 1, 1))
    return start, end


def _public_answer(
    request: HttpRequest, column_slug: str, slug: str
) -> Answer | HttpResponse:
    """The public answer at this address, or the response for an address without
    one: 410 once withdrawn, 404 before its time or if there never was one."""
    answer = (
        for_answer_page(Answer.objects.published())
        .filter(column__slug=column_slug, slug=slug)
        .first()
    )
    if answer is not None:
        return answer
    withdrawn = Answer.objects.filter(
        column__slug=column_slug, slug=slug, state=Answer.State.WITHDRAWN
    )
    if withdrawn.exists():
        return render(request, "columns/answer_gone.html", status=410)
    raise Http404("No such answer.")


@public_page
def answer_detail(request: HttpRequest, column_slug: str, slug: str) -> HttpResponse:
    """A published answer with its letters.

    Answers with an NSFW content warning show a notice here instead; the answer
    itself is at its ``read/`` address, so both can be baked as files (the old
    ``?show=1`` link is redirected there).
    """
    answer = _public_answer(request, column_slug, slug)
    if isinstance(answer, HttpResponse):
        return answer
    if request.GET.get("show") == "1" and nsfw_warnings(answer):
        return redirect(full_text_url(answer), permanent=True)
    return answer_page(request, answer, full_text=False)


@public_page
def answer_read(request: HttpRequest, column_slug: str, slug: str) -> HttpResponse:
    """The full text of an answer behind a content notice (elsewhere, the
    answer's own address)."""
    answer = _public_answer(request, column_slug, slug)
    if isinstance(answer, HttpResponse):
        return answer
    return answer_page(request, answer, full_text=True)


def answer_page(
    request: HttpRequest, answer: Answer, *, full_text: bool
) -> HttpResponse:
    """What a public answer's address (or, with ``full_text``, its ``read/``
    address) shows of ``answer``, loaded with ``for_answer_page``. The bake calls
    it for many answers loaded at once."""
    nsfw = nsfw_warnings(answer)
    if nsfw and not full_text:
        context = {"answer": answer, "warnings": nsfw}
        response = render(request, "columns/answer_gate.html", context)
    elif full_text and not nsfw:
        return redirect(answer, permanent=True)
    else:
        context = answer_page_context(answer)
        response = render(request, "columns/answer_detail.html", context)
        response["Last-Modified"] = http_date(last_modified_at(answer).timestamp())
    if nsfw:
        response["X-Robots-Tag"] = "noindex"
    return response


@public_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Where crawlers may go, and the sitemap."""
    return render(request, "columns/robots.txt", content_type="text/plain")
