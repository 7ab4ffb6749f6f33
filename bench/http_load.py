"""Over HTTP: gunicorn on 127.0.0.1, loaded by wrk (pages) and by concurrent
readers sending letters (every "received" letter is then looked up in the
database). Every run is bounded in time and talks to this machine only."""

import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"([A-Z2-7]{4}-){6}[A-Z2-7]{4}")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """Ask ``process`` to stop (SIGTERM), and kill it if it hasn't in ``timeout``."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 5):
    """Serve the project with gunicorn on a free local port; yield (url, pid)."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
        "advice.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "sync", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/ask/", timeout=2).read()
                break
            except OSError:  # refused, or a worker still booting
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer within 30 s")
        yield url, server.pid
    finally:
        stop(server)


def peak_memory_kb(pid: int) -> dict[str, int]:
    """Peak resident memory (VmHWM) of the gunicorn master and its largest worker."""

    def high_water(process: int) -> int:
        status = Path(f"/proc/{process}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))

    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    workers = [high_water(int(child)) for child in children]
    return {"master_kb": high_water(pid), "largest_worker_kb": max(workers, default=0)}


def wrk(url: str, seconds: int, connections: int = 64) -> dict[str, float]:
    """Requests per second and latency percentiles from wrk."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (apt-get install -y wrk)")
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return round(float(value) * UNITS[unit], 2)

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_s": float(
            re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)
        ),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


class Reader:
    """A reader's browser: fetches the ask form, then sends a letter."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def send(self, text: str) -> tuple[float, int, str]:
        page = self.opener.open(self.url, timeout=30).read().decode()
        fields = {
            name: re.search(rf'name="{name}" value="([^"]+)"', page).group(1)
            for name in ("csrfmiddlewaretoken", "form_token")
        }
        body = urllib.parse.urlencode({**fields, "text": text}).encode()
        request = urllib.request.Request(
            self.url, data=body, headers={"Referer": self.url}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, html = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, html = error.code, ""
        elapsed = (time.perf_counter() - started) * 1000
        match = CODE.search(html)
        return elapsed, status, match.group(0) if match else ""


def submissions(ask_url: str, readers: int, seconds: float) -> tuple[dict, list[str]]:
    """``readers`` concurrent readers send letters for ``seconds``; returns figures
    and the receipt codes of every letter the server said it received."""
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    codes: list[str] = []
    failures: list[int] = []
    lock = threading.Lock()

    def reader(number: int) -> None:
        browser = Reader(ask_url)
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            text = (
                f"Reader {number}, letter {sent}: my partner and I argue about how "
                "often we have sex and I wonder whether that is normal."
            )
            elapsed, status, code = browser.send(text)
            with lock:
                if status == 200 and code:
                    latencies.append(elapsed)
                    codes.append(code)
                else:
                    failures.append(status)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    figures = {
        "readers": readers,
        "received": len(codes),
        "refused": len(failures),
        "per_s": round(len(codes) / seconds, 1),
        "median_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 2) if latencies else None,
    }
    return figures, codes


def server_env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env


def last_letter_id() -> int:
    """The newest letter's id, before a load that sends letters."""
    from columns.models import Question

    return Question.objects.order_by("-id").values_list("id", flat=True).first() or 0


def remove_letters_after(last_id: int) -> int:
    """Delete the letters sent after ``last_id`` (a run's submissions), with their
    topics and index rows, so the kept data doesn't grow run after run; how many."""
    from columns.models import Question

    added = Question.objects.filter(id__gt=last_id)
    count = added.count()
    added.delete()
    return count
