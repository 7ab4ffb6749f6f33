"""Serve the site for development with its task worker: ``manage.py serve``."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


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
        # Each child in a process group of its own: Ctrl-C reaches only this
        # command, which then stops each group (the web server's reloader child
        # included) with one SIGTERM, so the worker finishes its task.
        children = [
            subprocess.Popen([*manage, command, *arguments], start_new_session=True)
            for command, *arguments in [
                ("worker", "--interval", "1"),
                ("runserver", addrport),
            ]
        ]
        stopping = False

        def stop(signum, frame) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        self.stdout.write("Web server and task worker stopped.")
