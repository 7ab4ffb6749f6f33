"""The review queue: letters filtered, searched and paged by keyset."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from columns import anonymity, search
from columns.access import editor_required
from columns.forms.desk import BulkForm, QueueFilterForm
from columns.listings import keyset_page
from columns.models import Question, TaggedQuestion
from columns.workflow.core import WAITING

# Search hands back the newest matches up to this many; the queue pages through them.
SEARCH_LIMIT = 1000
DAY = 86_400
# How long a letter has waited is told in the largest unit it has reached twice
# ("10 days" reads better than "1 week"): (unit, seconds, shown from).
WAIT_UNITS = [
    ("month", 30 * DAY, 60 * DAY),
    ("week", 7 * DAY, 14 * DAY),
    ("day", DAY, 2 * DAY),
    ("hour", 3600, 3600),
]


@dataclass(frozen=True)
class QueueRow:
    """A letter as the queue lists it."""

    letter: Question
    hits: list[anonymity.Hit]
    waited: str


def waited(since: datetime, now: datetime) -> str:
    """How long a letter has waited, e.g. "3 days" (submission times are whole hours).

    Cheaper than the ``timesince`` filter, whose cost shows on a page of 200 rows.
    """
    seconds = (now - since).total_seconds()
    for unit, length, shown_from in WAIT_UNITS:
        if seconds >= shown_from:
            count = int(seconds // length)
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return "under an hour"


def filtered_letters(data: dict) -> tuple[list[QuerySet], str, tuple[str, ...], bool]:
    """The letters the filters select, one queryset per status asked for; the key
    to order them by and the columns to lead it (see ``keyset_page``); and whether
    search capped them."""
    letters = Question.objects.all()
    if data["column"]:
        letters = letters.filter(column_id=data["column"])
    key = "pk"
    if data["topic"]:
        # Ordered by the topic index's own copy of the letter id: walking that
        # index in order spares sorting every letter of a popular topic.
        letters = letters.filter(topic_items__tag__slug=data["topic"]).annotate(
            tagged=F("topic_items__content_object")
        )
        key = "tagged"
    if data["assignee"]:
        letters = letters.filter(assignee_id=data["assignee"])
    if data["flagged"] == "yes":
        letters = letters.flagged()
    elif data["flagged"] == "no":
        letters = letters.filter(safety_flag=False)
    if data["age"]:
        since = timezone.now() - timedelta(days=data["age"])
        letters = letters.filter(submitted_at__lte=since)
    capped = False
    if data["q"]:
        ids = search.matching_letter_ids(data["q"], limit=SEARCH_LIMIT)
        letters = letters.filter(pk__in=ids)
        capped = len(ids) >= SEARCH_LIMIT
    statuses = {"waiting": sorted(WAITING), "all": []}.get(
        data["status"], [data["status"]]
    )
    # Each status's letters come from walking its (status, id) index, unless a
    # search already holds them to a thousand ids or a topic's index gives the order.
    walk_status = key == "pk" and not data["q"]
    branches = [
        letters.in_status(status) if walk_status else letters.filter(status=status)
        for status in statuses
    ] or [letters]
    lead = ("status",) if statuses and walk_status else ()
    return branches, key, lead, capped


def _link(request: HttpRequest, **cursor: int) -> str:
    """The queue's URL with the same filters, at ``cursor`` (none: the first page)."""
    query = request.GET.copy()
    for key in ("after", "before"):
        query.pop(key, None)
    query.update(cursor)
    return f"{request.path}?{query.urlencode()}"


@require_GET
@editor_required
def queue(request: HttpRequest) -> HttpResponse:
    """Renders the review queue: one page of letters with their flags, the filters,
    links to the next and previous pages and the bulk-action form."""
    form = QueueFilterForm.from_query(request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None}
        return render(request, "desk/queue.html", context, status=400)
    data = form.cleaned_data
    branches, key, lead, capped = filtered_letters(data)
    page = keyset_page(
        branches,
        Question.objects.select_related("column", "assignee").prefetch_related(
            # The through rows with their topics: one query, where taggit's own
            # prefetch builds a manager per letter (a third of the page's time).
            Prefetch("topic_items", TaggedQuestion.objects.select_related("tag"))
        ),
        key=key,
        lead=lead,
        # By arrival (hour-rounded, so many letters share it), then by id: ids
        # need not follow arrival (letters imported or restored later).
        by="submitted_at",
        newest_first=data["sort"] == "newest",
        size=data["size"],
        after=data["after"],
        before=data["before"],
    )
    now = timezone.now()
    rows = [
        QueueRow(
            letter,
            anonymity.letter_hits(letter),
            waited(letter.submitted_at, now),
        )
        for letter in page.rows
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "capped": capped,
        "search_limit": SEARCH_LIMIT,
        "bulk_form": BulkForm(),
        "next_url": _link(request, after=page.next_after) if page.next_after else "",
        "previous_url": (
            _link(request, before=page.previous_before) if page.previous_before else ""
        ),
        "first_url": _link(request),
        "paged": data["after"] is not None or data["before"] is not None,
    }
    return render(request, "desk/queue.html", context)
