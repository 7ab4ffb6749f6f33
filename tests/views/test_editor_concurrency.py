"""Two people save the same answer at the same instant through a real server: one
save wins, the other is refused and its writer gets their text back."""

import threading
from html import unescape

from columns.models import Answer
from tests.factories import make_draft, make_roles, make_user
from tests.http_client import CookieClient, field_value, needs_separate_connections

PASSWORD = "correct horse battery"

pytestmark = needs_separate_connections


class Staff:
    """One signed-in browser: its own cookies and its own copy of the editor form."""

    def __init__(self, base_url: str, username: str) -> None:
        self.base_url = base_url
        self.client = CookieClient()
        login = self.base_url + "/desk/login/"
        token = field_value(self.client.get(login), "csrfmiddlewaretoken")
        self.client.post(
            login,
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )

    def open_editor(self, answer: Answer) -> None:
        self.url = f"{self.base_url}/desk/answers/{answer.pk}/"
        page = self.client.get(self.url)
        self.fields = {
            "title": answer.title,
            "slug": answer.slug,
            "version": field_value(page, "version"),
            "csrfmiddlewaretoken": field_value(page, "csrfmiddlewaretoken"),
        }

    def save(self, body: str) -> tuple[int, str]:
        return self.client.post(self.url, {**self.fields, "body": body})


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
