"""Serve the site for development with its task worker: ``manage.py serve``."""

import sys

from django.core.management.base import BaseCommand

from columns.management.processes import run_together


class Command(BaseCommand):
    help = (
        "Run the development web server and a background task worker together "
        "(what `make run` does). Ctrl-C or SIGTERM stops both; if either stops on "
        "its own, the other is stopped too."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="host:port to serve"
        )

    def handle(self, *args, addrport: str, **options) -> None:
        manage = [sys.executable, sys.argv[0]]
        run_together(
            [
                [*manage, "worker", "--interval", "1"],
                [*manage, "runserver", addrport],
            ]
        )
        self.stdout.write("Web server and task worker stopped.")
