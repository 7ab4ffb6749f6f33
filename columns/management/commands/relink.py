"""Store the links of every public answer at once: ``manage.py relink``."""

import os
import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from columns import links


class Command(BaseCommand):
    help = (
        "Work out and store the previous, next and related answers of every public "
        "answer at once, as publishing them one by one would have (after a bulk "
        "import). Publishing keeps them current after that."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="search for related answers in this many processes (default: one "
            "per CPU)",
        )

    def handle(self, *args, processes: int, **options) -> None:
        started = time.monotonic()
        shown = {"tenth": -1}

        def progress(done: int, total: int) -> None:
            tenth = done * 10 // max(total, 1)
            if tenth != shown["tenth"]:
                shown["tenth"] = tenth
                self.stdout.write(f"related answers: {done:,}/{total:,}")

        count = links.relink_all(
            timezone.now(), processes=max(1, processes), progress=progress
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored the links of {count:,} answers in "
                f"{time.monotonic() - started:,.1f} s."
            )
        )
