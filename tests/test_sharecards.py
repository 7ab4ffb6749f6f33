"""Share cards: every public page type carries OpenGraph and Twitter card tags and
schema.org JSON-LD, with absolute URLs from SITE_URL."""

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    make_column,
    make_content_warning,
    make_published_answer,
)

SITE = settings.SITE_URL


class ShareCardParser(HTMLParser):
    """The ``<meta>`` properties and the JSON-LD documents of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.json_ld: list[dict] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta[key] = attributes.get("content", "")
        self._in_json_ld = (
            tag == "script" and attributes.get("type") == "application/ld+json"
        )

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def share_card(client, url: str, **headers) -> ShareCardParser:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    parser = ShareCardParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def archive(db):
    column = make_column(slug="body-check", name="Body Check", tagline="Bodies.")
    when = timezone.make_aware(timezone.datetime(2025, 3, 14, 12))
    answer = make_published_answer(
        column=column,
        title="What happens at an STI test?",
        summary="Step by step.",
        topics=("testing",),
        publish_at=when,
    )
    nsfw = make_published_answer(
        column=column,
        title="Trying something new",
        warnings=(make_content_warning(is_nsfw=True),),
        publish_at=when + timedelta(days=1),
    )
    return answer, nsfw


COLLECTIONS = {
    "columns index": ("/columns/", "Columns"),
    "topics index": ("/topics/", "Topics"),
    "column": ("/columns/body-check/", "Body Check"),
    "topic": ("/topics/testing/", "Answers about testing"),
    "archive index": ("/archive/", "Archive"),
    "archive year": ("/archive/2025/", "Answers from 2025"),
    "archive month": ("/archive/2025/03/", "Answers from March 2025"),
}


@pytest.mark.parametrize("page", COLLECTIONS)
def test_list_pages_are_collection_pages_with_the_site_card(client, archive, page):
    url, title = COLLECTIONS[page]
    card = share_card(client, url)
    assert card.meta["og:type"] == "website"
    assert card.meta["og:title"] == card.meta["twitter:title"] == title
    assert card.meta["og:url"] == f"{SITE}{url}"
    assert card.meta["og:site_name"] == "Advice desk"
    assert card.meta["og:description"]
    assert card.meta["og:image"] == f"{SITE}/card.png"
    assert (card.meta["og:image:width"], card.meta["og:image:height"]) == (
        "1200",
        "630",
    )
    assert card.meta["og:image:alt"]
    assert card.meta["twitter:card"] == "summary_large_image"
    (data,) = card.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CollectionPage"
    assert data["name"] == title
    assert data["url"] == f"{SITE}{url}"
    assert data["isPartOf"] == {
        "@type": "WebSite",
        "name": "Advice desk",
        "url": SITE + "/",
    }


def test_the_home_page_describes_the_site_and_how_to_search_it(client, archive):
    card = share_card(client, "/")
    assert card.meta["og:url"] == f"{SITE}/"
    assert card.meta["og:image"] == f"{SITE}/card.png"
    (data,) = card.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebSite"
    assert data["name"] == "Advice desk"
    assert data["url"] == f"{SITE}/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"


def test_an_answer_is_an_article_with_its_own_card(client, archive):
    answer, _ = archive
    url = f"{SITE}{answer.get_absolute_url()}"
    card = share_card(client, answer.get_absolute_url())
    assert card.meta["og:type"] == "article"
    assert card.meta["og:title"] == "What happens at an STI test?"
    assert card.meta["og:description"] == "Step by step."
    assert card.meta["og:url"] == url
    assert card.meta["og:image"] == card.meta["twitter:image"] == f"{url}card.png"
    assert "Body Check" in card.meta["og:image:alt"]
    (data,) = card.json_ld
    assert data["@type"] == "Article"
    assert data["headline"] == "What happens at an STI test?"
    assert data["url"] == data["mainEntityOfPage"] == url
    assert data["image"] == f"{url}card.png"


def test_an_answer_behind_a_notice_shares_its_card_without_its_summary(client, archive):
    _, nsfw = archive
    for address in (nsfw.get_absolute_url(), nsfw.get_absolute_url() + "read/"):
        card = share_card(client, address)
        assert card.meta["og:url"] == f"{SITE}{nsfw.get_absolute_url()}"
        assert card.meta["og:image"] == f"{SITE}{nsfw.get_absolute_url()}card.png"
        (data,) = card.json_ld
        assert data["headline"] == "Trying something new"
    gate = share_card(client, nsfw.get_absolute_url())
    assert gate.meta["og:description"] == "This answer carries a content warning."


def test_search_pages_share_the_search_address_without_the_query(client, archive):
    card = share_card(client, "/search/?q=private+worry")
    assert card.meta["og:url"] == f"{SITE}/search/"
    assert "private" not in card.meta["og:title"] + card.meta["og:description"]
    (data,) = card.json_ld
    assert data["@type"] == "SearchResultsPage"
    assert data["url"] == f"{SITE}/search/"


def test_the_urls_come_from_site_url_not_the_requests_host(client, archive):
    assert "localhost" not in SITE
    card = share_card(client, reverse("columns:columns_index"), HTTP_HOST="localhost")
    assert card.meta["og:url"] == f"{SITE}/columns/"
    assert card.json_ld[0]["image"] == f"{SITE}/card.png"


def test_json_ld_cannot_close_its_script_element(client, db):
    title = "</script><script>alert(1)</script> & <!-- more"
    answer = make_published_answer(title=title)
    page = client.get(answer.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in page
    card = ShareCardParser()
    card.feed(page)
    (data,) = card.json_ld
    assert data["headline"] == title
    assert card.meta["og:title"] == title
