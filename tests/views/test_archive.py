"""The public pages so far: home and an answer's page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from columns import workflow
from columns.models import Answer
from tests.factories import make_answer, make_question


def publish(answer: Answer, editor, columnist, at=None) -> Answer:
    answer.authors.add(columnist)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    return workflow.publish(answer, by=editor, at=at)


@pytest.fixture
def published(editor, columnist):
    question = make_question(
        public_text="Edited for print.", original_text="Raw 555-0199"
    )
    answer = make_answer(
        questions=[question], title="On saying no", body="## Start\n\nHi."
    )
    return publish(answer, editor, columnist)


def test_an_answer_page_shows_the_edited_letter_and_the_answer(client, published):
    response = client.get(published.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "On saying no" in page
    assert "Edited for print." in page
    assert "555-0199" not in page  # the reader's original is never public
    assert '<h2 id="start">Start</h2>' in page


def test_public_pages_set_no_cookies(client, published):
    for url in [reverse("columns:home"), published.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("state", ["draft", "in_review", "approved", "withdrawn"])
def test_unpublished_answers_are_404(client, db, state):
    answer = make_answer()
    Answer.objects.filter(pk=answer.pk).update(state=state)
    assert client.get(answer.get_absolute_url()).status_code == 404


def test_a_scheduled_answer_is_404_until_its_time(client, editor, columnist):
    answer = make_answer(title="Soon")
    publish(answer, editor, columnist, at=timezone.now() + timedelta(hours=2))
    assert client.get(answer.get_absolute_url()).status_code == 404
    assert "Soon" not in client.get(reverse("columns:home")).content.decode()


def test_home_lists_published_answers_newest_first(client, editor, columnist):
    older = publish(make_answer(title="Older"), editor, columnist)
    newer = publish(make_answer(title="Newer"), editor, columnist)
    page = client.get(reverse("columns:home")).content.decode()
    assert page.index(newer.title) < page.index(older.title)


def test_home_uses_a_constant_number_of_queries(
    client, editor, columnist, django_assert_max_num_queries
):
    for _ in range(5):
        publish(make_answer(), editor, columnist)
    with django_assert_max_num_queries(3):
        client.get(reverse("columns:home"))
