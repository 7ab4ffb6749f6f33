"""The baked site: writing every page as files, the time from publishing an answer
to its page on disk, and nginx serving the files.

- ``full_bake``: ``bake_site`` into a temporary directory, in two processes;
- ``publish_to_disk``: ``manage.py worker`` runs against the bench database and
  writes into that directory (``ADVICE_BAKED_ROOT``) while answers are published
  in-process one at a time, each timed until its page's file exists. The answers
  are then withdrawn (the worker relinks the answers around them) and deleted with
  their letters, tasks and the list pages they closed, so the kept data stays as
  generated (checked: rows and every stored link);
- ``nginx_load``: nginx, configured by ``manage.py nginx_config``, serves that
  directory to wrk: a baked answer page, a baked list page (a column's open end),
  and a plain file of the answer page's size in the same root (random bytes at
  ``/_plain/answer/``), all asked for with wrk's headers (no Accept-Encoding, so
  the uncompressed files are sent), in two rounds in opposite orders.

Every step is bounded in time and talks to this machine only.
"""

import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench import generate, http_load
from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent
# The archive size the budget is set for: smaller runs project the bake to it.
FULL_ANSWERS = 100_000
# The worker's wait between looks at an empty queue (seconds; its option allows 0,
# a busy loop that would take a core of the two this bench runs on).
WORKER_INTERVAL = 0.1
POLL_SECONDS = 0.01
FILE_TIMEOUT = 30.0
TASK_TIMEOUT = 120.0
# The plain file nginx serves beside the baked pages (a directory URL, so that it
# goes through the same location, headers and try_files as a baked page).
PLAIN_PATH = "/_plain/answer/"

Say = Callable[[str], None]


