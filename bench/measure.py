"""In-process timings: every page through Django's test client, warm, with the
number of SQL queries each one runs."""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from bench.stats import percentile
from columns.models import Answer, Column, Question, Topic, User

# The budget's ceiling for public pages and the review queue (not the triage page
# or the answer editor, which show one letter or answer with all its tools).
QUERY_CEILING = 10


@dataclass
class Timing:
    name: str
    url: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    ceiling: int | None

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


def search(name: str, query: str) -> Scenario:
    url = reverse("columns:search") + "?" + urlencode({"q": query})
    return Scenario(f"search ({name})", url, cold=True)


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
    month = answer.publish_at
    question = Question.objects.waiting().order_by("-id").first()
    in_column = Answer.objects.published().filter(column=column).count()
    deep_page = max(1, min(50, in_column // 20))  # 20: at least a page's worth
    rare = answer.title.rsplit("(", 1)[-1].rstrip(")")  # the letter id in the title
    letter = (
        "My partner and I have been together for years and lately I feel nervous "
        "about talking about sex and desire and contraception with them."
    )
    public = [
        Scenario("home", reverse("columns:home"), cold=True),
        Scenario(
            "column page",
            reverse("columns:column_detail", args=[column.slug]),
            cold=True,
        ),
        Scenario(
            "column page (deep)",
            reverse("columns:column_detail", args=[column.slug]) + f"?page={deep_page}",
            cold=True,
        ),
        Scenario(
            "topic page", reverse("columns:topic_detail", args=[topic.slug]), cold=True
        ),
        Scenario(
            "date archive",
            reverse(
                "columns:archive_month",
                args=[f"{month.year:04d}", f"{month.month:02d}"],
            ),
            cold=True,
        ),
        Scenario("answer page", answer.get_absolute_url(), cold=True),
        search("rare", rare),
        search("common", "condom"),
        search("very common", "feel"),
        search("two terms", "partner clinic"),
        search("phrase", '"first time"'),
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


def deep_queue_url(client: Client, pages: int = 20) -> str:
    """Follow the queue's "next" links ``pages`` times (keyset paging)."""
    url = reverse("desk:queue")
    for _ in range(pages):
        response = client.get(url)
        next_url = response.context and response.context.get("next_url")
        if not next_url:
            break
        url = next_url
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
    )
