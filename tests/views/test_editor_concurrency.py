"""Two people save the same answer at the same instant through a real server: one
save wins, the other is refused and its writer gets their text back."""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from html import unescape

import pytest
from django.db import connection

from columns.models import Answer
from tests.factories import make_draft, make_roles, make_user

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database is one shared connection; "
    "PostgreSQL shows real concurrency (CI runs the suite on both)",
)


class Staff:
    """One signed-in browser: its own cookies and its own copy of the editor form."""

    def __init__(self, base_url: str, username: str) -> None:
        self.base_url = base_url
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar)
        )
        login = self.base_url + "/desk/login/"
        token = self._token(self.opener.open(login, timeout=30).read().decode())
        self._post(login, {"username": username, "password": PASSWORD}, token)

    @staticmethod
    def _token(page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def _post(self, url: str, fields: dict, token: str) -> tuple[int, str]:
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(
            url, data=body.encode(), headers={"Referer": url}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def open_editor(self, answer: Answer) -> None:
        self.url = f"{self.base_url}/desk/answers/{answer.pk}/"
        page = self.opener.open(self.url, timeout=30).read().decode()
        self.token = self._token(page)
        self.fields = {
            "title": answer.title,
            "slug": answer.slug,
            "version": re.search(r'name="version" value="(\d+)"', page).group(1),
        }

    def save(self, body: str) -> tuple[int, str]:
        return self._post(self.url, {**self.fields, "body": body}, self.token)


def test_of_two_simultaneous_saves_one_wins_and_the_other_keeps_its_text(
    live_server, transactional_db
):
    make_roles()
    author = make_user(role="Columnist", username="sam")
    make_user(role="Editor", username="ed")
    answer = make_draft(author=author, body="Start.")
    staff = [Staff(live_server.url, name) for name in ("sam", "ed")]
    for person in staff:
        person.open_editor(answer)

    texts = ["Sam's careful rewrite.", "Ed's quick fix."]
    results: list[tuple[int, str] | None] = [None, None]
    start = threading.Barrier(2)

    def save(index: int) -> None:
        start.wait()
        results[index] = staff[index].save(texts[index])

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for status, _ in results)
    assert statuses == [200, 409]  # the winner follows the redirect to the editor
    loser = next(i for i, (status, _) in enumerate(results) if status == 409)
    winner = 1 - loser
    page = unescape(results[loser][1])
    assert "Your changes were not saved" in page
    assert f"{texts[loser]}</textarea>" in page
    answer.refresh_from_db()
    assert (answer.body, answer.version) == (texts[winner], 2)
    assert answer.revisions.count() == 2
