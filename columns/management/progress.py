"""Progress lines for the long-running management commands."""

from collections.abc import Callable

from django.core.management.base import OutputWrapper


def by_tenths(stdout: OutputWrapper, label: str) -> Callable[[int, int], None]:
    """A progress callback ``(done, total)`` that writes a line at every tenth of
    the way."""
    shown = {"tenth": -1}

    def report(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth != shown["tenth"]:
            shown["tenth"] = tenth
            stdout.write(f"{label}: {done:,}/{total:,}")

    return report
