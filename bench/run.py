"""Benchmarks in one command: generate data, time every page in-process, load the
site over HTTP with gunicorn, bake the site to files (then publish answers with a
task worker running, and serve the files with nginx), and write
bench/results/<date>-<db>.json (never over an earlier file: -2, -3... is added).

    python -m bench.run --size full --database all

Each database runs in its own process (settings are read once per process). The
generated database is kept (var/bench-<size>.sqlite3, or PostgreSQL database
advice_bench_<size>) and reused when it already holds the requested data; pass
--fresh to generate it again.
"""

import argparse
import functools
import json
import os
import platform
import resource
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SIZES = {"tiny": (300, 30), "small": (20_000, 2_000), "full": (1_000_000, 100_000)}
POSTGRES = "postgres://postgres@127.0.0.1:5432/advice_bench_{size}"
# pages: in-process timings; http: gunicorn and wrk; bake: the whole site to files;
# publish: answers published with a task worker running, timed until on disk;
# nginx: the files from bake served by nginx, loaded by wrk.
PHASES = ("pages", "http", "bake", "publish", "nginx")
BAKED = ("bake", "publish", "nginx")


def answers_on(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def bench_env(database: str, size: str, var: Path = ROOT / "var") -> dict[str, str]:
    """Production-like settings for a local run over plain HTTP."""
    url = (
        f"sqlite:///{var / f'bench-{size}.sqlite3'}"
        if database == "sqlite"
        else POSTGRES.format(size=size)
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "advice.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
        # The submission load comes from one address: lift the per-client limit.
        "ADVICE_LETTERS_PER_HOUR": "0",
        "ADVICE_STATUS_CHECKS_PER_HOUR": "0",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        # Where the generation records itself (``generation_stamp``).
        "BENCH_VAR_DIR": str(var),
    }
    if database == "postgres" and answers_on(6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    return env


def generation_stamp(database: str, size: str, var: Path | None = None) -> Path:
    """Where a finished generation records its figures, beside the data."""
    var = var or Path(os.environ.get("BENCH_VAR_DIR") or ROOT / "var")
    return var / f"bench-{size}-{database}-generation.json"


def machine() -> dict[str, str | int]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count() or 0,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def run_one(args: argparse.Namespace) -> dict:
    """In the child process: the whole benchmark on one database."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench import baked, generate, measure
    from columns.models import Question

    say = functools.partial(print, flush=True)
    letters, answers = args.letters, args.answers
    say(f"== {args.database}: {letters:,} letters, {answers:,} answers")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    # Written once generation has finished: data without it is incomplete.
    stamp = generation_stamp(args.database, args.size)
    made = json.loads(stamp.read_text()) if stamp.exists() else {}
    wanted = (letters, answers, generate.VERSION)
    if (made.get("letters"), made.get("answers"), made.get("version", 1)) == wanted:
        generation = {**made, "reused": True}
        say(f"  reusing the data generated in {made['seconds']['total']:.0f} s")
    else:
        if Question.objects.filter(column__slug__startswith="bench-").exists():
            raise SystemExit(
                "The bench database holds other or incomplete data: run with --fresh."
            )
        report = generate.generate(
            letters=letters,
            answers=answers,
            progress=lambda line: say("  " + line),
            processes=os.cpu_count() or 1,
        )
        generation = {
            "letters": letters,
            "answers": answers,
            "version": generate.VERSION,
            "linked_answers": report.linked,
            "closed_list_pages": report.closed_pages,
            "seconds": {k: round(v, 1) for k, v in report.seconds.items()},
            "peak_memory_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        }
        stamp.write_text(json.dumps(generation) + "\n")
        generation["reused"] = False
        say(
            f"  generated in {report.seconds['total']:.0f} s ("
            + ", ".join(f"{k} {v:.0f} s" for k, v in report.seconds.items())
            + ")"
        )
    if args.generate_only:
        raise SystemExit(0)

    result = {
        "date": date.today().isoformat(),
        "database": args.database,
        "letters": letters,
        "answers": answers,
        "machine": machine(),
        "generation": generation,
        "phases": args.phases,
        "pages": [],
        "http": {},
        "web_memory": None,
        "baked": None,
    }
    if "pages" in args.phases:
        say("  in-process timings (warm):")
        result["pages"] = [
            t.as_dict() for t in measure.measure(args.iterations, progress=say)
        ]
    if "http" in args.phases:
        say("  over HTTP (gunicorn, 127.0.0.1):")
        result["http"], result["web_memory"] = http_phase(args, result["pages"], say)
    if set(BAKED) & set(args.phases):
        say("  the baked site:")
        result["baked"] = baked.measure_baked(
            args.phases, args.http_seconds, args.publishes, say
        )
    return result


def http_phase(args: argparse.Namespace, timings: list[dict], say) -> tuple:
    """gunicorn loaded by wrk (uncached, then cached pages) and by readers sending
    letters, which are removed afterwards; (figures, peak memory)."""
    from bench import http_load, measure
    from columns import intake
    from columns.models import Answer, Question

    answer = Answer.objects.published().select_related("column").first()
    search_url = next(
        (t["url"] for t in timings if t["name"] == "search (df≈100)"), None
    ) or next(s.url for s in measure.scenarios() if s.name == "search (df≈100)")
    http = uncached_load(search_url, args.http_seconds, say)
    env = http_load.server_env({})
    # The letters sent below are removed afterwards: the kept data stays as made.
    last_letter = http_load.last_letter_id()
    with http_load.gunicorn(env) as (url, pid):
        for name, path in [
            ("cached home page", "/"),
            ("cached answer page", answer.get_absolute_url()),
            ("uncached status page", "/ask/status/"),
        ]:
            http[name] = http_load.wrk(url + path, args.http_seconds)
            say(f"    {name:<24} {http[name]['requests_per_s']:8.0f} req/s")
        ask_url = f"{url}/columns/bench-0/ask/"
        http["submissions"], codes = http_load.submissions(
            ask_url, readers=args.readers, seconds=args.http_seconds
        )
        memory = http_load.peak_memory_kb(pid)
    digests = {intake.receipt_digest(code) for code in codes}
    stored = set(
        Question.objects.filter(receipt_digest__in=digests).values_list(
            "receipt_digest", flat=True
        )
    )
    http["submissions"]["lost"] = len(digests - stored)
    http["submissions"]["removed"] = http_load.remove_letters_after(last_letter)
    sent = http["submissions"]
    say(
        f"    submissions: {sent['received']} received, {sent['lost']} lost, "
        f"median {sent['median_ms']} ms"
    )
    return http, memory


def uncached_load(search_url: str, seconds: int, say: Callable[[str], None]) -> dict:
    """Pages built from the database on every request, loaded as the Wagtail
    harness loads its pages: 2 gunicorn workers, wrk with 16 connections."""
    from bench import http_load
    from columns.models import Answer

    answer = Answer.objects.published().select_related("column").first()
    env = http_load.server_env({"DJANGO_SETTINGS_MODULE": "bench.uncached_settings"})
    http = {}
    with http_load.gunicorn(env, workers=2) as (url, _):
        for name, path in [
            ("uncached home page", "/"),
            ("uncached answer page", answer.get_absolute_url()),
            ("uncached search (df≈100)", search_url),
        ]:
            name += " (2 workers, 16 connections)"
            http[name] = http_load.wrk(url + path, seconds, connections=16)
            say(f"    {name:<50} {http[name]['requests_per_s']:8.0f} req/s")
    return http


def table(result: dict) -> str:
    lines = [
        f"{result['database']}: {result['letters']:,} letters, "
        f"{result['answers']:,} answers",
    ]
    seconds = result["generation"].get("seconds", {})
    if seconds:
        lines.append(
            "generation: "
            + ", ".join(f"{name} {value:,.0f} s" for name, value in seconds.items())
            + (" (reused)" if result["generation"].get("reused") else "")
        )
    if result["pages"]:
        lines.append(f"{'page':<36} {'median ms':>10} {'p95 ms':>10} {'queries':>8}")
    for page in result["pages"]:
        lines.append(
            f"{page['name']:<36} {page['median_ms']:>10.2f} {page['p95_ms']:>10.2f} "
            f"{page['queries']:>8}"
        )
    for name, figures in result["http"].items():
        if "requests_per_s" in figures:
            lines.append(
                f"HTTP {name:<31} {figures['requests_per_s']:>8.0f} req/s "
                f"p50 {figures['p50_ms']} ms p99 {figures['p99_ms']} ms"
            )
    sub = result["http"].get("submissions")
    if sub:
        lines.append(
            f"HTTP submissions ({sub['readers']} readers)   {sub['per_s']} "
            f"letters/s, median {sub['median_ms']} ms, p95 {sub['p95_ms']} ms, "
            f"lost {sub['lost']}"
        )
    memory = result.get("web_memory")
    if memory:
        lines.append(
            f"peak memory: gunicorn worker {memory['largest_worker_kb'] // 1024} MiB, "
            f"generator {result['generation'].get('peak_memory_kb', 0) // 1024} MiB"
        )
    if result.get("baked"):
        lines.extend(baked_lines(result["baked"]))
    return "\n".join(lines)


def baked_lines(baked: dict) -> list[str]:
    """The baked site's figures, for the table."""
    bake, publish, nginx = baked["bake"], baked["publish"], baked["nginx"]
    lines = []
    if bake:
        lines.append(
            f"bake: {bake['pages']:,} pages in {bake['seconds']:,} s "
            f"({bake['pages_per_s']:,.0f} pages/s, {bake['processes']} processes), "
            f"{bake['mb']:,} MB with .gz and .br "
            f"({bake['mb_uncompressed']:,} MB of pages)"
        )
        if bake["projection"]:
            projected = bake["projection"]
            lines.append(
                f"bake, projected for {projected['answers']:,} answers (not "
                f"measured): about {projected['pages']:,} pages, "
                f"{projected['seconds']:,} s"
            )
    if publish:
        lines.append(
            f"publish to file ({publish['answers']} answers, worker polling every "
            f"{publish['worker_interval_s']} s): median {publish['median_s']} s, "
            f"p95 {publish['p95_s']} s, max {publish['max_s']} s, "
            f"{publish['timeouts']} timed out; kept data "
            + ("as before" if publish["kept_data_unchanged"] else "CHANGED")
        )
    if nginx and "skipped" in nginx:
        lines.append(f"nginx: skipped ({nginx['skipped']})")
    elif nginx:
        for name in ("baked answer page", "baked list page", "plain file"):
            figures = nginx[name]
            lines.append(
                f"nginx {name:<30} {figures['requests_per_s']:>8.0f} req/s "
                f"p50 {figures['p50_ms']} ms p99 {figures['p99_ms']} ms "
                f"({figures['bytes']:,} bytes)"
            )
        lines.append(
            "nginx baked / plain: "
            + ", ".join(f"{name} {ratio}" for name, ratio in nginx["ratios"].items())
        )
    return lines


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--letters", type=int, help="override the size's letter count")
    parser.add_argument("--answers", type=int, help="override the size's answer count")
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "all"], default="all",
        help="all: SQLite, then PostgreSQL when it answers on 127.0.0.1:5432",
    )  # fmt: skip
    parser.add_argument("--iterations", type=int, default=40, help="timings per page")
    parser.add_argument("--http-seconds", type=int, default=10, help="each HTTP load")
    parser.add_argument(
        "--readers", type=int, default=8, help="concurrent letter senders"
    )
    parser.add_argument(
        "--publishes", type=int, default=20,
        help="answers published (and removed again) with a task worker running",
    )  # fmt: skip
    parser.add_argument(
        "--phases", default=",".join(PHASES),
        help="what to measure after generating, comma-separated: pages (in-process), "
        "http (gunicorn and wrk), bake (the site to files), publish (to disk, with "
        "a task worker), nginx (serving the baked files; needs bake)",
    )  # fmt: skip
    parser.add_argument(
        "--label", default="", help="added to the results' file name: <date>-<db>-LABEL"
    )
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="directory for the results"
    )
    parser.add_argument(
        "--var-dir", type=Path, default=ROOT / "var",
        help="where the generated SQLite data and its record are kept",
    )  # fmt: skip
    parser.add_argument("--fresh", action="store_true", help="generate the data again")
    parser.add_argument(
        "--generate-only", action="store_true", help="stop after generating the data"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    default_letters, default_answers = SIZES[args.size]
    args.letters = args.letters or default_letters
    args.answers = args.answers or default_answers
    args.phases = [phase for phase in args.phases.split(",") if phase]
    unknown = set(args.phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    if "nginx" in args.phases and "bake" not in args.phases:
        parser.error("nginx serves what bake writes: add bake to --phases")
    return args


def results_path(directory: Path, result: dict, label: str = "") -> Path:
    """``<date>-<database>[-label].json`` in ``directory``; -2, -3... is added
    rather than write over an earlier run's file."""
    stem = f"{result['date']}-{result['database']}" + (f"-{label}" if label else "")
    path, number = directory / f"{stem}.json", 2
    while path.exists():
        path, number = directory / f"{stem}-{number}.json", number + 1
    return path


def fresh_database(database: str, size: str, var: Path) -> None:
    generation_stamp(database, size, var).unlink(missing_ok=True)
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(var / f"bench-{size}.sqlite3") + suffix).unlink(missing_ok=True)
        return
    name = f"advice_bench_{size}"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name])
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.child:
        result = run_one(args)
        args.results.mkdir(parents=True, exist_ok=True)
        path = results_path(args.results, result, args.label)
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(table(result))
        print(f"written {path}")
        return 0
    databases = ["sqlite", "postgres"] if args.database == "all" else [args.database]
    failed = 0
    for database in databases:
        if database == "postgres" and not answers_on(5432):
            print("PostgreSQL does not answer on 127.0.0.1:5432: skipped")
            continue
        env = {**os.environ, **bench_env(database, args.size, args.var_dir)}
        args.var_dir.mkdir(parents=True, exist_ok=True)
        if args.fresh or (database == "postgres" and not _postgres_exists(args.size)):
            fresh_database(database, args.size, args.var_dir)
        started = time.monotonic()
        child = [sys.executable, "-m", "bench.run", "--child", "--database", database,
                 *_passthrough(args)]  # fmt: skip
        failed |= subprocess.run(child, cwd=ROOT, env=env).returncode
        print(f"== {database} done in {time.monotonic() - started:.0f} s\n")
    return failed


def _postgres_exists(size: str) -> bool:
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc",
         f"SELECT 1 FROM pg_database WHERE datname = 'advice_bench_{size}'"],
        capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout.strip() == "1"


def _passthrough(args: argparse.Namespace) -> list[str]:
    return [
        "--size", args.size, "--letters", str(args.letters),
        "--answers", str(args.answers), "--iterations", str(args.iterations),
        "--http-seconds", str(args.http_seconds), "--readers", str(args.readers),
        "--publishes", str(args.publishes), "--phases", ",".join(args.phases),
        "--label", args.label, "--results", str(args.results),
        *(["--generate-only"] if args.generate_only else []),
    ]  # fmt: skip


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