def measure_baked(phases: list[str], seconds: int, publishes: int, say: Say) -> dict:
    """The measurements named in ``phases`` (bake, publish, nginx; nginx serves
    what bake wrote) on one temporary directory, removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="advice-bench-baked-"))
    root = directory / "site"
    root.mkdir()
    figures: dict = {"bake": None, "publish": None, "nginx": None}
    try:
        if "bake" in phases:
            say("  full bake (bake_site, 2 processes):")
            figures["bake"] = full_bake(root, processes=2, say=say)
        if "publish" in phases:
            say(
                f"  publish to disk (manage.py worker --interval {WORKER_INTERVAL}, "
                f"{publishes} answers):"
            )
            figures["publish"] = publish_to_disk(
                root, publishes, say, log=directory / "worker.log"
            )
        if "nginx" in phases:
            say(f"  nginx serving the baked files (wrk, two rounds of {seconds} s):")
            figures["nginx"] = nginx_load(root, directory / "nginx", seconds, say)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return figures


def full_bake(root: Path, *, processes: int, say: Say) -> dict:
    """``bake_site`` into ``root``: pages, seconds, pages/s, MB, and the time a
    100,000-answer archive would take at the same rate."""
    from columns.baking import bake_site
    from columns.models import Answer

    answers = Answer.objects.published().count()
    started = time.monotonic()
    shown = {"tenths": 0}

    def progress(done: int, total: int) -> None:
        tenths = done * 10 // max(total, 1)
        if tenths > shown["tenths"]:
            shown["tenths"] = tenths
            elapsed = time.monotonic() - started
            say(
                f"    {done:,}/{total:,} pages ({done / total:.0%}), "
                f"{done / max(elapsed, 1e-9):,.0f}/s, {elapsed:,.0f} s"
            )

    tally = bake_site(location=str(root), processes=processes, progress=progress)
    seconds = time.monotonic() - started
    rate = tally.written / seconds
    uncompressed = sum(
        path.stat().st_size
        for path in root.rglob("*")
        if path.is_file() and path.suffix not in {".gz", ".br"}
    )
    figures = {
        "answers": answers,
        "processes": processes,
        "pages": tally.written,
        "removed": tally.removed,
        "seconds": round(seconds, 1),
        "pages_per_s": round(rate, 1),
        "mb": round(tally.bytes / 1e6, 1),
        "mb_uncompressed": round(uncompressed / 1e6, 1),
        "projection": None,
    }
    say(
        f"    {tally.written:,} pages in {seconds:,.1f} s ({rate:,.0f} pages/s), "
        f"{figures['mb']:,} MB with their .gz and .br copies "
        f"({figures['mb_uncompressed']:,} MB of pages)"
    )
    if answers and answers < FULL_ANSWERS:
        figures["projection"] = projection(tally.written, answers, rate)
        projected = figures["projection"]
        say(
            f"    projected for {FULL_ANSWERS:,} answers (not measured): about "
            f"{projected['pages']:,} pages, {projected['seconds']:,} s at "
            f"{rate:,.0f} pages/s"
        )
    return figures


def projection(pages: int, answers: int, rate: float) -> dict:
    """The bake of a ``FULL_ANSWERS`` archive at this run's rate: each answer's
    page and the lists' closed pages grow with the answers; the other pages (the
    lists' open ends, feeds, sitemaps, years, site-wide pages) are counted as
    they are, since there are about as many at any size."""
    from columns.models import ArchivePage

    growing = answers + ArchivePage.objects.count()
    scaled = (pages - growing) + round(growing * FULL_ANSWERS / answers)
    return {
        "answers": FULL_ANSWERS,
        "pages": scaled,
        "seconds": round(scaled / rate),
        "basis": (
            f"projected from {answers:,} answers: their pages and the closed list "
            f"pages ({growing:,} here) times {FULL_ANSWERS / answers:,.0f}, the "
            f"other {pages - growing:,} pages as they are, at this run's pages/s"
        ),
    }


def publish_to_disk(root: Path, count: int, say: Say, *, log: Path) -> dict:
    """Publish ``count`` approved answers one at a time with a task worker running;
    the seconds from each ``publish`` call to its page's file in ``root``."""
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from columns import workflow
    from columns.models import ArchivePage

    editor = staff_user()
    generate.remove_run_answers()  # left by a run that was stopped midway
    before = kept_data()
    last_page = ArchivePage.objects.order_by("-pk").values_list("pk", flat=True)
    last_page = last_page.first() or 0
    since = timezone.now()
    # Tasks already queued would run first and hold up the first publications.
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    if waiting:
        say(f"    {waiting} tasks were waiting already: the worker runs them first")
    # The first one is not timed: it waits for the worker to start.
    answers = generate.approved_answers(count + 1)
    env = {**os.environ, "ADVICE_BAKED_ROOT": str(root)}
    command = [
        sys.executable, "manage.py", "worker", "--interval", str(WORKER_INTERVAL),
        "--no-startup-delay",
    ]  # fmt: skip
    seconds, publish_ms, task_seconds, pages_written = [], [], [], []
    timeouts = failed = 0
    drained = False
    with open(log, "w") as output:
        worker = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            for number, answer in enumerate(answers):
                page = root / answer.get_absolute_url().lstrip("/") / "index.html"
                started = time.perf_counter()
                workflow.publish(answer, by=editor, confirmed=True)  # commits
                committed = time.perf_counter()
                on_disk = wait_for(page.exists, FILE_TIMEOUT, worker, log)
                elapsed = time.perf_counter() - started
                task = finished_task(answer.pk, since, worker, log)
                done = task.return_value or {}
                if number == 0:
                    say(f"    warm-up: on disk after {elapsed:.2f} s (not counted)")
                    continue
                if task.status != TaskResultStatus.SUCCESSFUL:
                    failed += 1
                if not on_disk:
                    timeouts += 1
                    say(f"    {number:2d}: no file after {FILE_TIMEOUT:.0f} s")
                    continue
                seconds.append(elapsed)
                publish_ms.append((committed - started) * 1000)
                if done:
                    task_seconds.append(done["seconds"])
                    pages_written.append(done["written"])
                say(
                    f"    {number:2d}: on disk after {elapsed:.3f} s (publish "
                    f"{publish_ms[-1]:.0f} ms; the task rewrote "
                    f"{done.get('written', '?')} pages in {done.get('seconds', '?')} s)"
                )
            # Withdrawn through the workflow, with the worker running, so that the
            # answers linking to them are relinked as the site would do it; then
            # they can be deleted without leaving a link behind.
            for answer in answers:
                workflow.withdraw(answer, by=editor, note="Published by the bench.")
            drained = wait_for(
                lambda: not tasks_due(since),
                TASK_TIMEOUT + 10 * len(answers),
                worker,
                log,
            )
            if not drained:
                say("    the withdrawals' tasks did not all finish in time")
        finally:
            http_load.stop(worker, timeout=60)
    answers_removed, letters_removed = generate.remove_run_answers()
    pages_removed = ArchivePage.objects.filter(pk__gt=last_page).delete()[0]
    tasks_removed = DBTaskResult.objects.filter(enqueued_at__gte=since).delete()[0]
    restored = kept_data() == before
    figures = {
        "answers": len(seconds),
        "median_s": round(statistics.median(seconds), 3) if seconds else None,
        "p95_s": round(percentile(seconds, 0.95), 3) if seconds else None,
        "max_s": round(max(seconds), 3) if seconds else None,
        "timeouts": timeouts,
        "failed_tasks": failed,
        "publish_median_ms": round(statistics.median(publish_ms), 1)
        if publish_ms
        else None,
        "task_median_s": round(statistics.median(task_seconds), 3)
        if task_seconds
        else None,
        "task_pages_median": statistics.median(pages_written)
        if pages_written
        else None,
        "worker_interval_s": WORKER_INTERVAL,
        "tasks_waiting_before": waiting,
        "withdrawals_finished": drained,
        "removed": {
            "answers": answers_removed,
            "letters": letters_removed,
            "closed_pages": pages_removed,
            "tasks": tasks_removed,
        },
        "kept_data_unchanged": restored,
    }
    if seconds:
        say(
            f"    publish to file: median {figures['median_s']} s, p95 "
            f"{figures['p95_s']} s, max {figures['max_s']} s over {len(seconds)}; "
            f"{timeouts} timed out"
        )
    say(
        f"    removed afterwards: {answers_removed} answers, {letters_removed} "
        f"letters, {pages_removed} list pages they closed, {tasks_removed} tasks; "
        f"kept data {'as before' if restored else 'CHANGED'}"
    )
    return figures


