"""In-process timings: every page through Django's test client, warm, with the
number of SQL queries each one runs."""

import html
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from bench import terms
from bench.stats import percentile
from columns import archivepages, links
from columns.models import Answer, ArchivePage, Column, Question, Topic, User

# The budget's ceiling for public pages and the review queue (not the triage page
# or the answer editor, which show one letter or answer with all its tools).
QUERY_CEILING = 10
# The queue's link to its next page (an href is HTML-escaped: &amp; between keys).
NEXT_LINK = re.compile(r'<a href="([^"]+)" rel="next">')
SIDES = {"previous": "older", "next": "newer"}


@dataclass
class Timing:
    name: str
    url: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    ceiling: int | None
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Scenario:
    name: str
    url: str
    method: str = "get"
    data: dict | None = None
    headers: dict | None = None
    staff: bool = False
    # Pages served from the public cache are also timed cold (cache cleared).
    cold: bool = False
    ceiling: int | None = QUERY_CEILING
    note: str = ""


def search(term: terms.SearchTerm) -> Scenario:
    url = reverse("columns:search") + "?" + urlencode({"q": term.query})
    note = f"q={term.query} in {term.df:,} answers"
    return Scenario(f"search ({term.name})", url, cold=True, note=note)


def triage_letter() -> Question:
    """The oldest generated letter still waiting: the same one every run, never
    one that a run's HTTP submissions added (those come later and are removed)."""
    return (
        Question.objects.waiting()
        .filter(column__slug__startswith="bench-")
        .order_by("id")
        .first()
    ) or Question.objects.waiting().order_by("id").first()


def scenarios() -> list[Scenario]:
    """The pages of the budget, pointed at real rows of the generated data."""
    column = (
        Column.objects.filter(slug__startswith="bench-").first()
        or Column.objects.first()
    )
    answer = (
        Answer.objects.published()
        .select_related("column")
        .order_by("-publish_at")[:1]
        .get()
    )
    topic = Topic.objects.order_by("id").first()
    month = timezone.localtime(answer.publish_at)
    question = triage_letter()
    letter = (
        "My partner and I have been together for years and lately I feel nervous "
        "about talking about sex and desire and contraception with them."
    )
    column_pages = archivepages.column_list(column)
    public = [
        Scenario("home", reverse("columns:home"), cold=True),
        Scenario("columns index", reverse("columns:columns_index"), cold=True),
        Scenario("topics index", reverse("columns:topics_index"), cold=True),
        Scenario("column page", column_pages.url(), cold=True, note="open end"),
        # A closed page (numbered from the oldest) once the column has one.
        *(
            [Scenario("column page (closed)", column_pages.url(1), cold=True)]
            if column_pages.closed_pages().filter(number=1).exists()
            else []
        ),
        Scenario(
            "topic page",
            archivepages.topic_list(topic).url(),
            cold=True,
            note="open end",
        ),
        *rare_topic_scenarios(),
        Scenario(
            "date archive",
            archivepages.month_list(month.year, month.month).url(),
            cold=True,
            note="a month, open end",
        ),
        *old_month_scenarios(),
        Scenario(
            "answer page",
            answer.get_absolute_url(),
            cold=True,
            note=stored_links_note(answer),
        ),
        *(search(term) for term in terms.search_terms(Answer.objects.count())),
        Scenario(
            "ask suggestions",
            reverse("columns:suggestions", args=[column.slug]),
            method="post",
            data={"text": letter},
            headers={"X-Requested-With": "XMLHttpRequest"},
        ),
    ]
    desk = [
        Scenario("queue", reverse("desk:queue"), staff=True),
        Scenario(
            "queue (filtered)",
            reverse("desk:queue") + f"?column={column.pk}&status=new",
            staff=True,
        ),
        Scenario("queue (searched)", reverse("desk:queue") + "?q=partner", staff=True),
        Scenario(
            "triage page",
            reverse("desk:letter", args=[question.pk]),
            staff=True,
            ceiling=None,
        ),
        Scenario(
            "answer editor",
            reverse("editor:answer_edit", args=[answer.pk]),
            staff=True,
            ceiling=None,
        ),
    ]
    return public + desk


