"""The task worker (``manage.py worker``) and ``manage.py serve`` that runs it
beside the development server."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bench.http_load import free_port
from columns.management.commands.worker import requeue_abandoned_tasks
from columns.tasks import retry_delay, send_staff_email
from tests.servers import ROOT, site_env


def running_since(minutes: int) -> DBTaskResult:
    result = send_staff_email.enqueue("Subject", "Body", ["ed@example.org"])
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes),
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_task_running_past_its_lease_is_put_back_in_the_queue(db, settings):
    settings.ADVICE_TASK_LEASE_SECONDS = 600
    abandoned, busy = running_since(minutes=11), running_since(minutes=1)
    assert requeue_abandoned_tasks() == 1
    abandoned.refresh_from_db()
    busy.refresh_from_db()
    assert (abandoned.status, busy.status) == ("READY", "RUNNING")


def test_retries_wait_four_times_longer_each_time(settings):
    settings.ADVICE_TASK_RETRY_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 120, 480]


def children_of(pid: int) -> list[int]:
    return [
        int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    ]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_serve_runs_the_web_server_and_a_worker_and_ctrl_c_stops_both(tmp_path):
    env = site_env(tmp_path)
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while len(children_of(serve.pid)) < 2 or not _listening(port):
            assert time.monotonic() < deadline, "serve did not start both"
            time.sleep(0.2)
        commands = {
            pid: Path(f"/proc/{pid}/cmdline").read_text().split("\0")
            for pid in children_of(serve.pid)
        }
        assert sorted(c[2] for c in commands.values()) == ["runserver", "worker"]
        serve.send_signal(signal.SIGINT)
        output = serve.communicate(timeout=60)[0].decode()
    finally:
        if serve.poll() is None:
            serve.kill()
    assert serve.returncode == 0
    assert "Web server and task worker stopped." in output
    assert not any(alive(pid) for pid in commands)


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False
