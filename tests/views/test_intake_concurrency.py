"""Many readers sending at once through a real server: every letter kept, once."""

import re
import threading

from columns import intake
from columns.models import Question
from tests.factories import make_column
from tests.http_client import CookieClient, field_value, needs_separate_connections

READERS = 24
LETTER = (
    "We have been arguing about how often to have sex and I don't know who is right."
)

pytestmark = needs_separate_connections


class Reader:
    """One browser: its own cookies, its own ask form."""

    def __init__(self, base_url: str, path: str) -> None:
        self.url = base_url + path
        self.client = CookieClient()
        page = self.client.get(self.url)
        self.fields = {
            name: field_value(page, name)
            for name in ("csrfmiddlewaretoken", "form_token")
        }

    def send(self, text: str) -> tuple[int, str]:
        return self.client.post(self.url, {**self.fields, "text": text})


def test_parallel_submissions_all_arrive_with_distinct_codes(
    live_server, transactional_db, settings
):
    settings.ADVICE_LETTERS_PER_HOUR = 1000
    column = make_column(slug="busy", daily_cap=0)
    readers = [
        Reader(live_server.url, f"/columns/{column.slug}/ask/") for _ in range(READERS)
    ]
    start = threading.Barrier(READERS)
    results: list[tuple[int, str]] = []

    def run(reader: Reader, number: int) -> None:
        start.wait()
        results.append(reader.send(f"{LETTER} (reader {number})"))

    threads = [threading.Thread(target=run, args=(r, n)) for n, r in enumerate(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [status for status, _ in results] == [200] * READERS
    codes = {
        re.search(r"([A-Z2-7]{4}-){6}[A-Z2-7]{4}", page).group(0) for _, page in results
    }
    assert len(codes) == READERS
    assert Question.objects.filter(column=column).count() == READERS
    stored = set(Question.objects.values_list("receipt_digest", flat=True))
    assert stored == {intake.receipt_digest(code) for code in codes}
