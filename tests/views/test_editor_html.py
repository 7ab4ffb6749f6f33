"""The editor's pages are valid HTML (the Nu checker), in the states that render
something different."""

import pytest
from django.test import Client
from django.urls import reverse

from columns import workflow
from columns.workflow import editing
from tests.factories import make_content_warning, make_draft, make_question
from tests.htmlcheck import nu_errors

pytestmark = pytest.mark.django_db


def test_the_editor_pages_are_valid_html(editor, columnist):
    make_content_warning(label="Abuse")
    draft = make_draft(author=columnist, body="## Hello\n\n> Quote\n>\n> — Dr X")
    flagged = make_draft(
        author=columnist,
        questions=[make_question(public_text="Mail jo@example.org", safety_flag=True)],
    )
    workflow.submit_for_review(flagged, by=columnist)
    workflow.approve(flagged, by=editor)
    editing.add_comment(flagged, by=editor, body="Check the figures.")
    author, boss = Client(), Client()
    author.force_login(columnist)
    boss.force_login(editor)
    edit = reverse("editor:answer_edit", args=[draft.pk])
    author.post(edit, {"title": "T", "slug": "t", "body": "Saved.", "version": 1})
    pages = {
        "answer list": boss.get(reverse("editor:answer_list")),
        "editor, columnist": author.get(edit),
        "editor, flagged, editor": boss.get(
            reverse("editor:answer_edit", args=[flagged.pk])
        ),
        "editor, conflict": author.post(
            edit, {"title": "T", "slug": "t", "body": "Stale.", "version": 1}
        ),
        "editor, bad schedule": boss.post(
            reverse("editor:schedule", args=[flagged.pk]), {"date": "x"}
        ),
        "revisions": author.get(reverse("editor:revision_list", args=[draft.pk])),
        "revision": author.get(reverse("editor:revision_detail", args=[draft.pk, 1])),
        "diff": author.get(reverse("editor:revision_diff", args=[draft.pk])),
        "diff, bad": author.get(
            reverse("editor:revision_diff", args=[draft.pk]), {"old": 9}
        ),
    }
    assert [r.status_code for r in pages.values()] == [200, 200, 200, 409, 400] + [
        200,
        200,
        200,
        400,
    ]
    assert nu_errors({name: r.content.decode() for name, r in pages.items()}) == {}
