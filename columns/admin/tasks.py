"""Background tasks in the back office: what waits, what ran, what failed and why.
Read-only; the worker alone changes them."""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from columns.admin.base import GuardedInputMixin

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(GuardedInputMixin, DBTaskResultAdmin):
    list_display = (
        "task_name",
        "status",
        "attempt",
        "error",
        "enqueued_at",
        "display_run_after",
        "finished_at",
    )
    list_filter = ("status", "task_path")

    @admin.display(description="attempt")
    def attempt(self, obj: DBTaskResult) -> int:
        return obj.args_kwargs.get("kwargs", {}).get("attempt", 1)

    @admin.display(description="error")
    def error(self, obj: DBTaskResult) -> str:
        """The exception's last line, e.g. ``ConnectionRefusedError: ...``."""
        lines = obj.traceback.strip().splitlines()
        return lines[-1] if lines else ""