def staff_user():
    from columns.models import User

    return User.objects.filter(
        is_superuser=True
    ).first() or User.objects.create_superuser("bench-admin", password=None)


def kept_data() -> dict[str, int | str]:
    """What a run must leave as it found it: rows, and every answer's stored
    links (previous, next, related, and what its page shows of them)."""
    from columns.models import Answer, ArchivePage, AuditEntry, Question, RelatedAnswer

    fields = ["pk", "older_id", "newer_id"]
    fields += [
        field.name
        for field in Answer._meta.concrete_fields
        if field.name.startswith("link")
    ]
    links = hashlib.sha256()
    for row in Answer.objects.order_by("pk").values_list(*fields).iterator(5000):
        links.update(repr(row).encode())
    related = RelatedAnswer.objects.order_by("answer_id", "position")
    for row in related.values_list("answer_id", "related_id").iterator(5000):
        links.update(repr(row).encode())
    return {
        "answers": Answer.objects.count(),
        "letters": Question.objects.count(),
        "closed pages": ArchivePage.objects.count(),
        "audit entries": AuditEntry.objects.count(),
        "links": links.hexdigest(),
    }


def tasks_due(since) -> bool:
    """Whether a task enqueued since ``since`` is running or ready to run (a retry
    waiting for its time is neither)."""
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(enqueued_at__gte=since)
    return (tasks.ready() | tasks.running()).exists()


