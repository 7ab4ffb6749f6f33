"""Background work: what follows a state change but must not hold up the request.

Tasks run on Django's Tasks API (the django-tasks backport); by default they are
rows in the database (django-tasks-db) run by ``manage.py worker``, so no extra
server is needed and a deployment may name another backend in ``settings.TASKS``.

``retried_task`` makes a task that, when it fails, is enqueued again later (30 s,
2 min, 8 min... by default) until ``ADVICE_TASK_MAX_ATTEMPTS``; each failed attempt
stays visible to staff with its error (the back office's task results, the desk
dashboard). ``enqueue_with_change`` enqueues with the change that caused it.
"""

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number ``attempt`` (1, 2, ...)."""
    return timedelta(seconds=settings.ADVICE_TASK_RETRY_SECONDS * 4 ** (attempt - 1))


def retried_task(function: Callable[..., Any]) -> Task:
    """A task running ``function``, enqueued again with back-off when it fails.

    The attempt number travels as the ``attempt`` keyword; the failing attempt
    re-raises, so its result records the error.
    """

    @functools.wraps(function)
    def attempt_once(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception:
            if attempt < settings.ADVICE_TASK_MAX_ATTEMPTS:
                later = timezone.now() + retry_delay(attempt)
                background_task.using(run_after=later).enqueue(
                    *args, attempt=attempt + 1, **kwargs
                )
                logger.warning(
                    "%s failed (attempt %d); retrying at %s",
                    function.__name__,
                    attempt,
                    later.isoformat(timespec="seconds"),
                )
            else:
                logger.error(
                    "%s failed for good after %d attempts", function.__name__, attempt
                )
            raise

    background_task = task()(attempt_once)
    return background_task


def enqueue_with_change(background_task: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``background_task`` as part of the change being saved.

    A queue kept in the same database takes the task in the same transaction: the
    change and its follow-up commit together or not at all. Any other backend is
    given the task once the transaction commits.
    """
    backend = task_backends[background_task.backend]
    if isinstance(backend, DatabaseBackend):
        background_task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(
            functools.partial(background_task.enqueue, *args, **kwargs), robust=True
        )


@retried_task
def send_staff_email(subject: str, body: str, recipients: list[str]) -> int:
    """Send one plain-text email to staff; the number of messages sent."""
    return send_mail(
        subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False
    )