def rare_topic_scenarios() -> list[Scenario]:
    """The rarest topic that has a closed page, at its middle closed page: the
    dearest topic page (its answers are far apart in the publication index)."""
    closed = ArchivePage.objects.filter(kind=ArchivePage.Kind.TOPIC)
    owners = (
        closed.values("owner").annotate(pages=Count("pk")).order_by("pages", "owner")
    )
    rarest = owners.first()
    if rarest is None:
        return []
    topic = Topic.objects.get(pk=rarest["owner"])
    number = max(1, rarest["pages"] // 2)
    url = archivepages.topic_list(topic).url(number)
    note = f"{topic.name}: closed page {number} of {rarest['pages']}"
    return [Scenario("topic page (rare, closed)", url, cold=True, note=note)]


def old_month_scenarios() -> list[Scenario]:
    """The first month of the archive, open end and closed page 1 (a month
    long closed holds two pages' worth at its open end)."""
    first = Answer.objects.published().order_by("publish_at").first()
    if first is None:
        return []
    local = timezone.localtime(first.publish_at)
    month = archivepages.month_list(local.year, local.month)
    found = [Scenario("date archive (first month)", month.url(), cold=True)]
    if month.closed_pages().filter(number=1).exists():
        found.append(
            Scenario("date archive (first month, closed)", month.url(1), cold=True)
        )
    return found


def stored_links_note(answer: Answer) -> str:
    """What the answer page reads of the links stored on the answer (the
    generator stores them, as publishing does)."""
    found = links.stored(answer)
    if not (found.older or found.newer or found.related):
        return "no stored links: its page shows no previous, next or related answers"
    sides = [side for side in ("previous", "next") if getattr(found, SIDES[side])]
    return "stored links: " + ", ".join([*sides, f"{len(found.related)} related"])


def deep_queue_url(client: Client, pages: int = 20) -> str:
    """Follow the queue's "Next page" link ``pages`` times (keyset paging, with
    ``after=``), or to its last page. The link is read from the HTML: a response's
    template context is only recorded under the test runner, not in ``bench.run``."""
    url = reverse("desk:queue")
    for _ in range(pages):
        response = client.get(url)
        found = NEXT_LINK.search(response.content.decode())
        if response.status_code != 200 or not found:
            break
        url = html.unescape(found.group(1))
    return url


def time_scenario(
    client: Client, scenario: Scenario, iterations: int, clear_cache: Callable | None
) -> Timing:
    def request():
        method = getattr(client, scenario.method)
        return method(scenario.url, scenario.data, headers=scenario.headers)

    response = request()  # warm up
    with CaptureQueriesContext(connection) as queries:
        if clear_cache:
            clear_cache()
        response = request()
    # Read now: every request starts by resetting the connection's query log.
    query_count = len(queries.captured_queries)
    samples = []
    for _ in range(iterations):
        if clear_cache:
            clear_cache()
        started = time.perf_counter()
        response = request()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(
        name=scenario.name + (" [uncached]" if clear_cache else ""),
        url=scenario.url,
        status=response.status_code,
        median_ms=round(statistics.median(samples), 2),
        p95_ms=round(percentile(samples, 0.95), 2),
        queries=query_count,
        ceiling=scenario.ceiling,
        note=scenario.note,
    )


def measure(
    iterations: int = 30, progress: Callable[[str], None] = lambda line: None
) -> list[Timing]:
    """Time every scenario; public cached pages are timed warm and cold."""
    from django.core.cache import cache

    staff = User.objects.filter(
        is_superuser=True
    ).first() or User.objects.create_superuser("bench-admin", password=None)
    public, desk = Client(), Client()
    desk.force_login(staff)
    timings = []
    for scenario in scenarios():
        client = desk if scenario.staff else public
        timings.append(time_scenario(client, scenario, iterations, None))
        progress(_line(timings[-1]))
        if scenario.cold:
            timings.append(time_scenario(client, scenario, iterations, cache.clear))
            progress(_line(timings[-1]))
    deep = Scenario("queue (deep page)", deep_queue_url(desk), staff=True)
    timings.append(time_scenario(desk, deep, iterations, None))
    progress(_line(timings[-1]))
    return timings


def _line(timing: Timing) -> str:
    over = timing.ceiling is not None and timing.queries > timing.ceiling
    flag = "  <-- over the query ceiling" if over else ""
    return (
        f"  {timing.name:<34} {timing.status}  median {timing.median_ms:8.2f} ms  "
        f"p95 {timing.p95_ms:8.2f} ms  {timing.queries:3d} queries{flag}"
        + (f"  ({timing.note})" if timing.note else "")
    )
