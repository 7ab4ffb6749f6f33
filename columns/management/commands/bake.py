"""Write the public archive as static files: ``manage.py bake``."""

import os
import time

from django.core.management.base import BaseCommand, CommandParser

from columns import baking


class Command(BaseCommand):
    help = (
        "Write every public page (home, columns, topics, the date archive, each "
        "answer, feeds, sitemap, robots.txt, error pages) as files, each with gzip "
        "and Brotli copies, to the 'baked' storage (ADVICE_BAKED_ROOT, default "
        "var/site/) or --output; files of pages that no longer exist are removed. "
        "After this, the task worker keeps the files current as answers change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", help="write under this directory instead of the storage"
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="render in this many processes (default: one per CPU)",
        )

    def handle(self, *args, output: str | None, processes: int, **options) -> None:
        started = time.monotonic()
        shown = {"step": -1}

        def progress(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-6)
            step = done * 20 // max(total, 1)
            line = (
                f"[{'#' * step}{'.' * (20 - step)}] {done:,}/{total:,} pages, "
                f"{rate:,.0f}/s"
            )
            if self.stdout.isatty():
                self.stdout.write(f"\r{line}", ending="")
            elif step != shown["step"]:
                self.stdout.write(line)
            shown["step"] = step

        tally = baking.bake_site(
            location=output, processes=max(1, processes), progress=progress
        )
        if self.stdout.isatty():
            self.stdout.write("")
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Baked {tally.written:,} pages ({tally.bytes / 1e6:,.1f} MB with "
                f"their compressed copies) and removed {tally.removed:,} stale files "
                f"in {seconds:,.1f} s ({tally.written / max(seconds, 1e-6):,.0f} "
                f"pages/s, {max(1, processes)} processes)."
            )
        )
