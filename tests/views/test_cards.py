"""The share-card images: one per public answer and one for the site, PNGs of
1200x630 drawn from the answer's title and column and the site's name only."""

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from columns.listings import card_url
from columns.models import Answer, Question
from tests.factories import make_answer, make_column, make_published_answer

QUERY_CEILING = 10


def png(client, url: str) -> bytes:
    cache.clear()  # drawn afresh, not the cached copy
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/png"
    return response.content


@pytest.mark.parametrize("kind", ["answer", "site"])
def test_a_card_is_a_1200_by_630_png_that_caches_like_a_page(client, db, kind):
    answer = make_published_answer(title="What happens at an STI test?")
    url = card_url(answer) if kind == "answer" else "/card.png"
    response = client.get(url)
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert "public" in response["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_an_answers_card_changes_with_its_title_and_never_with_its_letter(client, db):
    column = make_column(name="Body Check")
    letter = Question.objects.create(
        column=column, original_text="Unique letter", public_text="Unique letter"
    )
    answer = make_published_answer(
        column=column, questions=[letter], title="On first times"
    )
    url = card_url(answer)
    first = png(client, url)
    Question.objects.filter(pk=letter.pk).update(
        public_text="Another letter altogether", headline="A headline", sign_off="Me"
    )
    assert png(client, url) == first
    Answer.objects.filter(pk=answer.pk).update(title="On second times")
    assert png(client, url) != first


def test_an_answers_card_names_its_column(client, db):
    answer = make_published_answer(column=make_column(name="Body Check"))
    first = png(client, card_url(answer))
    answer.column.name = "Mind Check"
    answer.column.save()
    assert png(client, card_url(answer)) != first


@pytest.mark.parametrize("state", [Answer.State.DRAFT, Answer.State.WITHDRAWN])
def test_an_answer_that_is_not_public_has_no_card(client, db, state):
    answer = make_answer(state=state)
    assert client.get(card_url(answer)).status_code == 404


def test_a_card_costs_a_few_queries(client, db):
    url = card_url(make_published_answer())
    with CaptureQueriesContext(connection) as queries:
        png(client, url)
    assert len(queries) <= QUERY_CEILING