def wait_for(
    condition: Callable[[], bool],
    timeout: float,
    worker: subprocess.Popen,
    log: Path,
) -> bool:
    """Look every 10 ms until ``condition`` holds (True) or ``timeout`` passes
    (False); fails if the worker stops meanwhile."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if worker.poll() is not None:
            raise RuntimeError(f"The task worker stopped:\n{tail(log)}")
        if time.perf_counter() > deadline:
            return False
        time.sleep(POLL_SECONDS)
    return True


def finished_task(answer_id: int, since, worker: subprocess.Popen, log: Path):
    """The ``rebake_answer`` task of ``answer_id`` once it has finished (the next
    publication waits for it, so each is timed on its own)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    def task():
        rows = DBTaskResult.objects.filter(
            enqueued_at__gte=since,
            task_path__endswith="rebake_answer",
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        ).order_by("-enqueued_at")
        return next((r for r in rows if r.args_kwargs["args"][0] == answer_id), None)

    if not wait_for(lambda: task() is not None, TASK_TIMEOUT, worker, log):
        raise RuntimeError(
            f"The task for answer {answer_id} did not finish in {TASK_TIMEOUT:.0f} s:"
            f"\n{tail(log)}"
        )
    return task()


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def nginx_load(root: Path, prefix: Path, seconds: int, say: Say) -> dict:
    """nginx serving ``root``; wrk's requests/s for a baked answer page, a baked
    list page (a column's open end) and a plain file of the answer page's size,
    each the mean of two rounds of ``seconds``."""
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.urls import reverse

    from columns.management.commands.serve_site import nginx_binary, nginx_command
    from columns.models import Answer, Column

    try:
        binary = nginx_binary()
    except CommandError as error:
        say(f"    skipped: {error}")
        return {"skipped": str(error)}
    answer = (
        Answer.objects.published()
        .filter(column__slug__startswith="bench-")
        .select_related("column")
        .order_by("-publish_at", "-pk")
        .first()
    )
    column = Column.objects.filter(slug__startswith="bench-").order_by("slug").first()
    pages = {
        "baked answer page": answer.get_absolute_url(),
        "baked list page": reverse("columns:column_detail", args=[column.slug]),
        "plain file": PLAIN_PATH,
    }
    answer_file = root / pages["baked answer page"].lstrip("/") / "index.html"
    plain = root / PLAIN_PATH.lstrip("/") / "index.html"
    plain.parent.mkdir(parents=True, exist_ok=True)
    plain.write_bytes(os.urandom(answer_file.stat().st_size))
    prefix.mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    port = http_load.free_port()
    call_command(
        "nginx_config",
        listen=f"127.0.0.1:{port}",
        # Nothing listens there: every request of the load is answered from files.
        upstreams=[f"127.0.0.1:{http_load.free_port()}"],
        root=str(root),
        prefix=str(prefix),
        output=str(config),
    )
    command = nginx_command(binary, prefix, config, "-g", "daemon off;")
    url = f"http://127.0.0.1:{port}"
    figures: dict = {}
    with open(prefix / "output.log", "w") as output:
        server = subprocess.Popen(
            [str(part) for part in command], stdout=output, stderr=subprocess.STDOUT
        )
        try:
            wait_until_listening(server, port, prefix / "output.log")
            served = {
                name: checked(url + path, root / path.lstrip("/") / "index.html")
                for name, path in pages.items()
            }
            # Two rounds, the second in reverse order, so that neither a page's
            # place in the sequence nor a passing load elsewhere favours it.
            rounds: dict[str, list[dict]] = {name: [] for name in pages}
            for order in (list(pages), list(reversed(pages))):
                for name in order:
                    rounds[name].append(http_load.wrk(url + pages[name], seconds))
            for name, path in pages.items():
                figures[name] = {
                    "path": path,
                    "bytes": served[name][0],
                    # Accept-Encoding where .gz and .br copies lie beside the file.
                    "vary": served[name][1],
                    **{
                        key: round(statistics.mean(r[key] for r in rounds[name]), 2)
                        for key in ("requests_per_s", "p50_ms", "p99_ms")
                    },
                    "errors": sum(r["errors"] for r in rounds[name]),
                    "rounds": rounds[name],
                }
                say(
                    f"    {name:<20} {figures[name]['requests_per_s']:8.0f} req/s  "
                    f"p50 {figures[name]['p50_ms']} ms  p99 {figures[name]['p99_ms']} "
                    f"ms  ({served[name][0]:,} bytes; rounds: "
                    + ", ".join(f"{r['requests_per_s']:.0f}" for r in rounds[name])
                    + ")"
                )
        finally:
            http_load.stop(server)
    plain_rate = figures["plain file"]["requests_per_s"]
    figures["ratios"] = {
        f"{name} / plain file": round(figures[name]["requests_per_s"] / plain_rate, 2)
        for name in ("baked answer page", "baked list page")
    }
    say(
        "    baked / plain: "
        + ", ".join(f"{name} {ratio}" for name, ratio in figures["ratios"].items())
    )
    return figures


def wait_until_listening(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while not listening(port):
        if server.poll() is not None:
            raise RuntimeError(f"nginx stopped:\n{tail(log)}")
        if time.monotonic() > deadline:
            raise RuntimeError("nginx did not listen within 30 s")
        time.sleep(0.05)


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def checked(url: str, file: Path) -> tuple[int, str]:
    """The page at ``url`` is ``file``, served whole and uncompressed: its size,
    and the Vary header nginx sent with it."""
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
        encoding = response.headers.get("Content-Encoding")
        vary = response.headers.get("Vary", "")
    if body != file.read_bytes() or encoding:
        raise RuntimeError(f"nginx did not serve {file} as it is at {url}")
    return len(body), vary
