"""Write the nginx configuration that serves the baked site:
``manage.py nginx_config [--output FILE]``.

nginx serves the baked public pages (``manage.py bake``), the static files and the
uploads from disk, and hands everything else to the app: the always-dynamic pages
(search, the readers' intake, the desk, the back office, /healthz) and any page that
has no file, such as a withdrawn answer's, which the app answers with 410. With the
app down, the baked pages are still served and the rest answers the baked "back
soon" page (``_errors/503.html``) with 503.

The headers nginx adds to the pages it serves come from the same settings as the
app's (the Content-Security-Policy is built by django-csp), so a page reads the
same whoever served it. The template is ``templates/deploy/nginx.conf``.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from csp.utils import build_policy
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.template import engines

from columns.pagecache import BROWSER_MAX_AGE

# Debian's libnginx-mod-http-brotli-static.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
DEFAULT_LISTEN = "127.0.0.1:8080"
DEFAULT_UPSTREAM = "127.0.0.1:8001"

# Paths the app always answers itself, even if a file of that name existed: the
# readers' intake (which sets cookies and takes letters), search, the desk and the
# back office. (Prefix locations; the column's ask pages are DYNAMIC_PATTERN.)
DYNAMIC_PREFIXES = ["/search/", "/ask/", "/desk/", "/admin/"]
DYNAMIC_EXACT = ["/healthz"]
DYNAMIC_PATTERN = "^/columns/[^/]+/ask/"
# nginx's request lines are written as requests are served, so they would date a
# letter; the readers' URLs are left out of the access log, as gunicorn's filter
# leaves them out (columns/logfilters.py, READER_PATH).
READER_PATH_PATTERN = "/ask(/|$)"

# An uploaded image's name is random and never reused, but an editor may remove one
# for a reader's sake: caches keep it an hour at most.
MEDIA_MAX_AGE = 3600
# Hashed static names (ManifestStaticFilesStorage) never change content.
STATIC_IMMUTABLE = "public, max-age=31536000, immutable"
# Room for the multipart framing around the largest accepted upload or form.
BODY_MARGIN_BYTES = 64 * 1024

# Characters that would end or reinterpret a quoted nginx string ($ starts a
# variable, and nginx has no escape for it).
UNQUOTABLE = re.compile(r'["\\$\n\r]')
TEMPLATE = "deploy/nginx.conf"
# Addresses (host:port, [::1]:port, a port) and host names, written unquoted.
ADDRESS = re.compile(r"^[\w.:\[\]-]+$")
SERVER_NAMES = re.compile(r"^[\w.*~-]+( [\w.*~-]+)*$")
USER = re.compile(r"^[\w.-]+( [\w.-]+)?$")
STANDALONE_TAG = re.compile(r"^[ \t]*({%[^%]*%})[ \t]*\n", re.MULTILINE)


def quotable(value: str) -> str:
    """``value``, if it can stand between double quotes in nginx's configuration."""
    if UNQUOTABLE.search(value):
        raise CommandError(f"Can't write {value!r} into the nginx configuration.")
    return value


def quoted(value: str) -> str:
    """``value`` as a double-quoted nginx string."""
    return f'"{quotable(value)}"'


def content_security_policy(report_only: bool = False) -> str:
    """The policy django-csp's middleware sends (settings.CONTENT_SECURITY_POLICY,
    or the report-only one), its directives in the settings' order. (django-csp
    orders them by a set, so by hash, which differs between processes.)"""
    policy = build_policy(report_only=report_only)
    name = "CONTENT_SECURITY_POLICY" + ("_REPORT_ONLY" if report_only else "")
    order = list((getattr(settings, name, None) or {}).get("DIRECTIVES", {}))
    directives = [part.strip() for part in policy.split(";") if part.strip()]

    def rank(directive: str) -> tuple[int, str]:
        name = directive.split()[0]
        return (order.index(name) if name in order else len(order), directive)

    return "; ".join(sorted(directives, key=rank))


