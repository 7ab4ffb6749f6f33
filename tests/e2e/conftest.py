"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium)
against pytest-django's live server. Playwright never downloads a browser here.

Without Chromium the browser tests are skipped on a developer machine and fail in CI
(CI=true), so a missing browser can never pass for a green run.
"""

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from columns.models import User
from tests.factories import make_roles

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# The answer editor's own page (not its revisions or preview).
EDITOR_PAGE = re.compile(r"/desk/answers/(\d+)/(?:[?#].*)?$")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _staff_roles(transactional_db):
    """The Editor and Columnist groups. A transactional test's flush deletes rows
    that migrations made, so an earlier browser test may have removed them."""
    make_roles()


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium is missing at {CHROMIUM} (apt-get install -y chromium)."
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls made
    # by the tests themselves are still synchronous, so Django may allow them.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


class RequestsInFlight:
    """The live server's application, counting the requests being handled and
    noting when the last one ended."""

    def __init__(self, app) -> None:
        self.app = app
        self.handling = 0
        self.last_ended = time.monotonic()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.handling += 1
        try:
            return self.app(environ, start_response)
        finally:
            with self.lock:
                self.handling -= 1
                self.last_ended = time.monotonic()

    @classmethod
    def of(cls, live_server) -> "RequestsInFlight":
        httpd = live_server.thread.httpd
        if not isinstance(httpd.get_app(), cls):
            httpd.set_app(cls(httpd.get_app()))
        return httpd.get_app()

    def wait_until_quiet(self, quiet: float = 0.3, most: float = 5) -> None:
        """Until no request has been handled for ``quiet`` seconds (at most
        ``most``): the beacons a page sends as it is left (the editor's check-out
        and last autosave) arrive a moment after it is gone."""
        deadline = time.monotonic() + most
        while time.monotonic() < deadline:
            with self.lock:
                if not self.handling and time.monotonic() - self.last_ended >= quiet:
                    return
            time.sleep(0.05)


def leave_editor_pages(pages, requests: RequestsInFlight) -> None:
    """Navigate away from open answer editors and wait until the server has handled
    their beacons, so no request reaches the live server while the test database
    is being flushed."""
    for open_page in pages:
        if EDITOR_PAGE.search(open_page.url):
            open_page.goto("about:blank")
    requests.wait_until_quiet()


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """Open a page in a browser context of its own (its own cookies: another
    person). ``user`` signs it in to the desk; other keywords go to the context
    (``viewport``, ``bypass_csp``...)."""
    contexts = []
    requests = RequestsInFlight.of(live_server)

    def open_one(user: User | None = None, **options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        return context.new_page()

    yield open_one
    leave_editor_pages([p for context in contexts for p in context.pages], requests)
    for context in contexts:
        context.close()
    requests.wait_until_quiet()


@pytest.fixture
def page(open_page):
    """A fresh browser context (no cookies) on the live server, 1280 px wide."""
    return open_page()


@pytest.fixture
def screenshot(page):
    """Save a screenshot under test-artifacts/screenshots/<name>.png: the whole
    page of ``page`` unless told otherwise."""

    def take(name: str, *, of=None, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        (of or page).screenshot(path=str(path), full_page=full_page)
        return path

    return take
