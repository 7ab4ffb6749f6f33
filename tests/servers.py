"""Real servers for the tests that need them: the product's own web and worker
processes on free ports, each with a migrated SQLite file of its own, always
stopped when the test is done."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.http_load import stop

ROOT = Path(__file__).resolve().parent.parent


def manage(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    """Run a management command in ``env``; fails the test if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        pytest.fail(f"manage.py {' '.join(arguments)}: {result.stderr}")
    return result


def site_env(directory: Path, *, demo: bool = False, **overrides: str) -> dict:
    """The environment of a development setup whose migrated SQLite file lives in
    ``directory`` (with the demo content if ``demo``), without Redis."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "GUNICORN_CMD_ARGS", "WEB_CONCURRENCY"}
    }
    env.update(
        DEBUG="1",
        LOG_LEVEL="INFO",
        DATABASE_URL=f"sqlite:///{directory / 'advice.sqlite3'}",
        PYTHONUNBUFFERED="1",
        **overrides,
    )
    manage(env, "migrate", "--noinput", "-v0")
    if demo:
        manage(env, "seed_demo")
    return env


@contextmanager
def running(command: list[str], env: dict[str, str], logs: Path, port: int = 0):
    """Run a process until the block ends (and, with ``port``, until it listens
    there); afterwards ``logs`` holds its ``stdout.log`` and ``stderr.log``. Yields
    the process."""
    logs.mkdir(parents=True, exist_ok=True)
    with (
        open(logs / "stdout.log", "w") as stdout,
        open(logs / "stderr.log", "w") as stderr,
    ):
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr
        )
        try:
            deadline = time.monotonic() + 60
            while port:
                if process.poll() is not None:
                    pytest.fail(f"exited: {(logs / 'stderr.log').read_text()}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"{command} did not listen within 60 s")
                    time.sleep(0.1)
            yield process
        finally:
            stop(process)


def gunicorn(port: int, *options: str) -> list[str]:
    """The production web server's command, with the project's configuration."""
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
    bind = f"127.0.0.1:{port}"
    return [*command, "advice.wsgi", "--bind", bind, "--no-control-socket", *options]