def security_headers() -> list[tuple[str, str]]:
    """The security headers the app's middleware puts on a public page, from the
    same settings: CSP (django-csp), X-Frame-Options, and SecurityMiddleware's
    nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and HSTS."""
    middleware = settings.MIDDLEWARE
    headers = []
    if "csp.middleware.CSPMiddleware" in middleware:
        for report_only, name in [
            (False, "Content-Security-Policy"),
            (True, "Content-Security-Policy-Report-Only"),
        ]:
            if policy := content_security_policy(report_only):
                headers.append((name, policy))
    if "django.middleware.clickjacking.XFrameOptionsMiddleware" in middleware:
        headers.append(("X-Frame-Options", settings.X_FRAME_OPTIONS.upper()))
    if "django.middleware.security.SecurityMiddleware" in middleware:
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            headers.append(("X-Content-Type-Options", "nosniff"))
        if referrer := settings.SECURE_REFERRER_POLICY:
            if isinstance(referrer, str):
                referrer = referrer.split(",")
            headers.append(
                ("Referrer-Policy", ",".join(part.strip() for part in referrer))
            )
        if opener := settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            headers.append(("Cross-Origin-Opener-Policy", opener))
        # Browsers heed HSTS on HTTPS responses only, so it may go on every one.
        if settings.SECURE_HSTS_SECONDS:
            hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                hsts += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                hsts += "; preload"
            headers.append(("Strict-Transport-Security", hsts))
    return headers


def url_path(url: str) -> str | None:
    """The path of STATIC_URL or MEDIA_URL served from this host (``/static/``),
    None if it is on another host (a CDN or object storage)."""
    parts = urlsplit(url)
    if parts.netloc:
        return None
    return "/" + parts.path.strip("/") + "/"


def manifest_static_files() -> bool:
    """Whether static files have content-hashed names, so may be cached for ever."""
    return isinstance(storages["staticfiles"], ManifestFilesMixin)


def default_user() -> str:
    """None (nginx's workers run as whoever starts nginx), but for root: nginx
    started by root runs its workers as ``nobody``, who can't read a private
    temporary directory, so they run as root too unless ``--user`` says whom."""
    return "root" if os.geteuid() == 0 else ""


def render(
    *,
    listen: str = DEFAULT_LISTEN,
    upstreams: list[str] | None = None,
    root: str | os.PathLike | None = None,
    static: str | os.PathLike | None = None,
    media: str | os.PathLike | None = None,
    prefix: str | os.PathLike | None = None,
    server_name: str | None = None,
    brotli: str = "auto",
    user: str | None = None,
    pid: str | os.PathLike | None = None,
    log_dir: str | os.PathLike | None = None,
) -> str:
    """The nginx configuration; each argument left out comes from the settings."""
    root = root or settings.ADVICE_BAKED_ROOT
    static = static or settings.STATIC_ROOT
    media = media or settings.MEDIA_ROOT
    prefix = prefix or settings.VAR_DIR / "nginx"
    server_name = server_name or urlsplit(settings.SITE_URL).hostname or "_"
    if brotli == "auto":
        brotli = "on" if BROTLI_MODULE.exists() else "off"
    user = default_user() if user is None else user
    upstreams = upstreams or [DEFAULT_UPSTREAM]
    for address in [listen, *upstreams]:
        if not ADDRESS.match(address):
            raise CommandError(f"{address!r} is not an address (host:port).")
    if not SERVER_NAMES.match(server_name):
        raise CommandError(f"{server_name!r} is not a list of host names.")
    if user and not USER.match(user):
        raise CommandError(f"{user!r} is not a user name.")
    headers = [("Cache-Control", f"public, max-age={BROWSER_MAX_AGE}")]
    security = security_headers()

    def directives(pairs: list[tuple[str, str]], always: bool = False) -> list[str]:
        suffix = " always" if always else ""
        return [f"{name} {quoted(value)}{suffix}" for name, value in pairs]

    nosniff = [("X-Content-Type-Options", "nosniff")]
    body_limit = max(
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.ADVICE_UPLOAD_MAX_BYTES
    )
    context = {
        "listen": listen,
        "server_name": server_name,
        "upstreams": upstreams,
        "root": quoted(os.path.abspath(root)),
        "no_files": quoted(os.path.join(os.path.abspath(prefix), "no-files")),
        "static_path": url_path(settings.STATIC_URL),
        "static_root": quoted(os.path.abspath(static) + "/"),
        "static_headers": directives(
            [
                (
                    "Cache-Control",
                    STATIC_IMMUTABLE if manifest_static_files() else "no-cache",
                ),
                *nosniff,
            ]
        ),
        "media_path": url_path(settings.MEDIA_URL),
        "media_root": quoted(os.path.abspath(media) + "/"),
        "media_headers": directives(
            [
                ("Cache-Control", f"public, max-age={MEDIA_MAX_AGE}"),
                *nosniff,
                # An upload is an image, never a document that could run anything.
                ("Content-Security-Policy", "default-src 'none'; sandbox"),
            ]
        ),
        "prefix": quotable(os.path.abspath(prefix)),
        "pid": quoted(os.path.abspath(pid or os.path.join(prefix, "nginx.pid"))),
        "log_dir": quotable(os.path.abspath(log_dir or prefix)),
        "brotli_module": BROTLI_MODULE if brotli == "on" else None,
        "user": user,
        "page_headers": directives(headers + security),
        "error_headers": directives([("Cache-Control", "no-store"), *security], True),
        "dynamic_prefixes": DYNAMIC_PREFIXES,
        "dynamic_exact": DYNAMIC_EXACT,
        "dynamic_pattern": DYNAMIC_PATTERN,
        "reader_path": READER_PATH_PATTERN,
        "client_max_body_size": body_limit + BODY_MARGIN_BYTES,
    }
    engine = engines["plain-text"]
    source = Path(engine.get_template(TEMPLATE).origin.name).read_text()
    # A line holding only a template tag leaves no empty line behind (as Jinja's
    # trim_blocks), so the template reads like the file it writes.
    source = STANDALONE_TAG.sub(r"\1", source)
    return engine.from_string(source).render(context)


