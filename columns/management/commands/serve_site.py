"""Serve the site on this machine as it runs in production: ``manage.py
serve_site`` (what ``make serve`` does).

nginx in front serves the baked pages and the static files; gunicorn behind it
answers the rest; a task worker keeps the baked pages current as answers change.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from columns.management.commands import nginx_config
from columns.management.processes import run_together

NGINX = "/usr/sbin/nginx"
INSTALL = "apt-get install -y nginx libnginx-mod-http-brotli-static"


def nginx_binary() -> str:
    """The nginx program (Debian's is outside a normal user's PATH)."""
    found = shutil.which("nginx") or (NGINX if os.path.exists(NGINX) else None)
    if not found:
        raise CommandError(f"nginx is missing ({INSTALL}).")
    return found


def nginx_command(binary: str, prefix: Path, config: Path, *options: str) -> list:
    """nginx as an unprivileged process of its own with everything under
    ``prefix`` (even the log of errors found before the configuration is read)."""
    return [binary, "-p", prefix, "-c", config, "-e", prefix / "error.log", *options]


class Command(BaseCommand):
    help = (
        "Collect the static files, bake the public pages, then serve the site as in "
        "production: nginx in front (baked pages, static files), gunicorn behind it "
        "and a task worker that keeps the baked pages current (what `make serve` "
        "does). Ctrl-C or SIGTERM stops all three; if one stops on its own, the "
        "others are stopped too."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--port",
            type=int,
            default=8080,
            help="nginx's port on 127.0.0.1 (default %(default)s)",
        )
        parser.add_argument(
            "--app-port",
            type=int,
            default=8001,
            help="gunicorn's port on 127.0.0.1 (default %(default)s)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="gunicorn's worker processes (default %(default)s)",
        )
        parser.add_argument(
            "--prefix",
            help="nginx's configuration, logs and temporary files (default var/nginx)",
        )

    def handle(self, *args, port: int, app_port: int, workers: int, **options):
        prefix = Path(options["prefix"] or Path(settings.VAR_DIR) / "nginx")
        binary = nginx_binary()
        root = Path(settings.ADVICE_BAKED_ROOT)
        baked = storages["baked"]
        if not (
            isinstance(baked, FileSystemStorage)
            and Path(baked.location).resolve() == root.resolve()
        ):
            raise CommandError(
                "serve_site serves the baked pages from ADVICE_BAKED_ROOT, but "
                'STORAGES["baked"] writes them elsewhere.'
            )
        base = Path(settings.BASE_DIR)
        url = f"http://127.0.0.1:{port}"
        env = dict(os.environ)
        # Feeds and the sitemap carry absolute links: to this server, unless set.
        env.setdefault("SITE_URL", url)
        # nginx passes the reader's address on for the rate limits (hashed only).
        env.setdefault("ADVICE_CLIENT_ADDRESS_HEADER", "HTTP_X_FORWARDED_FOR")
        manage = [sys.executable, str(base / "manage.py")]
        for step in (["collectstatic", "--noinput", "-v0"], ["bake"]):
            if subprocess.run([*manage, *step], env=env, cwd=base).returncode:
                raise CommandError(f"manage.py {step[0]} failed.")

        prefix.mkdir(parents=True, exist_ok=True)
        config = prefix / "nginx.conf"
        config.write_text(
            nginx_config.render(
                listen=f"127.0.0.1:{port}",
                upstreams=[f"127.0.0.1:{app_port}"],
                root=root,
                prefix=prefix,
            )
        )
        test = subprocess.run(
            nginx_command(binary, prefix, config, "-t", "-q"),
            capture_output=True,
            text=True,
        )
        if test.returncode:
            raise CommandError(f"nginx refuses {config}: {test.stderr}")

        gunicorn = [
            *(sys.executable, "-m", "gunicorn", "advice.wsgi"),
            *("-c", "deploy/gunicorn.conf.py", "--no-control-socket"),
            *("--bind", f"127.0.0.1:{app_port}", "--workers", str(workers)),
        ]

        def started() -> None:
            self.stdout.write(
                f"\nServing on {url}/ (back office: {url}/admin/)\n"
                f"nginx serves the baked pages from {root} and the static files; "
                f"gunicorn on 127.0.0.1:{app_port} answers the rest; a task worker "
                "keeps the baked pages current. Stop all three with Ctrl-C.\n"
            )

        run_together(
            [
                gunicorn,
                [*manage, "worker", "--interval", "1"],
                nginx_command(binary, prefix, config, "-g", "daemon off;"),
            ],
            env=env,
            cwd=base,
            started=started,
        )
        self.stdout.write("nginx, gunicorn and the task worker stopped.")
