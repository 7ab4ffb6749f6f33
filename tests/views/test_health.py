"""The health endpoint: each part ok or degraded, 503 only when nothing can be
served, no cookies, never cached."""

import json
import subprocess
import sys
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bench.http_load import free_port
from columns.tasks import send_staff_email
from tests.servers import ROOT


def health(client) -> tuple[int, dict]:
    response = client.get("/healthz")
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, json.loads(response.content)


def test_all_parts_ok(client, db):
    status, report = health(client)
    assert status == 200
    assert report["status"] == "ok"
    assert (report["database"], report["cache"], report["tasks"]) == ("ok",) * 3
    assert report["tasks_waiting"] == 0


def test_a_task_waiting_for_long_means_no_worker_and_is_degraded(client, db):
    send_staff_email.enqueue("Subject", "Body", ["ed@example.org"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    status, report = health(client)
    assert status == 200
    assert (report["status"], report["tasks"]) == ("degraded", "degraded")
    assert report["tasks_waiting"] == 1
    assert report["oldest_waiting_task_seconds"] >= 600


def test_a_fresh_task_is_not_a_problem(client, db):
    send_staff_email.enqueue("Subject", "Body", ["ed@example.org"])
    status, report = health(client)
    assert (report["tasks"], report["tasks_waiting"]) == ("ok", 1)


def test_without_its_database_the_process_reports_503():
    closed = free_port()
    script = (
        "from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='127.0.0.1'); "
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"postgres://nobody@127.0.0.1:{closed}/advice",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, body = result.stdout.split(" ", 1)
    assert status == "503", result.stderr
    assert json.loads(body) == {"status": "down", "database": "down"}
