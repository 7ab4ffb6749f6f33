"""Revisions in the desk: the list, one revision, comparing any two, restoring."""

import pytest
from django.test import Client
from django.urls import reverse

from columns import workflow
from columns.models import Answer
from columns.workflow import editing
from columns.workflow.editing import AnswerText
from tests.factories import make_draft


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def save(answer: Answer, by, body: str, title: str | None = None) -> None:
    editing.save_answer(
        answer,
        by=by,
        seen_version=answer.version,
        text=AnswerText(
            title=title or answer.title, slug=answer.slug, summary="", body=body
        ),
        note=f"Now: {body}",
    )


@pytest.fixture
def answer(columnist, editor):
    answer = make_draft(author=columnist, title="On saying no", body="Say no kindly.")
    save(answer, columnist, "Say no kindly and clearly.")
    save(answer, editor, "Say no clearly.", title="On saying no well")
    return answer


def test_the_revision_list_shows_every_save_newest_first(answer, columnist):
    page = signed_in(columnist).get(reverse("editor:revision_list", args=[answer.pk]))
    html = page.content.decode()
    assert html.index("Now: Say no clearly.") < html.index("Now: Say no kindly and")
    assert "First draft." in html
    assert "Restore 1" in html and "Restore 2" in html and "Restore 3" not in html


def test_a_revision_shows_its_text_as_typed(answer, editor):
    url = reverse("editor:revision_detail", args=[answer.pk, 1])
    html = signed_in(editor).get(url).content.decode()
    assert "Say no kindly.</pre>" in html


def test_a_missing_revision_is_404(answer, editor):
    url = reverse("editor:revision_detail", args=[answer.pk, 99])
    assert signed_in(editor).get(url).status_code == 404


def test_any_two_revisions_compare_word_by_word(answer, editor):
    url = reverse("editor:revision_diff", args=[answer.pk])
    response = signed_in(editor).get(url, {"old": 1, "new": 3})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say no<del> kindly</del><ins> clearly</ins>." in html
    assert "On saying no<ins> well</ins>" in html


def test_the_comparison_defaults_to_the_last_two(answer, editor):
    html = signed_in(editor).get(reverse("editor:revision_diff", args=[answer.pk]))
    assert "<del> kindly and</del>" in html.content.decode()


@pytest.mark.parametrize(
    "query", [{"old": 1, "new": 99}, {"old": "x", "new": 1}, {"old": 1}]
)
def test_comparing_revisions_that_dont_exist_is_400(answer, editor, query):
    url = reverse("editor:revision_diff", args=[answer.pk])
    response = signed_in(editor).get(url, query)
    assert response.status_code == 400
    assert "Pick two revisions" in response.content.decode()


def test_revisions_of_another_answer_cannot_be_compared_through_this_one(
    answer, columnist, editor
):
    other = make_draft(author=editor)
    save(other, editor, "Secret")
    url = reverse("editor:revision_diff", args=[answer.pk])
    assert signed_in(editor).get(url, {"old": 1, "new": 4}).status_code == 400


def test_another_columnist_sees_no_revisions(answer, other_columnist):
    client = signed_in(other_columnist)
    for url in [
        reverse("editor:revision_list", args=[answer.pk]),
        reverse("editor:revision_detail", args=[answer.pk, 1]),
        reverse("editor:revision_diff", args=[answer.pk]),
    ]:
        assert client.get(url).status_code == 404


def test_restoring_brings_an_old_revision_back_as_the_newest(answer, columnist):
    url = reverse("editor:revision_restore", args=[answer.pk, 1])
    response = signed_in(columnist).post(url, {"version": 3}, follow=True)
    assert "Revision 1 restored as revision 4." in response.content.decode()
    answer.refresh_from_db()
    assert (answer.body, answer.title, answer.version) == (
        "Say no kindly.",
        "On saying no",
        4,
    )
    assert answer.revisions.count() == 4  # nothing lost


def test_restoring_from_a_stale_page_is_refused(answer, columnist):
    url = reverse("editor:revision_restore", args=[answer.pk, 1])
    response = signed_in(columnist).post(url, {"version": 2}, follow=True)
    assert "while you were editing" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.body, answer.version) == ("Say no clearly.", 3)


def test_restoring_with_a_forged_version_is_refused(answer, columnist):
    url = reverse("editor:revision_restore", args=[answer.pk, 1])
    for version in ["", "abc", "-1"]:
        response = signed_in(columnist).post(url, {"version": version})
        assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.version == 3


def test_a_columnist_cannot_restore_once_the_answer_is_in_review(answer, columnist):
    workflow.submit_for_review(answer, by=columnist)
    client = signed_in(columnist)
    html = client.get(reverse("editor:revision_list", args=[answer.pk])).content
    assert b"Restore 1" not in html
    url = reverse("editor:revision_restore", args=[answer.pk, 1])
    response = client.post(url, {"version": 3}, follow=True)
    assert "in review" in response.content.decode()
    answer.refresh_from_db()
    assert answer.version == 3


def test_restoring_is_post_only(answer, columnist):
    url = reverse("editor:revision_restore", args=[answer.pk, 1])
    assert signed_in(columnist).get(url).status_code == 405