class Command(BaseCommand):
    help = (
        "Write a complete nginx.conf that serves the baked pages, static files and "
        "uploads from disk and passes everything else to the app (the upstreams). "
        "With the app down, baked pages are still served and other pages answer "
        "the baked 'back soon' page."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--listen",
            default=DEFAULT_LISTEN,
            help=f"address and port nginx listens on (default {DEFAULT_LISTEN})",
        )
        parser.add_argument(
            "--upstream",
            action="append",
            dest="upstreams",
            metavar="HOST:PORT",
            help=(
                "an app server (gunicorn); repeat for each host "
                f"(default {DEFAULT_UPSTREAM})"
            ),
        )
        parser.add_argument(
            "--root", help="the baked pages (default: settings.ADVICE_BAKED_ROOT)"
        )
        parser.add_argument(
            "--static", help="collected static files (default: settings.STATIC_ROOT)"
        )
        parser.add_argument(
            "--media", help="uploaded files (default: settings.MEDIA_ROOT)"
        )
        parser.add_argument(
            "--prefix",
            help=(
                "nginx's own directory: pid file, logs, temporary files; it must "
                "exist (default: var/nginx)"
            ),
        )
        parser.add_argument(
            "--pid", help="nginx's pid file (default: nginx.pid in the prefix)"
        )
        parser.add_argument(
            "--log-dir",
            help="where error.log and access.log go (default: the prefix)",
        )
        parser.add_argument(
            "--server-name",
            help="the site's host name (default: the host of settings.SITE_URL)",
        )
        parser.add_argument(
            "--brotli",
            choices=["auto", "on", "off"],
            default="auto",
            help=(
                "serve the pre-compressed .br files with Debian's "
                "libnginx-mod-http-brotli-static (auto: if the module is installed)"
            ),
        )
        parser.add_argument(
            "--user",
            help=(
                "the user nginx's workers run as when nginx is started by root "
                "(default: root when run as root, else none)"
            ),
        )
        parser.add_argument(
            "--output", default="-", help="file to write (default: standard output)"
        )

    def handle(self, *args, output: str, **options) -> None:
        text = render(
            listen=options["listen"],
            upstreams=options["upstreams"],
            root=options["root"],
            static=options["static"],
            media=options["media"],
            prefix=options["prefix"],
            server_name=options["server_name"],
            brotli=options["brotli"],
            user=options["user"],
            pid=options["pid"],
            log_dir=options["log_dir"],
        )
        if output == "-":
            self.stdout.write(text, ending="")
        else:
            Path(output).write_text(text)
