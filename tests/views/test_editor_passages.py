"""Comments on a passage of the answer's body, through the editor page."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from columns.models import ReviewComment
from columns.passages import CONTEXT_CHARS, PASSAGE_MAX_CHARS
from columns.workflow import editing
from tests.factories import make_draft, make_question
from tests.htmlcheck import nu_errors

BODY = (
    "## Lube\n\n"
    "Water-based lube is safe with condoms. Use plenty.\n\n"
    "## Toys\n\n"
    "Silicone toys need water-based lube. Use plenty.\n"
)
SHOW = re.compile(
    r'<button [^>]*data-show-passage data-start="(\d+)" data-end="(\d+)" '
    r'data-text="([^"]*)"'
)


@pytest.fixture
def draft(columnist):
    return make_draft(
        author=columnist,
        questions=[make_question(public_text="Which lube is safe?")],
        title="On lube",
        body=BODY,
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_url(answer) -> str:
    return reverse("editor:comment_add", args=[answer.pk])


def edit_page(client: Client, answer) -> str:
    response = client.get(reverse("editor:answer_edit", args=[answer.pk]))
    assert response.status_code == 200
    return response.content.decode()


def shown_passages(page: str) -> list[tuple[int, int, str]]:
    return [(int(a), int(b), text) for a, b, text in SHOW.findall(page)]


def save_body(answer, by, body: str) -> None:
    answer.refresh_from_db()
    editing.save_answer(
        answer,
        by=by,
        seen_version=answer.version,
        text=editing.AnswerText(
            title=answer.title, slug=answer.slug, summary="", body=body
        ),
    )


def test_an_editor_comments_on_a_passage_and_the_page_points_at_it(draft, editor):
    client = signed_in(editor)
    response = client.post(
        add_url(draft),
        {"body": "This needs a source.", "passage": "Water-based lube is safe"},
    )
    assert response.status_code == 302
    comment = ReviewComment.objects.get()
    assert comment.passage == "Water-based lube is safe"
    # The context is read from the body, not trusted from the post.
    assert comment.passage_before == "## Lube\n\n"
    assert comment.passage_after == BODY[BODY.index(" with condoms") :][:CONTEXT_CHARS]

    page = edit_page(client, draft)
    start = BODY.index("Water-based")
    assert shown_passages(page) == [
        (start, start + len("Water-based lube is safe"), "Water-based lube is safe")
    ]
    assert "Water-based lube is safe</p></blockquote>" in page
    assert "Comment added." in page


def test_the_columnist_comments_on_a_passage_too(draft, columnist):
    response = signed_in(columnist).post(
        add_url(draft), {"body": "Shorten?", "passage": "Silicone toys"}
    )
    assert response.status_code == 302
    assert ReviewComment.objects.get().passage == "Silicone toys"


def test_the_context_sent_chooses_the_second_of_repeated_words(draft, editor):
    client = signed_in(editor)
    client.post(
        add_url(draft),
        {
            "body": "How much is plenty?",
            "passage": "Use plenty.",
            "passage_before": "Silicone toys need water-based lube. ",
            "passage_after": "\n",
        },
    )
    second = BODY.rindex("Use plenty.")
    assert shown_passages(edit_page(client, draft)) == [
        (second, second + len("Use plenty."), "Use plenty.")
    ]


def test_an_edit_above_the_passage_moves_where_the_page_points(
    draft, editor, columnist
):
    client = signed_in(editor)
    client.post(
        add_url(draft),
        {
            "body": "How much is plenty?",
            "passage": "Use plenty.",
            "passage_before": "Silicone toys need water-based lube. ",
        },
    )
    edited = BODY.replace("## Lube\n\n", "## Lube\n\nA new first paragraph.\n\n")
    save_body(draft, columnist, edited)
    second = edited.rindex("Use plenty.")
    assert shown_passages(edit_page(client, draft)) == [
        (second, second + len("Use plenty."), "Use plenty.")
    ]


def test_a_passage_edited_away_is_reported_changed_with_its_old_quote(
    draft, editor, columnist
):
    client = signed_in(editor)
    client.post(add_url(draft), {"body": "Source?", "passage": "safe with condoms"})
    save_body(draft, columnist, BODY.replace("safe with condoms", "fine with latex"))
    page = edit_page(client, draft)
    assert "The passage this comment was on has changed." in page
    assert "safe with condoms</p></blockquote>" in page
    assert shown_passages(page) == []


def test_a_passage_with_new_line_breaks_is_still_found(draft, editor, columnist):
    client = signed_in(editor)
    client.post(add_url(draft), {"body": "Source?", "passage": "lube is safe with"})
    edited = BODY.replace("lube is safe with", "lube is\nsafe with")
    save_body(draft, columnist, edited)
    page = edit_page(client, draft)
    start = edited.index("lube is\nsafe")
    assert shown_passages(page) == [
        (start, start + len("lube is\nsafe with"), "lube is\nsafe with")
    ]
    assert "has changed" not in page


def test_a_quote_from_the_preview_points_at_its_markdown(draft, editor, columnist):
    client = signed_in(editor)
    save_body(draft, columnist, BODY.replace("is safe with", "is **safe** with"))
    client.post(add_url(draft), {"body": "Source?", "passage": "lube is safe with"})
    draft.refresh_from_db()
    start = draft.body.index("lube is **safe")
    end = start + len("lube is **safe** with")
    assert shown_passages(edit_page(client, draft)) == [
        (start, end, "lube is **safe** with")
    ]
    comment = ReviewComment.objects.get()
    assert comment.passage_before.endswith("Water-based ")


def test_a_quote_not_in_the_text_is_kept_and_reported(draft, editor):
    client = signed_in(editor)
    response = client.post(
        add_url(draft),
        {"body": "Where is this?", "passage": "Oil-based lube", "passage_after": "x"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "the words it quotes are not in the answer&#x27;s saved text" in page
    assert "The passage this comment was on has changed." in page
    comment = ReviewComment.objects.get()
    assert (comment.passage, comment.passage_after) == ("Oil-based lube", "x")


def test_a_quote_pasted_with_windows_line_ends_is_found(draft, editor):
    client = signed_in(editor)
    client.post(add_url(draft), {"body": "Hm.", "passage": "condoms. Use plenty.\r\n"})
    assert ReviewComment.objects.get().passage == "condoms. Use plenty."
    assert len(shown_passages(edit_page(client, draft))) == 1


def test_a_general_comment_has_no_passage(draft, editor):
    client = signed_in(editor)
    client.post(add_url(draft), {"body": "Lovely.", "passage": "   "})
    comment = ReviewComment.objects.get()
    assert (comment.passage, comment.passage_before, comment.passage_after) == (
        "",
        "",
        "",
    )
    page = edit_page(client, draft)
    assert "comment-passage" not in page
    assert "has changed" not in page


def test_a_resolved_comment_keeps_its_quote_but_is_not_located(draft, editor):
    client = signed_in(editor)
    comment = editing.add_comment(
        draft, by=editor, body="Source?", passage="Silicone toys"
    )
    editing.resolve_comment(comment, by=editor)
    page = edit_page(client, draft)
    assert "Silicone toys</p></blockquote>" in page
    assert shown_passages(page) == []
    assert "has changed" not in page


def test_without_javascript_the_form_asks_for_a_quote_and_hides_show_in_text(
    draft, editor
):
    editing.add_comment(draft, by=editor, body="Source?", passage="Silicone toys")
    page = edit_page(signed_in(editor), draft)
    assert '<label for="comment_passage">Passage (quote the words)' in page
    assert re.search(r"<button [^>]*hidden data-show-passage", page)


def test_a_passage_over_the_limit_is_refused_and_nothing_saved(draft, editor):
    response = signed_in(editor).post(
        add_url(draft),
        {"body": "Too long a quote.", "passage": "x" * (PASSAGE_MAX_CHARS + 1)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"at most {PASSAGE_MAX_CHARS} characters" in page
    assert "Too long a quote.</textarea>" in page
    assert not ReviewComment.objects.exists()


def test_context_a_little_too_long_is_cut_and_far_too_long_refused(draft, editor):
    client = signed_in(editor)
    cut = client.post(
        add_url(draft),
        {
            "body": "Hm.",
            "passage": "Not in the text",
            "passage_before": "b" * (CONTEXT_CHARS + 10),
            "passage_after": "a" * (CONTEXT_CHARS + 10),
        },
    )
    assert cut.status_code == 302
    comment = ReviewComment.objects.get()
    assert (comment.passage_before, comment.passage_after) == (
        "b" * CONTEXT_CHARS,
        "a" * CONTEXT_CHARS,
    )
    refused = client.post(
        add_url(draft),
        {"body": "Hm.", "passage": "Use plenty.", "passage_before": "b" * 5000},
    )
    assert refused.status_code == 400
    assert "select the words again" in refused.content.decode()
    assert ReviewComment.objects.count() == 1


def test_forged_answer_ids_are_404_and_save_nothing(draft, other_columnist, editor):
    data = {"body": "Hi", "passage": "Use plenty."}
    assert signed_in(other_columnist).post(add_url(draft), data).status_code == 404
    missing = reverse("editor:comment_add", args=[draft.pk + 1000])
    assert signed_in(editor).post(missing, data).status_code == 404
    assert not ReviewComment.objects.exists()


def test_a_passage_comment_needs_the_csrf_token(draft, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    data = {"body": "Hi", "passage": "Use plenty."}
    assert client.post(add_url(draft), data).status_code == 403
    assert not ReviewComment.objects.exists()


def test_a_comment_is_added_by_post_only(draft, editor):
    assert signed_in(editor).get(add_url(draft)).status_code == 405


def test_locating_passages_adds_no_query_per_comment(draft, editor):
    client = signed_in(editor)
    url = reverse("editor:answer_edit", args=[draft.pk])
    editing.add_comment(draft, by=editor, body="One", passage="Use plenty.")
    client.get(url)  # warm the session and permissions

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for word in ["Lube", "Toys", "Silicone", "condoms", "safe", "need"]:
        editing.add_comment(draft, by=editor, body=word, passage=word)
    assert queries() == few


def test_passage_comments_add_no_html_errors_to_the_editor_page(
    draft, editor, columnist
):
    client = signed_in(editor)
    without = edit_page(client, draft)
    editing.add_comment(draft, by=editor, body="Found.", passage="Silicone toys")
    editing.add_comment(draft, by=editor, body="Gone.", passage="Oil-based lube")
    resolved = editing.add_comment(draft, by=editor, body="Done.", passage="Lube")
    editing.resolve_comment(resolved, by=editor)
    refused = client.post(
        add_url(draft), {"body": "x", "passage": "y" * (PASSAGE_MAX_CHARS + 1)}
    )
    pages = {
        "without": without,
        "comments": edit_page(client, draft),
        "refused": refused.content.decode(),
    }
    errors = {
        name: {error.split(": ", 1)[1] for error in found}
        for name, found in nu_errors(pages).items()
    }
    # Measured against the same page without them: the rest of the page is not
    # this feature's.
    baseline = errors.get("without", set())
    assert errors.get("comments", set()) - baseline == set()
    assert errors.get("refused", set()) - baseline == set()
