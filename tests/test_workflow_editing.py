"""Saving answers: versions, conflicts, revisions, diffs, restore, comments."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from columns import caching, presence, workflow
from columns.models import Answer, ReviewComment
from columns.workflow import editing
from columns.workflow.editing import AnswerText
from tests.factories import make_content_warning, make_draft, make_user

State = Answer.State


def put_in(answer: Answer, state: str) -> None:
    """Arrange a state directly (the workflow's own tests cover getting there)."""
    now = timezone.now()
    dates = {"publish_at": now, "first_published_at": now, "last_published_at": now}
    Answer.objects.filter(pk=answer.pk).update(
        state=state, **(dates if state == State.PUBLISHED else {})
    )
    answer.refresh_from_db()


def text_of(answer: Answer, **changes) -> AnswerText:
    fields = {
        "title": answer.title,
        "slug": answer.slug,
        "summary": answer.summary,
        "body": answer.body,
    }
    fields.update(changes)
    return AnswerText(**fields)


@pytest.fixture
def draft(columnist):
    return make_draft(author=columnist, title="On saying no", body="First words.")


def test_a_save_writes_the_text_claims_the_next_version_and_records_a_revision(
    draft, columnist
):
    warning = make_content_warning(label="Sexual violence")
    text = text_of(
        draft,
        body="## Start\n\nKind *words*.",
        topics=["consent"],
        content_warnings=[warning],
        video_url="https://youtu.be/dQw4w9WgXcQ",
        video_start_seconds=90,
    )
    revision = editing.save_answer(
        draft, by=columnist, seen_version=1, text=text, note="Tone"
    )

    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.body_html.startswith('<h2 id="start">Start</h2>')
    assert list(draft.topics.names()) == ["consent"]
    assert list(draft.content_warnings.all()) == [warning]
    assert (draft.video_url, draft.video_start_seconds) == (
        "https://youtu.be/dQw4w9WgXcQ",
        90,
    )
    assert (revision.number, revision.author, revision.note, revision.body) == (
        2,
        columnist,
        "Tone",
        "## Start\n\nKind *words*.",
    )


def test_a_save_over_a_stale_version_is_refused_and_changes_nothing(
    draft, columnist, editor
):
    editing.save_answer(
        draft, by=editor, seen_version=1, text=text_of(draft, body="Editor's.")
    )

    with pytest.raises(editing.EditConflict) as conflict:
        editing.save_answer(
            Answer.objects.get(pk=draft.pk),
            by=columnist,
            seen_version=1,
            text=text_of(draft, body="Mine."),
        )

    assert conflict.value.current.body == "Editor's."
    assert conflict.value.current.version == 2
    assert conflict.value.latest.author == editor
    assert "while you were editing" in str(conflict.value)
    draft.refresh_from_db()
    assert (draft.body, draft.version, draft.revisions.count()) == ("Editor's.", 2, 2)


def test_of_two_saves_from_the_same_version_one_wins_and_one_is_refused(
    draft, columnist, editor
):
    first, second = (Answer.objects.get(pk=draft.pk) for _ in range(2))
    editing.save_answer(first, by=columnist, seen_version=1, text=text_of(draft))
    with pytest.raises(editing.EditConflict):
        editing.save_answer(second, by=editor, seen_version=1, text=text_of(draft))
    assert Answer.objects.get(pk=draft.pk).version == 2


def test_a_refused_save_leaves_the_answer_object_at_the_stored_version(
    draft, columnist, editor
):
    workflow.submit_for_review(draft, by=columnist)
    with pytest.raises(editing.EditRefused, match="in review"):
        editing.save_answer(
            draft, by=columnist, seen_version=1, text=text_of(draft, body="Late.")
        )
    assert draft.version == 1
    assert Answer.objects.get(pk=draft.pk).body == "First words."


@pytest.mark.parametrize(
    ("state", "may_edit"),
    [
        (State.DRAFT, True),
        (State.IN_REVIEW, False),
        (State.CHANGES_REQUESTED, True),
        (State.APPROVED, False),
        (State.PUBLISHED, False),
        (State.WITHDRAWN, False),
    ],
)
def test_columnists_edit_their_answers_while_drafting(
    draft, columnist, state, may_edit
):
    put_in(draft, state)
    assert (editing.edit_refusal(draft, columnist) == "") is may_edit


def test_a_columnist_refused_a_live_answer_is_pointed_to_ask_to_reopen(
    draft, columnist
):
    put_in(draft, State.PUBLISHED)
    refusal = editing.edit_refusal(draft, columnist)
    assert "Ask to reopen" in refusal and "requests changes" not in refusal
    steps = workflow.available_transitions(draft, columnist)
    assert [step.action for step in steps] == ["ask_to_reopen"]


def test_a_columnist_refused_a_scheduled_answer_is_told_who_can_change_it(
    draft, columnist
):
    put_in(draft, State.PUBLISHED)
    later = timezone.now() + timedelta(days=2)
    Answer.objects.filter(pk=draft.pk).update(
        publish_at=later, first_published_at=later, last_published_at=later
    )
    draft.refresh_from_db()
    refusal = editing.edit_refusal(draft, columnist)
    assert refusal.startswith("This answer is scheduled: ")
    assert "only an editor can change it" in refusal


@pytest.mark.parametrize("state", State.values)
def test_editors_edit_any_answer_not_withdrawn(draft, editor, state):
    put_in(draft, state)
    assert (editing.edit_refusal(draft, editor) == "") is (state != State.WITHDRAWN)


def test_other_columnists_and_staff_without_a_role_may_not_edit(
    draft, other_columnist, reader_account
):
    for user in (other_columnist, reader_account):
        with pytest.raises(editing.EditRefused, match="authors or an editor"):
            editing.save_answer(draft, by=user, seen_version=1, text=text_of(draft))
    assert draft.revisions.count() == 1


def test_visible_answers_are_all_for_editors_and_their_own_for_columnists(
    draft, editor, columnist, other_columnist
):
    assert list(editing.visible_answers(editor)) == [draft]
    assert list(editing.visible_answers(columnist)) == [draft]
    assert list(editing.visible_answers(other_columnist)) == []


def publish(answer: Answer, editor, columnist, **kwargs) -> Answer:
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    return workflow.publish(answer, by=editor, **kwargs)


@pytest.mark.parametrize(
    ("update_note", "dated"), [(None, False), ("The clinic moved.", True)]
)
def test_editing_a_live_answer_stales_the_cache_and_dates_only_an_update(
    draft, editor, columnist, django_capture_on_commit_callbacks, update_note, dated
):
    publish(draft, editor, columnist, now=timezone.now() - timedelta(minutes=1))
    first = draft.first_published_at
    start = caching.current().changes
    text = text_of(draft, body="Corrected.", update_note=update_note)
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_answer(draft, by=editor, seen_version=1, text=text)
    draft.refresh_from_db()
    assert draft.first_published_at == first
    assert (draft.last_published_at > first) is dated
    assert draft.update_note == (update_note or "")
    assert draft.body_html == "<p>Corrected.</p>\n"
    assert draft.revisions.count() == 2
    assert caching.current().changes == start + 1


def test_publishing_again_clears_the_last_update_note(draft, editor, columnist):
    publish(draft, editor, columnist, now=timezone.now() - timedelta(minutes=1))
    text = text_of(draft, update_note="The clinic moved.")
    editing.save_answer(draft, by=editor, seen_version=1, text=text)
    workflow.withdraw(draft, by=editor, note="Out of date.")
    workflow.redraft(draft, by=editor)
    publish(draft, editor, columnist)
    assert draft.update_note == ""


def test_editing_a_scheduled_answer_keeps_its_dates(draft, editor, columnist):
    at = timezone.now() + timedelta(days=1)
    publish(draft, editor, columnist, at=at)
    editing.save_answer(draft, by=editor, seen_version=1, text=text_of(draft))
    draft.refresh_from_db()
    assert draft.first_published_at == draft.last_published_at == at


def test_the_slug_is_fixed_once_published(draft, editor, columnist):
    address = draft.slug
    publish(draft, editor, columnist)
    editing.save_answer(
        draft, by=editor, seen_version=1, text=text_of(draft, slug="new-address")
    )
    draft.refresh_from_db()
    assert draft.slug == address


def test_markup_typed_into_the_body_is_stored_sanitised(draft, columnist):
    body = (
        "<script>alert(1)</script>\n\n"
        "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    editing.save_answer(
        draft, by=columnist, seen_version=1, text=text_of(draft, body=body)
    )
    draft.refresh_from_db()
    assert draft.body == body  # what was typed is kept
    assert "<script" not in draft.body_html
    assert "href" not in draft.body_html  # the javascript: link stays text
    assert "<img" not in draft.body_html


# Restore and diffs ------------------------------------------------------------


def test_restoring_an_old_revision_makes_it_the_newest(draft, columnist):
    editing.save_answer(
        draft, by=columnist, seen_version=1, text=text_of(draft, body="Second.")
    )
    old = draft.revisions.get(number=1)

    restored = editing.restore_revision(draft, old, by=columnist, seen_version=2)

    draft.refresh_from_db()
    assert (restored.number, restored.body, restored.note) == (
        3,
        "First words.",
        "Restored revision 1.",
    )
    assert (draft.body, draft.version) == ("First words.", 3)
    assert [r.number for r in draft.revisions.all()] == [3, 2, 1]


def test_restoring_over_a_newer_version_is_a_conflict(draft, columnist, editor):
    editing.save_answer(draft, by=editor, seen_version=1, text=text_of(draft))
    with pytest.raises(editing.EditConflict):
        editing.restore_revision(
            draft, draft.revisions.get(number=1), by=columnist, seen_version=1
        )
    assert draft.revisions.count() == 2


def test_comparing_revisions_diffs_title_summary_and_body(draft, columnist):
    editing.save_answer(
        draft,
        by=columnist,
        seen_version=1,
        text=text_of(draft, title="On saying yes", body="First words."),
    )
    old, new = draft.revisions.get(number=1), draft.revisions.get(number=2)
    diffs = editing.compare_revisions(old, new)
    assert diffs["title"].changed and not diffs["body"].changed


# Comments ---------------------------------------------------------------------


def test_a_comment_is_tied_to_the_current_revision(draft, editor, columnist):
    editing.save_answer(draft, by=columnist, seen_version=1, text=text_of(draft))
    comment = editing.add_comment(draft, by=editor, body="Cite the study.")
    assert comment.revision.number == 2
    assert list(ReviewComment.objects.unresolved()) == [comment]


def test_resolving_a_comment_records_who_and_keeps_the_first_resolution(
    draft, editor, columnist
):
    comment = editing.add_comment(draft, by=editor, body="Cite the study.")
    editing.resolve_comment(comment, by=columnist)
    first = comment.resolved_at
    editing.resolve_comment(comment, by=editor)
    assert (comment.resolved_by, comment.resolved_at) == (columnist, first)


# Presence ---------------------------------------------------------------------


def test_presence_lists_the_others_who_have_the_answer_open(db, monkeypatch):
    sam, priya = make_user(public_name="Sam"), make_user(public_name="Priya")
    clock = [1_000_000.0]
    # Presence's own clock only: the shared cache keeps real time for its expiry.
    monkeypatch.setattr(presence, "time", SimpleNamespace(time=lambda: clock[0]))

    assert presence.check_in(7, sam) == []
    assert presence.check_in(7, priya) == ["Sam"]
    assert presence.check_in(8, priya) == []  # another answer

    clock[0] += presence.TTL_SECONDS + 1
    assert presence.check_in(7, priya) == []  # Sam stopped sending heartbeats


def test_someone_who_leaves_drops_off_at_once(db):
    sam, priya = make_user(public_name="Sam"), make_user(public_name="Priya")
    presence.check_in(7, sam)
    presence.check_out(7, sam)
    assert presence.check_in(7, priya) == []


# Autosave -----------------------------------------------------------------------------


def draft_of(answer: Answer, **changes) -> editing.DraftText:
    fields = {"title": answer.title, "summary": answer.summary, "body": answer.body}
    fields.update(changes)
    return editing.DraftText(**fields)


def test_an_autosave_writes_the_text_and_claims_the_version_without_a_revision(
    draft, columnist
):
    editing.autosave_answer(
        draft,
        by=columnist,
        seen_version=1,
        text=draft_of(draft, title="On no", summary="Short.", body="## New\n\nText."),
    )

    draft.refresh_from_db()
    assert (draft.title, draft.summary, draft.body) == (
        "On no",
        "Short.",
        "## New\n\nText.",
    )
    assert '<h2 id="new">New</h2>' in draft.body_html
    assert draft.version == 2
    assert draft.autosaved_by == columnist
    assert draft.autosaved_at is not None
    assert draft.revisions.count() == 1  # only the first draft's


def test_a_stale_autosave_is_a_conflict_and_changes_nothing(draft, columnist, editor):
    editing.save_answer(
        draft, by=editor, seen_version=1, text=text_of(draft, body="Editor's.")
    )

    with pytest.raises(editing.EditConflict, match=f"{editor} saved version 2"):
        editing.autosave_answer(
            draft, by=columnist, seen_version=1, text=draft_of(draft, body="Mine.")
        )

    draft.refresh_from_db()
    assert (draft.body, draft.version, draft.autosaved_at) == ("Editor's.", 2, None)


def test_a_save_over_someone_elses_autosave_names_it_as_the_newer_version(
    draft, columnist, editor
):
    editing.autosave_answer(
        draft, by=columnist, seen_version=1, text=draft_of(draft, body="Typed.")
    )

    with pytest.raises(editing.EditConflict, match=r"\(saved automatically\)"):
        editing.save_answer(
            draft, by=editor, seen_version=1, text=text_of(draft, body="Mine.")
        )


def test_a_published_answer_is_never_autosaved(draft, editor):
    put_in(draft, State.PUBLISHED)

    with pytest.raises(editing.EditRefused, match="published answers"):
        editing.autosave_answer(
            draft, by=editor, seen_version=1, text=draft_of(draft, body="Oops.")
        )

    draft.refresh_from_db()
    assert (draft.body, draft.version, draft.autosaved_at) == ("First words.", 1, None)


@pytest.mark.parametrize("who", ["other_columnist", "reader_account"])
def test_someone_who_may_not_edit_cannot_autosave(draft, who, request):
    user = request.getfixturevalue(who)

    with pytest.raises(editing.EditRefused) as refused:
        editing.autosave_answer(
            draft, by=user, seen_version=1, text=draft_of(draft, body="Mine.")
        )

    assert not isinstance(refused.value, editing.EditConflict)
    draft.refresh_from_db()
    assert (draft.body, draft.version) == ("First words.", 1)


def test_a_columnist_cannot_autosave_once_the_answer_is_in_review(draft, columnist):
    put_in(draft, State.IN_REVIEW)

    with pytest.raises(editing.EditRefused, match="in review"):
        editing.autosave_answer(
            draft, by=columnist, seen_version=1, text=draft_of(draft, body="More.")
        )


def test_the_writers_save_records_the_autosaved_text_as_one_revision(draft, columnist):
    editing.autosave_answer(
        draft, by=columnist, seen_version=1, text=draft_of(draft, body="Typed.")
    )
    editing.autosave_answer(
        draft, by=columnist, seen_version=2, text=draft_of(draft, body="Typed more.")
    )

    revision = editing.save_answer(
        draft, by=columnist, seen_version=3, text=text_of(draft, body="Typed more!")
    )

    draft.refresh_from_db()
    assert [r.body for r in draft.revisions.order_by("number")] == [
        "First words.",
        "Typed more!",
    ]
    assert revision.number == 2
    assert (draft.autosaved_at, draft.autosaved_by) == (None, None)


def test_another_users_save_first_keeps_the_autosaved_text_as_a_revision(
    draft, columnist, editor
):
    editing.autosave_answer(
        draft, by=columnist, seen_version=1, text=draft_of(draft, body="Typed.")
    )

    editing.save_answer(
        draft, by=editor, seen_version=2, text=text_of(draft, body="Edited.")
    )

    kept, saved = draft.revisions.order_by("number")[1:]
    assert (kept.body, kept.author, kept.note) == (
        "Typed.",
        columnist,
        f"Autosaved text of {columnist}",
    )
    assert (saved.body, saved.author) == ("Edited.", editor)
    draft.refresh_from_db()
    assert draft.autosaved_at is None


def test_another_users_autosave_first_keeps_the_earlier_autosaved_text(
    draft, columnist, editor
):
    editing.autosave_answer(
        draft, by=columnist, seen_version=1, text=draft_of(draft, body="Typed.")
    )

    editing.autosave_answer(
        draft, by=editor, seen_version=2, text=draft_of(draft, body="Edited.")
    )

    assert draft.revisions.order_by("number").last().body == "Typed."
    draft.refresh_from_db()
    assert (draft.body, draft.autosaved_by) == ("Edited.", editor)


@pytest.mark.parametrize(
    ("state", "writer", "step"),
    [
        (
            State.DRAFT,
            "columnist",
            lambda answer, by: workflow.submit_for_review(answer, by=by),
        ),
        (
            State.IN_REVIEW,
            "editor",
            lambda answer, by: workflow.request_changes(answer, by=by, note="More."),
        ),
    ],
    ids=["submit", "request changes"],
)
def test_a_workflow_step_first_records_the_autosaved_text(
    draft, state, writer, step, request
):
    put_in(draft, state)
    user = request.getfixturevalue(writer)
    editing.autosave_answer(
        draft, by=user, seen_version=1, text=draft_of(draft, body="Typed.")
    )

    step(draft, user)

    draft.refresh_from_db()
    latest = draft.revisions.order_by("number").last()
    assert (latest.body, latest.author, latest.note) == (
        "Typed.",
        user,
        f"Autosaved text of {user}",
    )
    assert draft.autosaved_at is None
    assert draft.revisions.count() == 2


def test_approving_and_publishing_record_the_editors_autosaved_text_once(draft, editor):
    put_in(draft, State.IN_REVIEW)
    editing.autosave_answer(
        draft, by=editor, seen_version=1, text=draft_of(draft, body="Tidied.")
    )

    workflow.approve(draft, by=editor)
    workflow.publish(draft, by=editor, confirmed=True)

    assert [r.body for r in draft.revisions.order_by("number")] == [
        "First words.",
        "Tidied.",
    ]


def test_a_refused_step_keeps_the_text_autosaved(draft, columnist):
    editing.autosave_answer(
        draft, by=columnist, seen_version=1, text=draft_of(draft, body="Typed.")
    )

    with pytest.raises(workflow.WorkflowError):
        workflow.approve(draft, by=columnist)

    draft.refresh_from_db()
    assert draft.autosaved_by == columnist
    assert draft.revisions.count() == 1


def test_the_open_change_request_is_the_latest_until_the_answer_is_resubmitted(
    draft, columnist, editor
):
    assert editing.open_change_request(draft) is None
    workflow.submit_for_review(draft, by=columnist)
    workflow.request_changes(draft, by=editor, note="Shorter, please.")
    workflow.submit_for_review(draft, by=columnist)
    workflow.request_changes(draft, by=editor, note="Add a source.")

    request = editing.open_change_request(draft)
    assert (request.note, request.actor) == ("Add a source.", editor)

    workflow.submit_for_review(draft, by=columnist)
    assert editing.open_change_request(draft) is None
