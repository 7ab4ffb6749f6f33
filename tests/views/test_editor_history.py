"""Revisions in the desk: the list, one revision, comparing any two, restoring."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from columns import workflow
from columns.models import Answer
from columns.workflow import editing
from columns.workflow.editing import AnswerText
from tests.factories import make_draft
from tests.htmlcheck import nu_errors
from tests.seeds import seed_markdown


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
        # The save form caps a note at 200 characters, as the column does.
        note=f"Now: {body}"[:200],
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


# Long answers: the changes, with the rest folded --------------------------------------

FOLD = re.compile(
    r'<details class="diff-fold"><summary>(\d+) unchanged paragraphs</summary>'
    r"(.*?)</details>",
    re.S,
)
PARAGRAPH = re.compile(r'<div class="diff-paragraph">(.*?)</div>', re.S)


@pytest.fixture
def long_answer(columnist):
    body = seed_markdown().strip()
    return make_draft(author=columnist, title="Anal, for the first time", body=body)


def paragraphs_of(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def test_a_sentence_changed_in_a_long_answer_shows_alone_with_the_rest_folded(
    long_answer, columnist, editor
):
    old = long_answer.body
    assert len(old.split()) > 2_600
    sentence = "That, dear querrent, is a nasty move."
    save(
        long_answer,
        editor,
        old.replace(sentence, "That, dear reader, is a nasty move."),
    )
    url = reverse("editor:revision_diff", args=[long_answer.pk])
    response = signed_in(columnist).get(url, {"old": 1, "new": 2})
    html = response.content.decode()
    assert response.status_code == 200
    assert "That, dear<del> querrent</del><ins> reader</ins>, is a nasty move." in html
    paragraphs = paragraphs_of(old)
    (middle,) = [n for n, p in enumerate(paragraphs) if sentence in p]
    folds = FOLD.findall(html)
    # Everything but the changed paragraph and one paragraph either side is folded.
    assert [int(count) for count, _ in folds] == [
        middle - 1,
        len(paragraphs) - middle - 2,
    ]
    hidden = [unescape(p) for _, inside in folds for p in PARAGRAPH.findall(inside)]
    assert hidden == paragraphs[: middle - 1] + paragraphs[middle + 2 :]
    shown = unescape(re.sub(r"<details.*?</details>", "", html, flags=re.S))
    assert paragraphs[middle - 1] in shown and paragraphs[middle + 1] in shown
    assert paragraphs[0] not in shown and paragraphs[-1] not in shown


def test_the_conflict_notice_folds_what_both_versions_share(long_answer, columnist):
    old = long_answer.body
    client = signed_in(columnist)
    edit = reverse("editor:answer_edit", args=[long_answer.pk])
    save(long_answer, columnist, old.replace("Bat those lashes.", "Bat them."))
    mine = old.replace("It takes time.", "It takes a long time.")
    response = client.post(
        edit,
        {
            "title": long_answer.title,
            "slug": long_answer.slug,
            "body": mine,
            "version": 1,
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    # The saved version against mine (the saved one's words struck through): two
    # changes, each with its context, and the rest folded.
    assert "It takes<ins> a long</ins> time." in html
    assert "Bat<del> them</del><ins> those lashes</ins>." in html
    assert len(FOLD.findall(html)) == 3


def test_a_folded_diff_is_valid_html(long_answer, editor):
    body = long_answer.body
    save(long_answer, editor, body.replace("Stare at that hot thing.", "Look at it."))
    page = signed_in(editor).get(reverse("editor:revision_diff", args=[long_answer.pk]))
    assert FOLD.search(page.content.decode())
    assert nu_errors({"folded diff": page.content.decode()}) == {}


def test_a_short_change_to_the_title_shows_whole_without_folds(answer, editor):
    url = reverse("editor:revision_diff", args=[answer.pk])
    html = signed_in(editor).get(url, {"old": 2, "new": 3}).content.decode()
    assert "On saying no<ins> well</ins>" in html
    assert "<details" not in html
