"""The back office changes letters and answers only through the workflow: every
save and action is audited and refreshes public pages, and what the desk refuses
the back office refuses too."""

import pytest
from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from columns import workflow
from columns.models import Answer, AuditEntry, Question
from tests.factories import make_draft, make_published_answer, make_question
from tests.test_admin import admin_url, form_data, messages_of


def change(client, obj, **fields):
    """Post ``obj``'s change form as shown, with ``fields`` changed."""
    url = admin_url(type(obj), "change", obj.pk)
    return client.post(url, {**form_data(client.get(url)), **fields}, follow=True)


def actions_on(obj) -> list[str]:
    return list(
        AuditEntry.objects.for_object(obj)
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def office(client, editor):
    client.force_login(editor)
    return client


def test_editing_a_letter_in_the_back_office_is_an_audited_workflow_edit(
    office, editor
):
    letter = make_question(headline="Before")
    change(office, letter, headline="After", public_text="Edited for print.")
    letter.refresh_from_db()
    assert (letter.headline, letter.public_text) == ("After", "Edited for print.")
    [entry] = AuditEntry.objects.for_object(letter)
    assert (entry.action, entry.actor) == ("edit", editor)
    assert "headline" in entry.note and "public text" in entry.note


def test_a_letter_printed_in_a_published_answer_is_refused_as_on_the_desk(office):
    letter = make_question(headline="Printed", status=Question.Status.ANSWERED)
    response = change(office, letter, headline="Rewritten")
    letter.refresh_from_db()
    assert letter.headline == "Printed"
    [(level, message)] = messages_of(response)
    assert level == "error"
    assert "withdraw the answer before editing it" in message
    assert actions_on(letter) == []


def test_editing_a_published_answer_is_audited_and_refreshes_its_public_page(
    office, client, editor, django_capture_on_commit_callbacks
):
    answer = make_published_answer(title="Old title", body="Old text.")
    assert "Old text." in client.get(answer.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        change(office, answer, body="New text.")
    assert actions_on(answer) == ["save"]
    assert "New text." in client.get(answer.get_absolute_url()).content.decode()


def test_a_withdrawn_answer_is_refused_in_the_back_office_as_in_the_editor(office):
    answer = make_published_answer(body="Kept.")
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.WITHDRAWN)
    response = change(office, answer, body="Changed.")
    answer.refresh_from_db()
    assert answer.body == "Kept."
    [(level, message)] = messages_of(response)
    assert level == "error" and "put back to draft" in message


def test_a_comment_added_and_resolved_in_the_back_office_is_audited(office, columnist):
    answer = make_draft(author=columnist)
    data = {"comments-TOTAL_FORMS": 1, "comments-0-body": "Cite a source."}
    change(office, answer, **data)
    comment = answer.comments.get()
    change(office, answer, **{"comments-0-id": comment.pk, "comments-0-resolved": "on"})
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    assert actions_on(answer) == ["comment", "resolve_comment"]


def declined_letter(editor, columnist):
    return workflow.decline(make_question(), by=editor)


def answer_in(state: str):
    """A builder of an answer moved to ``state`` through the workflow."""

    def build(editor, columnist):
        answer = make_draft(author=columnist)
        steps = {
            "draft": [],
            "in_review": ["submit_for_review"],
            "approved": ["submit_for_review", "approve"],
        }[state]
        for step in steps:
            by = columnist if step == "submit_for_review" else editor
            getattr(workflow, step)(answer, by=by)
        return answer

    return build


# Every action of the letters' and answers' back office, with an object it applies
# to; the last test fails when an action is added without a row here.
ACTIONS = {
    (Question, "shortlist"): lambda editor, columnist: make_question(),
    (Question, "decline"): lambda editor, columnist: make_question(),
    (Question, "mark_spam"): lambda editor, columnist: make_question(),
    (Question, "reopen"): declined_letter,
    (Answer, "submit_for_review"): answer_in("draft"),
    (Answer, "request_changes"): answer_in("in_review"),
    (Answer, "approve"): answer_in("in_review"),
    (Answer, "publish"): answer_in("approved"),
}


@pytest.mark.parametrize(("model", "action"), ACTIONS, ids=str)
def test_every_back_office_action_runs_its_audited_verb(
    office, editor, columnist, model, action
):
    obj = ACTIONS[model, action](editor, columnist)
    before, queued = actions_on(obj), rebakes_queued()
    office.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [obj.pk]},
    )
    assert actions_on(obj) == [*before, action]
    refreshed = rebakes_queued() > queued
    assert refreshed == (action == "publish")  # the only one the public sees


def rebakes_queued() -> int:
    return DBTaskResult.objects.filter(task_path__endswith=".rebake_answer").count()


def test_the_table_lists_every_action_of_the_letters_and_answers(rf, superuser):
    request = rf.get("/")
    request.user = superuser
    offered = {
        (model, name)
        for model in (Question, Answer)
        for name in admin.site._registry[model].get_actions(request)
        if name != "delete_selected"
    }
    assert offered == set(ACTIONS)


@pytest.mark.parametrize("model", [Question, Answer])
def test_letters_and_answers_are_neither_added_nor_deleted_in_the_back_office(
    rf, superuser, model
):
    request = rf.get("/")
    request.user = superuser
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_topics_typed_in_the_back_office_are_read_as_on_the_desk(office):
    letter = make_question()
    change(office, letter, topics='Trust, trust, self esteem, "Sex, drugs"')
    assert sorted(letter.topics.names()) == ["Sex, drugs", "Trust", "self esteem"]
