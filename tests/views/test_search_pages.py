"""The search page and the ask page's "already answered?" suggestions."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_column, make_published_answer

SEARCH = reverse("columns:search")


def get_page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def corpus(db):
    sheets = make_column(name="Between the Sheets", slug="sheets")
    make_published_answer(
        column=sheets, title="Painful sex after childbirth", topics=("pain",),
        summary="It is common and treatable.",
    )  # fmt: skip
    make_published_answer(title="Painful periods", topics=("periods",))
    return sheets


def test_search_shows_ranked_highlighted_results(client, corpus):
    page = get_page(client, SEARCH + "?q=painful+childbirth")
    assert "Painful sex after childbirth" in page
    assert "Painful periods" not in page
    assert 'value="painful childbirth"' in page


def test_search_filters_by_column_and_topic(client, corpus):
    by_column = get_page(client, SEARCH + "?q=painful&column=sheets")
    assert "Painful sex after childbirth" in by_column
    assert "Painful periods" not in by_column
    assert "in Between the Sheets" in by_column
    by_topic = get_page(client, SEARCH + "?q=painful&topic=periods")
    assert "Painful periods" in by_topic
    assert "Painful sex" not in by_topic


def test_search_without_a_query_explains_how_to_search(client, corpus):
    page = get_page(client, SEARCH)
    assert "Looking for something?" in page
    assert "Painful" not in page


def test_search_without_results_suggests_what_to_try(client, corpus):
    page = get_page(client, SEARCH + "?q=xylophone&column=sheets")
    assert "No answers match “xylophone”" in page
    assert 'href="?q=xylophone"' in page  # drop the filters
    assert reverse("columns:ask_index") in page


@pytest.mark.parametrize(
    ("query", "message", "not_said"),
    [
        ("column=nope", "There is no such column.", "topic"),
        ("topic=nope", "No published answer has that topic.", "column."),
    ],
)
def test_an_unknown_filter_is_a_400_that_names_it(
    client, corpus, query, message, not_said
):
    page = get_page(client, SEARCH + "?q=painful&" + query, status=400)
    alert = page[page.index('role="alert"') :]
    assert message in alert
    assert not_said not in alert[: alert.index("</div>")]


@pytest.mark.parametrize("typed", ["%00", "%01%7F", "%E2%80%8B", "%00+%00"])
def test_a_query_of_control_characters_alone_is_an_empty_search(client, corpus, typed):
    page = get_page(client, SEARCH + "?q=" + typed)
    assert "Looking for something?" in page
    assert "doesn't exist" not in page


@pytest.mark.parametrize("typed", ["pain%00ful", "%00painful", "pain%E2%80%8Bful"])
def test_control_characters_are_dropped_from_the_query(client, corpus, typed):
    page = get_page(client, SEARCH + "?q=" + typed)
    assert "Results for “painful”" in page
    assert 'value="painful"' in page


def test_control_characters_are_dropped_from_the_filters(client, corpus):
    page = get_page(client, SEARCH + "?q=painful&column=%00sheets&topic=pa%00in%00")
    assert "Painful sex after childbirth" in page
    assert "Painful periods" not in page
    assert "in Between the Sheets about pain" in " ".join(page.split())
    everything = get_page(client, SEARCH + "?q=painful&column=%00&topic=%E2%80%8E")
    assert "Painful periods" in everything and "Painful sex" in everything


def test_search_pages_link_to_the_next_and_previous_pages(client, db):
    for number in range(12):
        make_published_answer(title=f"Herpes answer {number}")
    first = get_page(client, SEARCH + "?q=herpes")
    assert 'href="?q=herpes&amp;page=2"' in first
    second = get_page(client, SEARCH + "?q=herpes&page=2")
    assert 'href="?q=herpes&amp;page=1"' in second
    assert 'start="11"' in second


def test_a_page_past_the_last_is_the_sites_404(client, db):
    for number in range(3):
        make_published_answer(title=f"Herpes answer {number}")
    assert "Herpes answer 0" in get_page(client, SEARCH + "?q=herpes&page=1")
    past = get_page(client, SEARCH + "?q=herpes&page=2", status=404)
    assert "We couldn't find that page" in past
    assert "Herpes answer" not in past


@pytest.mark.parametrize("number", ["0", "-1", "1.5", "two", "%00", "", "1e3"])
def test_a_page_number_that_is_not_a_positive_integer_is_404(client, corpus, number):
    get_page(client, SEARCH + "?q=painful&page=" + number, status=404)


def test_searching_sets_no_cookies(client, corpus):
    assert not client.get(SEARCH + "?q=painful").cookies


# Suggestions on the ask page -------------------------------------------------------

LETTER = "Since the birth of our baby sex has been painful and I dread it."


def test_the_ask_page_offers_suggestions_that_work_without_javascript(client, corpus):
    page = get_page(client, reverse("columns:ask", args=["sheets"]))
    assert 'id="ask-form"' in page
    assert 'formaction="/columns/sheets/ask/suggestions/"' in page


def test_without_javascript_suggestions_come_back_with_the_letter_kept(client, corpus):
    url = reverse("columns:suggestions", args=["sheets"])
    token = "t" * 43
    response = client.post(
        url, {"text": LETTER, "sign_off": "Sore in Sheffield", "form_token": token}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Painful sex after childbirth" in page
    assert LETTER in page
    assert 'value="Sore in Sheffield"' in page
    assert f'value="{token}"' in page
    assert 'action="/columns/sheets/ask/"' in page
    assert "no-store" in response["Cache-Control"]


def test_scripts_get_the_suggestions_alone(client, corpus):
    url = reverse("columns:suggestions", args=["sheets"])
    response = client.post(
        url, {"text": LETTER}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    page = response.content.decode()
    assert "Painful sex after childbirth" in page
    assert "<form" not in page and "<html" not in page


def test_a_letter_close_to_nothing_gets_a_kind_message(client, corpus):
    url = reverse("columns:suggestions", args=["sheets"])
    response = client.post(
        url, {"text": "Xylophones?"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert "haven't found a published answer" in response.content.decode()


def test_suggestions_need_the_csrf_token(corpus):
    client = Client(enforce_csrf_checks=True)
    url = reverse("columns:suggestions", args=["sheets"])
    assert client.post(url, {"text": LETTER}).status_code == 403


def test_suggestions_are_rate_limited(client, corpus, settings, monkeypatch):
    monkeypatch.setattr("columns.views.search.SUGGESTIONS_PER_HOUR", 2)
    url = reverse("columns:suggestions", args=["sheets"])
    statuses = [client.post(url, {"text": LETTER}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_suggestions_for_an_unknown_column_are_404(client, db):
    url = reverse("columns:suggestions", args=["nope"])
    assert client.post(url, {"text": LETTER}).status_code == 404
