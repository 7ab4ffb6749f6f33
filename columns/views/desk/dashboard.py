"""The desk's front page."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, F, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from columns import health
from columns.access import desk_member_required, is_editor
from columns.models import Answer, Column, Question

Status = Question.Status
# Counting a million letters by column and status takes a moment (~0.1 s on
# SQLite); editors can live with numbers a minute old.
COUNTS_KEY = "desk:column-counts"
COUNTS_SECONDS = 60
LISTED = 20
# The dashboard lists answers by title; their bodies are long and never shown here.
LONG_TEXT = ("body", "body_html", "summary")


@dataclass(frozen=True)
class ColumnCounts:
    """One column's letters by status and its oldest waiting letter's arrival."""

    column: Column
    counts: list[tuple[str, str, int]]  # (status, label, count), in workflow order
    waiting: int
    oldest_waiting_at: datetime | None


def column_counts() -> tuple[list[ColumnCounts], datetime]:
    """Every column's counts and when they were counted (cached for a minute).

    Letters are counted on the (column, status, id) index alone. Ids grow with
    arrival, so each waiting status's smallest id is its oldest letter, and only
    those few letters are read for their arrival time.
    """
    cached = cache.get(COUNTS_KEY)
    if cached is None:
        rows = list(
            Question.objects.order_by()
            .values_list("column_id", "status")
            .annotate(count=Count("id"), first=Min("id"))
        )
        firsts = [first for _, status, _, first in rows if status in Question.WAITING]
        arrived = dict(
            Question.objects.filter(pk__in=firsts).values_list("pk", "submitted_at")
        )
        counts: dict[int, dict[str, int]] = {}
        oldest: dict[int, list[datetime]] = {}
        for column_id, status, count, first in rows:
            counts.setdefault(column_id, {})[status] = count
            if first in arrived:
                oldest.setdefault(column_id, []).append(arrived[first])
        summaries = [
            ColumnCounts(
                column=column,
                counts=[
                    (status, label, counts.get(column.pk, {}).get(status, 0))
                    for status, label in Status.choices
                ],
                waiting=sum(
                    counts.get(column.pk, {}).get(s, 0) for s in Question.WAITING
                ),
                oldest_waiting_at=min(oldest.get(column.pk, []), default=None),
            )
            for column in Column.objects.all()
        ]
        cached = (summaries, timezone.now())
        cache.set(COUNTS_KEY, cached, COUNTS_SECONDS)
    return cached


@require_GET
@desk_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Renders the desk's front page: safety-flagged letters first, then every
    column's counts, reviews due, scheduled and recent answers (editors), and the
    user's own assignments and answers in progress (everyone)."""
    user = request.user
    context = {
        "my_letters": Question.objects.assigned_to(user)
        .select_related("column")
        .annotate(answer_pk=F("printed_in__answer"))
        .order_by("id")[:LISTED],
        "my_answers": Answer.objects.written_by(user)
        .exclude(state=Answer.State.PUBLISHED)
        .select_related("column")
        .defer(*LONG_TEXT)
        .order_by("-updated_at")[:LISTED],
        "is_editor": is_editor(user),
    }
    if context["is_editor"]:
        columns, counted_at = column_counts()
        context.update(
            columns=columns,
            counted_at=counted_at,
            flagged=Question.objects.waiting()
            .flagged()
            .select_related("column")
            .order_by("id")[:LISTED],
            awaiting_review=Answer.objects.awaiting_review()
            .select_related("column")
            .defer(*LONG_TEXT)
            .prefetch_related("authors")
            .order_by("updated_at")[:LISTED],
            scheduled=Answer.objects.scheduled()
            .select_related("column")
            .defer(*LONG_TEXT)
            .order_by("publish_at")[:LISTED],
            published=Answer.objects.published()
            .select_related("column")
            .defer(*LONG_TEXT)[:10],
            tasks=health.task_backlog(),
        )
    return render(request, "desk/dashboard.html", context)
