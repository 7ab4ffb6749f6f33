"""Failure modes, measured as an operator would try them: the demo site served by
gunicorn with four workers and no Redis, then with a Redis that refuses and one
that hangs. Prints what readers, editors and an attacker get:

- a withdrawn answer requested 40 times right after the withdrawal;
- 150 status look-ups (limit 30 an hour) and 18 letters (limit 5) from one client;
- 90 wrong passwords in a row on each staff login page, then the right one;
- pages and a letter with Redis refusing or hung: status codes and time per page.

    .venv/bin/python -m bench.failures [--workers 4]
"""

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
from pathlib import Path

from bench.http_load import ROOT, Reader, free_port, gunicorn, server_env

WRONG_CODE = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"
LOCKED = "Too many failed sign-ins"
ACCOUNTS = {"/desk/login/": "editor", "/admin/login/": "admin"}
PASSWORDS = {"editor": "demo-editor-2026", "admin": "demo-admin-2026"}
LETTER = "My partner and I argue about how often we have sex; is that normal? ({})"


class Browser(Reader):
    """A visitor with cookies: pages, forms with their CSRF token, status codes."""

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self.base = base

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def submit(self, path: str, fields: dict, form_from: str = "") -> tuple[int, str]:
        """Post ``fields`` with the CSRF token of the form at ``form_from``."""
        _, page = self.get(form_from or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def manage(env: dict[str, str], *arguments: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def demo_env(directory: Path, **extra: str) -> dict[str, str]:
    env = server_env(
        {
            "DEBUG": "1",
            "REDIS_URL": "",
            "DATABASE_URL": f"sqlite:///{directory / 'advice.sqlite3'}",
            **extra,
        }
    )
    print("  migrating and loading the demo ...", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    return env


def an_answer(env: dict[str, str]) -> tuple[int, str]:
    script = (
        "from columns.models import Answer; a = Answer.objects.published()"
        ".exclude(content_warnings__is_nsfw=True).order_by('pk').first(); "
        "print(a.pk, a.get_absolute_url())"
    )
    pk, path = manage(env, "shell", "--no-imports", "-c", script).split()
    return int(pk), path


def withdrawal(base: str, env: dict[str, str]) -> str:
    pk, path = an_answer(env)
    reader = Browser(base)
    for _ in range(40):  # every worker has it cached
        reader.get(path)
    editor = Browser(base)
    editor.submit(
        "/desk/login/", {"username": "editor", "password": "demo-editor-2026"}
    )
    status, _ = editor.submit(
        f"/desk/answers/{pk}/withdraw/",
        {"note": "Withdrawn for the measurement."},
        form_from=f"/desk/answers/{pk}/",
    )
    served = [reader.get(path)[0] for _ in range(40)]
    return f"{served.count(200)}/40 still 200 (statuses {sorted(set(served))})"


def status_lookups(base: str) -> str:
    reader = Browser(base)
    statuses = [
        reader.submit("/ask/status/", {"code": WRONG_CODE})[0] for _ in range(150)
    ]
    allowed = sum(status != 429 for status in statuses)
    return f"{allowed}/150 allowed (limit 30)"


def letters(base: str) -> str:
    _, index = Browser(base).get("/ask/")
    ask = re.search(r'href="(/columns/[^/"]+/ask/)"', index)[1]
    reader = Reader(base + ask)
    sent = [reader.send(LETTER.format(number))[1] for number in range(18)]
    return f"{sent.count(200)}/18 received (limit 5)"


def wrong_passwords(base: str, path: str) -> str:
    username = ACCOUNTS[path]
    attacker = Browser(base)
    locked_after = None
    for attempt in range(1, 91):
        _, page = attacker.submit(path, {"username": username, "password": "wrong"})
        if locked_after is None and LOCKED in page:
            locked_after = attempt
    owner = Browser(base)
    status, page = owner.submit(
        path, {"username": username, "password": PASSWORDS[username]}
    )
    right = "refused (locked)" if LOCKED in page else f"accepted ({status})"
    if locked_after is None:
        return f"never locked; then the right password: {right}"
    return (
        f"locked by wrong password #{locked_after} ({90 - locked_after} more "
        f"refused unchecked); then the right password: {right}"
    )


def page_times(base: str, paths: list[str]) -> str:
    browser = Browser(base)
    rows = []
    for path in paths:
        statuses, times = [], []
        for _ in range(20):
            started = time.perf_counter()
            statuses.append(browser.get(path)[0])
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            f"{path} {sorted(set(statuses))} median {statistics.median(times):.1f} ms"
            f", max {max(times):.1f} ms"
        )
    ask = re.search(r'href="(/columns/[^/"]+/ask/)"', browser.get("/ask/")[1])[1]
    status = Reader(base + ask).send(LETTER.format("redis"))[1]
    return "; ".join(rows) + f"; a letter: {status}"


class SilentServer:
    """Accepts connections and never answers (a hung Redis); keeps them, so they
    can be counted."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.connections.append(self.listener.accept()[0])
            except OSError:  # closed
                return

    def close(self) -> None:
        self.listener.close()
        for connection in self.connections:
            connection.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args(argv)
    results: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as directory:
        env = demo_env(Path(directory))
        with gunicorn(env, workers=args.workers) as (base, _):
            for name, measure in [
                ("withdrawn answer, 40 requests after", lambda: withdrawal(base, env)),
                ("status look-ups from one client", lambda: status_lookups(base)),
                ("letters from one client", lambda: letters(base)),
                *(
                    (
                        f"90 wrong passwords on {path}",
                        lambda p=path: wrong_passwords(base, p),
                    )
                    for path in ACCOUNTS
                ),
            ]:
                print(f"  {name} ...", flush=True)
                results.append((name, measure()))
        pages = ["/", "/search/?q=sex", an_answer(env)[1]]
        hung = SilentServer()
        for name, redis_url in [
            ("Redis refusing (closed port)", f"redis://127.0.0.1:{free_port()}/0"),
            ("Redis hung (accepts, never answers)", f"redis://127.0.0.1:{hung.port}/0"),
        ]:
            print(f"  {name} ...", flush=True)
            with gunicorn({**env, "REDIS_URL": redis_url}, workers=args.workers) as (
                base,
                _,
            ):
                results.append((name, page_times(base, pages)))
    print(f"\nFailure modes (gunicorn, {args.workers} workers, SQLite)")
    for name, outcome in results:
        print(f"- {name}: {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
