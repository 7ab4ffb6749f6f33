"""Store the links and page parts of every public answer at once:
``manage.py relink``."""

import os
import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from columns import links, pageparts
from columns.management.progress import by_tenths


class Command(BaseCommand):
    help = (
        "Work out and store the previous, next and related answers of every public "
        "answer at once, and what its page shows of its letters, bylines, labels "
        "and topics, as publishing them one by one would have (after a bulk "
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
        count = links.relink_all(
            timezone.now(),
            processes=max(1, processes),
            progress=by_tenths(self.stdout, "related answers"),
        )
        pageparts.store_all(progress=by_tenths(self.stdout, "page parts"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored the links and page parts of {count:,} answers in "
                f"{time.monotonic() - started:,.1f} s."
            )
        )
