"""Answer workflow beyond the transition table: emails, confirmations, review date."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from columns import caching, workflow
from columns.models import Answer, AuditEntry
from tests.factories import make_draft, make_question, make_user

State = Answer.State


@pytest.fixture
def draft(columnist):
    return make_draft(author=columnist, title="On saying no")


def approved(answer: Answer, editor, columnist) -> Answer:
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    return answer


def test_submitting_queues_an_email_to_the_editors_for_the_worker(
    draft, columnist, editor, mailoutbox, run_tasks
):
    editor.email = "editor@example.org"
    editor.save()
    workflow.submit_for_review(draft, by=columnist)
    assert mailoutbox == []  # not sent while the columnist waits
    run_tasks()
    [mail] = mailoutbox
    assert mail.to == ["editor@example.org"]
    assert mail.subject == "For review: On saying no"
    assert f"/desk/answers/{draft.pk}/" in mail.body


def test_the_columnist_is_emailed_on_changes_approval_and_publication(
    draft, columnist, editor, mailoutbox, run_tasks
):
    columnist.email = "sam@example.org"
    columnist.save()
    workflow.submit_for_review(draft, by=columnist)
    workflow.request_changes(draft, by=editor, note="Add a source for the claim.")
    workflow.submit_for_review(draft, by=columnist)
    workflow.approve(draft, by=editor)
    workflow.publish(draft, by=editor)
    run_tasks()
    to_columnist = [m for m in mailoutbox if m.to == ["sam@example.org"]]
    assert [m.subject for m in to_columnist] == [
        "Changes requested: On saying no",
        "Approved: On saying no",
        "Published: On saying no",
    ]
    assert "Add a source for the claim." in to_columnist[0].body


def test_a_scheduled_publication_email_says_when(
    draft, columnist, editor, mailoutbox, run_tasks
):
    columnist.email = "sam@example.org"
    columnist.save()
    approved(draft, editor, columnist)
    workflow.publish(draft, by=editor, at=timezone.now() + timedelta(days=1))
    run_tasks()
    assert mailoutbox[-1].subject == "Scheduled: On saying no"


def test_a_refused_step_sends_no_email(draft, columnist, editor, mailoutbox, run_tasks):
    columnist.email = "sam@example.org"
    columnist.save()
    with pytest.raises(workflow.InvalidTransition):
        workflow.approve(draft, by=editor)  # still a draft
    run_tasks()
    assert mailoutbox == []
    assert not DBTaskResult.objects.filter(task_path__endswith=".send_staff_email")


def test_a_rolled_back_publication_sends_no_email(
    draft, columnist, editor, mailoutbox, run_tasks
):
    columnist.email = "sam@example.org"
    columnist.save()
    approved(draft, editor, columnist)
    mailoutbox.clear()

    class Boom(Exception):
        pass

    run_tasks()
    mailoutbox.clear()
    with pytest.raises(Boom):
        with transaction.atomic():
            workflow.publish(draft, by=editor)
            raise Boom
    run_tasks()
    assert mailoutbox == []
    draft.refresh_from_db()
    assert draft.state == State.APPROVED


# Letters that need an explicit confirmation ------------------------------------


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        ({"safety_flag": True}, "flagged by the safety check"),
        ({"public_text": "Write to me at jo@example.org please"}, "1 email address"),
        ({"public_text": "Call 07700 900123 any time"}, "1 phone number"),
        ({"sign_off": "@jo_in_leeds"}, "social media handle"),
    ],
)
def test_publishing_a_flagged_letter_needs_explicit_confirmation(
    editor, columnist, letter, expected
):
    question = make_question(**letter)
    answer = approved(
        make_draft(author=columnist, questions=[question]), editor, columnist
    )

    with pytest.raises(workflow.NeedsConfirmation, match=expected):
        workflow.publish(answer, by=editor)
    answer.refresh_from_db()
    assert answer.state == State.APPROVED

    workflow.publish(answer, by=editor, confirmed=True)
    entry = AuditEntry.objects.for_object(answer).filter(action="publish").get()
    assert "explicitly confirmed" in entry.note
    assert expected in entry.note


def test_the_audit_note_names_the_kind_of_hit_not_the_identifier(editor, columnist):
    question = make_question(public_text="Email me: jo.smith@example.org")
    answer = approved(
        make_draft(author=columnist, questions=[question]), editor, columnist
    )
    workflow.publish(answer, by=editor, confirmed=True)
    note = AuditEntry.objects.for_object(answer).get(action="publish").note
    assert "jo.smith" not in note


def test_a_clean_letter_publishes_without_confirmation(draft, editor, columnist):
    approved(draft, editor, columnist)
    assert workflow.publication_concerns(draft) == []
    workflow.publish(draft, by=editor)
    assert draft.state == State.PUBLISHED


def test_a_columnist_is_refused_publishing_before_any_confirmation(editor, columnist):
    answer = approved(
        make_draft(author=columnist, questions=[make_question(safety_flag=True)]),
        editor,
        columnist,
    )
    with pytest.raises(workflow.NotAllowed):
        workflow.publish(answer, by=columnist, confirmed=True)


# Review date ------------------------------------------------------------------


def test_marking_reviewed_sets_the_date_and_audits_it(draft, editor):
    today = timezone.localdate()
    workflow.mark_reviewed(draft, by=editor, on=today - timedelta(days=2))
    draft.refresh_from_db()
    assert draft.last_reviewed_on == today - timedelta(days=2)
    entry = AuditEntry.objects.for_object(draft).get()
    assert (entry.action, entry.from_state, entry.to_state, entry.actor) == (
        "mark_reviewed",
        "draft",
        "draft",
        editor,
    )


def test_marking_reviewed_defaults_to_today(draft, editor):
    workflow.mark_reviewed(draft, by=editor)
    assert draft.last_reviewed_on == timezone.localdate()


def test_a_review_date_in_the_future_is_refused(draft, editor):
    with pytest.raises(workflow.InvalidTransition, match="future"):
        workflow.mark_reviewed(
            draft, by=editor, on=timezone.localdate() + timedelta(days=1)
        )
    draft.refresh_from_db()
    assert draft.last_reviewed_on is None


@pytest.mark.parametrize("role", ["Columnist", None])
def test_only_editors_mark_answers_reviewed(draft, columnist, role):
    actor = columnist if role else make_user()
    with pytest.raises(workflow.NotAllowed):
        workflow.mark_reviewed(draft, by=actor)
    assert not AuditEntry.objects.for_object(draft).exists()


def test_marking_a_live_answer_reviewed_makes_cached_pages_stale(
    draft, editor, columnist, django_capture_on_commit_callbacks
):
    workflow.publish(approved(draft, editor, columnist), by=editor)
    start = caching.current().changes
    with django_capture_on_commit_callbacks(execute=True):
        workflow.mark_reviewed(draft, by=editor)
    assert caching.current().changes == start + 1
