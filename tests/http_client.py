"""A browser without the browser, for tests that talk to a live server from many
threads at once: its own cookies, and the form fields read off the pages."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

needs_separate_connections = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database is one shared connection; "
    "PostgreSQL shows real concurrency (CI runs the suite on both)",
)


def field_value(page: str, name: str) -> str:
    """The value of the form field ``name`` (hidden inputs: tokens, versions)."""
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


class CookieClient:
    """One visitor: a cookie jar of its own, pages as text."""

    def __init__(self) -> None:
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar)
        )

    def get(self, url: str) -> str:
        return self.opener.open(url, timeout=30).read().decode()

    def post(self, url: str, fields: dict) -> tuple[int, str]:
        """Send a form with a Referer, as a browser does; the status and the page,
        error pages included."""
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": url},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
