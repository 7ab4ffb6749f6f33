"""Run background tasks: ``manage.py worker`` (see README, "Background tasks")."""

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def requeue_abandoned_tasks() -> int:
    """Put back in the queue the tasks whose worker died while running them (they
    have been running for longer than any task may take); their count."""
    lease = timedelta(seconds=settings.ADVICE_TASK_LEASE_SECONDS)
    abandoned = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - lease
    )
    count = abandoned.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("Requeued %d task(s) abandoned by a stopped worker", count)
    return count


class Command(DBWorkerCommand):
    help = (
        "Run background tasks (staff email, follow-ups of a state change) until "
        "stopped with Ctrl-C or SIGTERM, which finish the task under way first. "
        "Tasks abandoned by a worker that died are run again. Run one or more per "
        "host in production."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options) -> None:
        requeue_abandoned_tasks()
        if not options["batch"]:
            threading.Thread(
                target=self._requeue_periodically, name="requeue", daemon=True
            ).start()
        super().handle(*args, **options)

    @staticmethod
    def _requeue_periodically() -> None:
        interval = max(1, settings.ADVICE_TASK_LEASE_SECONDS / 4)
        while True:
            time.sleep(interval)
            try:
                requeue_abandoned_tasks()
            finally:
                close_old_connections()
