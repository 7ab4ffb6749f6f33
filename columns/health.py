"""The state of each part the product relies on, for the health endpoint and the
desk: the database, the cache and the background task queue. No reader data."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

# A task waiting longer than this means no worker is taking tasks.
TASK_WAIT_DEGRADED_SECONDS = 300
# Failed attempts counted on the desk and by the health endpoint.
FAILED_WITHIN = timedelta(days=1)
PROBE_KEY = "health:probe"


@dataclass(frozen=True)
class TaskBacklog:
    waiting: int
    oldest_waiting_seconds: int | None
    failed_recently: int

    @property
    def ok(self) -> bool:
        return (self.oldest_waiting_seconds or 0) < TASK_WAIT_DEGRADED_SECONDS


def task_backlog() -> TaskBacklog:
    """Tasks due and not yet taken by a worker, and attempts failed of late."""
    now = timezone.now()
    due = DBTaskResult.objects.ready().aggregate(
        waiting=Count("pk"), oldest=Min("enqueued_at")
    )
    oldest = due["oldest"]
    return TaskBacklog(
        waiting=due["waiting"],
        oldest_waiting_seconds=(
            max(0, int((now - oldest).total_seconds())) if oldest else None
        ),
        failed_recently=DBTaskResult.objects.failed()
        .filter(finished_at__gte=now - FAILED_WITHIN)
        .count(),
    )


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def cache_ok() -> bool:
    """Whether the page cache stores and returns a value (a cache that is down
    misses instead of failing: see columns.cachebackends)."""
    cache = caches["default"]
    probe = timezone.now().isoformat()
    cache.set(PROBE_KEY, probe, timeout=60)
    return cache.get(PROBE_KEY) == probe


def report() -> tuple[bool, dict]:
    """Whether this process can serve at all, and each part's state."""
    if not database_ok():
        return False, {"status": "down", "database": "down"}
    backlog = task_backlog()
    parts = {
        "database": "ok",
        "cache": "ok" if cache_ok() else "degraded",
        "tasks": "ok" if backlog.ok else "degraded",
    }
    return True, {
        "status": "ok" if set(parts.values()) == {"ok"} else "degraded",
        **parts,
        "cache_backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "tasks_waiting": backlog.waiting,
        "oldest_waiting_task_seconds": backlog.oldest_waiting_seconds,
        "tasks_failed_last_day": backlog.failed_recently,
    }
