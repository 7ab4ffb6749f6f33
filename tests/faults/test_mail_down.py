"""A mail server that is down, or hangs while a worker is killed: the editor's click
succeeds at once, and every email is delivered exactly once when it can be."""

import os
import signal
import sys
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bench.http_load import free_port
from tests.factories import make_draft
from tests.faults.conftest import Mailbox, smtp_server
from tests.servers import manage, running, site_env

TITLE = "Don't panic: the condom split"


@pytest.fixture
def smtp_port(settings) -> int:
    """Mail goes by SMTP to a port where nothing listens (yet)."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://advice.example.org"
    return port


@pytest.fixture
def submitted(editor, columnist, client):
    """A columnist's click on "Submit for review", with editors to email."""
    editor.email = "editor@example.org"
    editor.save()
    draft = make_draft(author=columnist, title=TITLE)
    client.force_login(columnist)
    response = client.post(
        reverse("editor:submit_for_review", args=[draft.pk]), follow=True
    )
    return draft, response


def test_with_smtp_down_the_click_succeeds_and_the_mail_waits_for_a_retry(
    smtp_port, submitted, run_tasks, settings
):
    draft, response = submitted
    assert "The editors have been emailed." in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == draft.State.IN_REVIEW

    run_tasks()
    [failed] = DBTaskResult.objects.failed()
    assert "ConnectionRefusedError" in failed.traceback
    [retry] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    wait = retry.run_after - timezone.now()
    assert timedelta(seconds=settings.ADVICE_TASK_RETRY_SECONDS - 5) < wait
    run_tasks()  # not due yet: nothing is sent, nothing more fails
    assert DBTaskResult.objects.failed().count() == 1

    mailbox = Mailbox()
    with smtp_server(smtp_port, mailbox):
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_tasks()
    assert mailbox.subjects() == [f"For review: {TITLE}"]
    body = mailbox.accepted[0].decode()
    assert TITLE in body and "&#x27;" not in body
    assert f"https://advice.example.org/desk/answers/{draft.pk}/" in body


def test_a_task_that_keeps_failing_stops_after_its_attempts(
    smtp_port, submitted, run_tasks, settings
):
    settings.ADVICE_TASK_MAX_ATTEMPTS = 3
    for _ in range(5):
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
            run_after=timezone.now()
        )
        run_tasks()
    assert DBTaskResult.objects.failed().count() == 3
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_the_back_office_shows_failed_attempts_with_their_error(
    smtp_port, submitted, run_tasks, client, superuser
):
    run_tasks()
    client.force_login(superuser)
    page = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist")
    ).content.decode()
    assert "send_staff_email" in page and "ConnectionRefusedError" in page


def test_the_desk_says_nobody_was_emailed_when_no_editor_has_an_address(
    columnist, editor, client
):
    draft = make_draft(author=columnist)
    client.force_login(columnist)
    response = client.post(
        reverse("editor:submit_for_review", args=[draft.pk]), follow=True
    )
    page = response.content.decode()
    assert "nobody was emailed" in page and "have been emailed" not in page
    assert not DBTaskResult.objects.filter(task_path__endswith=".send_staff_email")


def test_a_worker_killed_while_sending_leaves_the_mail_to_the_next_one_once(
    tmp_path,
):
    port = free_port()
    env = site_env(
        tmp_path,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        ADVICE_TASK_LEASE_SECONDS="2",
    )
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from columns.tasks import send_staff_email; "
        "send_staff_email.enqueue('Killed mid-send', 'Body', ['ed@example.org'])",
    )
    command = [sys.executable, "manage.py", "worker", "--interval", "0.2"]
    mailbox = Mailbox(hang_first=True)
    with smtp_server(port, mailbox):
        with running(command, env, tmp_path / "first") as first:
            assert mailbox.held.wait(60), "the first worker never reached the server"
            os.kill(first.pid, signal.SIGKILL)
            first.wait()
        mailbox.release.set()  # the server gives up on the dead connection
        with running(command, env, tmp_path / "second"):
            deadline = time.monotonic() + 60
            while not mailbox.accepted and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(1)  # a second delivery would arrive within this
    assert mailbox.subjects() == ["Killed mid-send"]
    statuses = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django_tasks_db.models import DBTaskResult; "
        "print(*DBTaskResult.objects.values_list('status', flat=True))",
    ).stdout.split()
    assert statuses == ["SUCCESSFUL"]
