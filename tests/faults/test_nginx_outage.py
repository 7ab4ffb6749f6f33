"""nginx in front of the baked demo site, with the app really down (a port nobody
listens on) and then up (gunicorn on the same database).

With the app down every baked page is still served from its file, compressed as
the reader accepts, and every dynamic page answers the baked "back soon" page with
503, never nginx's own error page. With the app up, the dynamic pages and the pages
that have no file (a withdrawn answer's) are the app's."""

import gzip
import http.client
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.http_load import free_port
from columns.management.commands.nginx_config import BROTLI_MODULE
from tests.nginx import nginx, nginx_or_skip
from tests.servers import gunicorn, manage, running, site_env

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
}
# Share-card images are compressed already: baked without .gz or .br copies.
UNCOMPRESSED = {".png"}
INDEX_NAMES = {"index.html", "index.rss", "index.atom"}


@dataclass
class Baked:
    directory: Path
    env: dict[str, str]
    site: Path

    def pages(self) -> dict[str, Path]:
        """Each baked page's URL path and its file."""
        found = {}
        for file in sorted(self.site.rglob("*")):
            relative = file.relative_to(self.site)
            if (
                file.is_file()
                and file.suffix not in {".gz", ".br"}
                and relative.parts[0] != "_errors"
                and not file.name.startswith(".")
            ):
                folder = relative.parent.as_posix()
                if file.name not in INDEX_NAMES:
                    found[f"/{relative.as_posix()}"] = file
                else:
                    found["/" if folder == "." else f"/{folder}/"] = file
        return found

    def column_slug(self) -> str:
        return sorted(
            folder.name
            for folder in (self.site / "columns").iterdir()
            if (folder / "index.html").exists()
        )[0]

    @property
    def back_soon(self) -> bytes:
        return (self.site / "_errors" / "503.html").read_bytes()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(
    base: str, path: str, *, method: str = "GET", headers: dict | None = None
) -> Response:
    """One request (a POST sends a small form), redirects not followed; the
    response's header names in lower case."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = dict(headers or {})
    body = None
    if method == "POST":
        body = b"q=letter"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Response(
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            response.read(),
        )
    finally:
        connection.close()


@pytest.fixture(scope="module")
def baked(tmp_path_factory) -> Baked:
    """The demo site, baked to files with ``manage.py bake --output``."""
    nginx_or_skip()
    directory = tmp_path_factory.mktemp("nginx-outage")
    env = site_env(directory, demo=True)
    site = directory / "site"
    manage(env, "bake", "--output", str(site))
    return Baked(directory, env, site)


@contextmanager
def nginx_in_front(baked: Baked, upstream_port: int, name: str):
    """nginx with the configuration ``manage.py nginx_config`` writes, serving the
    baked tree, in front of the app at ``upstream_port``; yields (URL, prefix)."""
    prefix = baked.directory / name
    prefix.mkdir()
    port = free_port()
    config = prefix / "nginx.conf"
    manage(
        baked.env,
        "nginx_config",
        *("--listen", f"127.0.0.1:{port}", "--upstream", f"127.0.0.1:{upstream_port}"),
        *("--root", str(baked.site), "--prefix", str(prefix)),
        *("--output", str(config)),
    )
    with nginx(config, prefix, port, baked.env) as url:
        yield url, prefix


@pytest.fixture
def app_down(baked, request):
    """nginx in front of a port where nothing listens; its URL."""
    with nginx_in_front(baked, free_port(), request.node.name) as (url, _):
        yield url


@pytest.fixture(scope="module")
def app_up(baked):
    """nginx in front of gunicorn serving the same database; its URL."""
    port = free_port()
    logs = baked.directory / "gunicorn"
    with (
        running(gunicorn(port, "--workers", "2"), baked.env, logs, port),
        nginx_in_front(baked, port, "app-up") as (url, _),
    ):
        yield url


def dynamic_paths(baked: Baked) -> list[str]:
    return [
        "/search/?q=x",
        "/ask/",
        "/ask/status/",
        f"/columns/{baked.column_slug()}/ask/",
    ]


def served_as_it_is(response: Response, file: Path) -> bool:
    """Whether ``file`` is one baked without compressed copies (and so, as the
    assertions check, was sent as it is)."""
    if file.suffix not in UNCOMPRESSED:
        return False
    assert "content-encoding" not in response.headers, file
    assert response.body == file.read_bytes(), file
    return True


# The app down


def test_with_the_app_down_every_baked_page_is_served_from_its_file(baked, app_down):
    pages = baked.pages()
    assert len(pages) > 50
    assert {"/", "/feed/", "/feed/atom/", "/sitemap.xml", "/robots.txt"} <= set(pages)
    for path, file in pages.items():
        response = fetch(app_down, path)
        assert (response.status, path) == (200, path)
        assert response.body == file.read_bytes(), path
        assert response.headers["content-type"] == CONTENT_TYPES[file.suffix], path
        assert response.headers["cache-control"] == "public, max-age=60"
        assert "content-security-policy" in response.headers


def test_with_the_app_down_a_reader_accepting_gzip_gets_the_gzip_file(baked, app_down):
    for path, file in baked.pages().items():
        response = fetch(app_down, path, headers={"Accept-Encoding": "gzip"})
        assert response.status == 200, path
        if served_as_it_is(response, file):
            continue
        assert response.headers["content-encoding"] == "gzip", path
        assert response.headers["vary"] == "Accept-Encoding"
        assert response.body == Path(f"{file}.gz").read_bytes(), path
        assert gzip.decompress(response.body) == file.read_bytes(), path


def test_with_the_app_down_a_reader_accepting_brotli_gets_the_brotli_file(
    baked, app_down
):
    if not BROTLI_MODULE.exists():
        pytest.skip("Debian's libnginx-mod-http-brotli-static is not installed")
    for path, file in baked.pages().items():
        response = fetch(app_down, path, headers={"Accept-Encoding": "gzip, br"})
        if served_as_it_is(response, file):
            continue
        assert response.headers["content-encoding"] == "br", path
        assert response.body == Path(f"{file}.br").read_bytes(), path


def test_with_the_app_down_the_dynamic_pages_answer_the_back_soon_page(baked, app_down):
    for path in dynamic_paths(baked):
        for method in ("GET", "POST"):
            response = fetch(app_down, path, method=method)
            assert (response.status, path, method) == (503, path, method)
            assert response.body == baked.back_soon
            assert b"We'll be back in a few minutes" in response.body
            assert b"Bad Gateway" not in response.body
            assert b"nginx" not in response.body
            assert response.headers["retry-after"] == "60"
            assert response.headers["cache-control"] == "no-store"
            assert "content-security-policy" in response.headers


def test_with_the_app_down_pages_without_a_file_answer_the_back_soon_page(
    baked, app_down
):
    # A query string (?page=2) or an answer nobody baked: only the app knows.
    for path in ["/?page=2", "/columns/no-such-column/", "/healthz", "/desk/"]:
        response = fetch(app_down, path)
        assert (response.status, response.body) == (503, baked.back_soon), path


def test_the_error_pages_are_not_pages_of_their_own(baked, app_down):
    for name in ("503.html", "404.html"):
        response = fetch(app_down, f"/_errors/{name}")
        assert response.status == 404
        assert response.body == (baked.site / "_errors" / "404.html").read_bytes()


def test_nginx_logs_no_address_time_query_or_readers_url(baked):
    with nginx_in_front(baked, free_port(), "logs") as (url, prefix):
        for path in [*dynamic_paths(baked), "/?q=secret", "/feed/"]:
            fetch(url, path, headers={"X-Forwarded-For": "192.0.2.7"})
    # Written when nginx stops (the log is buffered).
    log = (prefix / "access.log").read_text()
    errors = (prefix / "error.log").read_text()
    assert "GET /search/ 503" in log and "GET /feed/ 200" in log
    for secret in ("127.0.0.1", "192.0.2.7", "q=", "secret", "/ask", "client:"):
        assert secret not in log + errors, secret


# The app up


def test_with_the_app_up_the_dynamic_pages_are_the_apps(baked, app_up):
    for path in dynamic_paths(baked):
        response = fetch(app_up, path)
        assert (response.status, path) == (200, path)
        assert b"We'll be back" not in response.body
    # The forms carry a CSRF token: the app rendered them.
    form = fetch(app_up, "/ask/status/")
    assert b'name="csrfmiddlewaretoken"' in form.body
    assert "csrftoken=" in form.headers["set-cookie"]


def test_with_the_app_up_baked_pages_still_come_from_their_files(baked, app_up):
    response = fetch(app_up, "/feed/")
    assert response.body == (baked.site / "feed" / "index.rss").read_bytes()
    # nginx's ETag (modification time and size), not the app's digest.
    assert response.headers["etag"].count("-") == 1


def test_with_the_app_up_a_withdrawn_answer_is_gone(baked, app_up):
    script = (
        "from columns.models import Answer; "
        "print(Answer.objects.filter(state='withdrawn').select_related('column')"
        ".first().get_absolute_url())"
    )
    path = manage(baked.env, "shell", "--no-imports", "-c", script).stdout.strip()
    assert path.startswith("/columns/")
    assert not list((baked.site / path.strip("/")).glob("index.*"))
    assert path not in baked.pages()
    assert fetch(app_up, path).status == 410
