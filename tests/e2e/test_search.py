"""The search page in Chromium on a phone: whatever is searched for, the page never
gets wider than the screen, and it stays accessible."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_accessibility import serious_violations
from tests.factories import make_published_answer

LONG_PATH = "very_long_path_segment_" * 12
LONG_URL = f"https://example.org/{LONG_PATH}?utm_source=newsletter"


@pytest.mark.parametrize(
    "query",
    ["x" * 5000, LONG_URL, "example"],
    ids=["5,000-character word", "long URL", "snippet with a long URL"],
)
def test_a_long_query_or_snippet_wraps_on_a_phone(open_page, transactional_db, query):
    make_published_answer(
        title="Links we like", body=f"Read more at {LONG_URL} any time."
    )
    page = open_page(viewport=PHONE)
    page.goto("/search/?q=" + quote(query))
    assert page.locator("h2#results-heading").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    assert serious_violations(page) == {}


def test_a_filter_that_does_not_exist_is_named_accessibly_on_a_phone(
    open_page, transactional_db
):
    make_published_answer(title="Links we like", body="Read more any time.")
    page = open_page(viewport=PHONE)
    page.goto("/search/?q=more&topic=" + quote(LONG_PATH))
    expect(page.get_by_role("alert")).to_have_text(
        "No published answer has that topic. Pick one from the list, "
        "or search all topics."
    )
    assert serious_violations(page) == {}
