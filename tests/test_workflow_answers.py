"""Answer workflow beyond the transition table: emails, confirmations, review date."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from columns import caching, workflow
from columns.models import Answer, AuditEntry, Question
from columns.workflow import editing
from tests.factories import make_column, make_draft, make_question, make_user

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


# Rescheduling and unscheduling ----------------------------------------------------


def scheduled(answer: Answer, editor, columnist, *, hours: int = 24) -> Answer:
    approved(answer, editor, columnist)
    return workflow.publish(
        answer, by=editor, at=timezone.now() + timedelta(hours=hours)
    )


def assigned_draft(editor, columnist) -> Answer:
    """A draft made by assigning a letter, which publication marks answered."""
    return workflow.assign(make_question(), to=columnist, by=editor)


def test_unscheduling_puts_the_answer_back_to_approved_without_dates(editor, columnist):
    draft = assigned_draft(editor, columnist)
    letter = draft.letters.get().question
    scheduled(draft, editor, columnist)
    letter.refresh_from_db()
    assert letter.status == Question.Status.ANSWERED
    workflow.unschedule(draft, by=editor, note="Holding it for the new year.")
    draft.refresh_from_db()
    letter.refresh_from_db()
    assert (draft.state, draft.publish_at, draft.first_published_at) == (
        State.APPROVED,
        None,
        None,
    )
    assert draft.last_published_at is None
    assert letter.status == Question.Status.ASSIGNED
    entry = AuditEntry.objects.for_object(draft).first()
    assert (
        entry.action,
        entry.from_state,
        entry.to_state,
        entry.actor,
        entry.note,
    ) == (
        "unschedule",
        State.PUBLISHED,
        State.APPROVED,
        editor,
        "Holding it for the new year.",
    )
    later = timezone.now() + timedelta(days=2)
    assert not Answer.objects.published(later).filter(pk=draft.pk).exists()


def test_an_unscheduled_answer_can_be_scheduled_again(draft, editor, columnist):
    scheduled(draft, editor, columnist)
    workflow.unschedule(draft, by=editor)
    at = timezone.now() + timedelta(hours=3)
    workflow.publish(draft, by=editor, at=at)
    draft.refresh_from_db()
    assert (draft.state, draft.publish_at) == (State.PUBLISHED, at)


def test_unscheduling_makes_cached_pages_stale(
    draft, editor, columnist, django_capture_on_commit_callbacks
):
    scheduled(draft, editor, columnist)
    start = caching.current().changes
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unschedule(draft, by=editor)
    assert caching.current().changes == start + 1


def test_a_live_answer_cannot_be_unscheduled(draft, editor, columnist):
    workflow.publish(approved(draft, editor, columnist), by=editor)
    before = AuditEntry.objects.for_object(draft).count()
    with pytest.raises(workflow.InvalidTransition, match="scheduled for later"):
        workflow.unschedule(draft, by=editor)
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED
    assert AuditEntry.objects.for_object(draft).count() == before


def test_an_answer_that_went_live_meanwhile_is_not_unscheduled(editor, columnist):
    draft = assigned_draft(editor, columnist)
    scheduled(draft, editor, columnist, hours=1)
    with pytest.raises(workflow.InvalidTransition, match="went live"):
        workflow.unschedule(draft, by=editor, now=timezone.now() + timedelta(hours=2))
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED
    assert draft.letters.get().question.status == Question.Status.ANSWERED


@pytest.mark.parametrize("verb", ["unschedule", "reschedule"])
def test_columnists_may_not_unschedule_or_reschedule(draft, editor, columnist, verb):
    scheduled(draft, editor, columnist)
    kwargs = {"at": timezone.now() + timedelta(hours=2)} if verb == "reschedule" else {}
    before = AuditEntry.objects.for_object(draft).count()
    with pytest.raises(workflow.NotAllowed):
        getattr(workflow, verb)(draft, by=columnist, **kwargs)
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED
    assert AuditEntry.objects.for_object(draft).count() == before


def test_an_answer_public_before_keeps_its_first_publication_when_unscheduled(
    draft, editor, columnist
):
    workflow.publish(approved(draft, editor, columnist), by=editor)
    draft.refresh_from_db()
    first = draft.first_published_at
    workflow.withdraw(draft, by=editor, note="A mistake in it.")
    workflow.redraft(draft, by=editor)
    scheduled(draft, editor, columnist)
    workflow.unschedule(draft, by=editor)
    draft.refresh_from_db()
    assert (draft.state, draft.publish_at) == (State.APPROVED, None)
    assert draft.first_published_at == first


def test_rescheduling_is_audited_with_the_old_and_new_times(draft, editor, columnist):
    scheduled(draft, editor, columnist)
    old = draft.publish_at
    at = timezone.now() + timedelta(hours=5)
    workflow.reschedule(draft, by=editor, at=at)
    draft.refresh_from_db()
    assert draft.publish_at == draft.first_published_at == at
    entry = AuditEntry.objects.for_object(draft).first()
    assert entry.action == "reschedule"
    assert entry.note == f"Moved from {old.isoformat()} to {at.isoformat()}."


# Reordering a roundup's letters ---------------------------------------------------


@pytest.fixture
def roundup(columnist):
    column = make_column()
    letters = [
        make_question(column=column, headline=name) for name in ("One", "Two", "Three")
    ]
    return make_draft(author=columnist, questions=letters, title="Three on starting")


def print_order(answer: Answer) -> list[str]:
    return [
        printed.question.headline
        for printed in answer.letters.select_related("question").order_by("position")
    ]


def ids(answer: Answer, *headlines: str) -> list[int]:
    by_headline = {p.question.headline: p.question_id for p in answer.letters.all()}
    return [by_headline[headline] for headline in headlines]


def test_reordering_rewrites_the_positions_and_audits_it(roundup, columnist):
    order = ids(roundup, "Three", "One", "Two")
    workflow.reorder_letters(roundup, by=columnist, order=order)
    assert print_order(roundup) == ["Three", "One", "Two"]
    assert list(
        roundup.letters.order_by("position").values_list("position", flat=True)
    ) == [1, 2, 3]
    entry = AuditEntry.objects.for_object(roundup).get()
    assert (entry.action, entry.actor) == ("reorder_letters", columnist)
    assert (
        entry.note
        == "Letters in print order: " + ", ".join(f"#{pk}" for pk in order) + "."
    )


def test_two_neighbours_swap_places(roundup, editor):
    workflow.reorder_letters(
        roundup, by=editor, order=ids(roundup, "Two", "One", "Three")
    )
    assert print_order(roundup) == ["Two", "One", "Three"]


@pytest.mark.parametrize(
    "order",
    [
        lambda ids: ids[:2],  # one left out
        lambda ids: [*ids, ids[0]],  # one twice
        lambda ids: [*ids[:2], 999_999],  # a forged id
        lambda ids: [],
    ],
)
def test_an_order_that_is_not_the_answers_letters_is_refused(roundup, editor, order):
    with pytest.raises(workflow.InvalidTransition):
        workflow.reorder_letters(
            roundup, by=editor, order=order(ids(roundup, "One", "Two", "Three"))
        )
    assert print_order(roundup) == ["One", "Two", "Three"]
    assert not AuditEntry.objects.for_object(roundup).exists()


def test_the_same_order_changes_nothing(roundup, editor):
    workflow.reorder_letters(
        roundup, by=editor, order=ids(roundup, "One", "Two", "Three")
    )
    assert not AuditEntry.objects.for_object(roundup).exists()


def test_those_who_may_not_edit_the_answer_may_not_reorder_it(
    roundup, columnist, other_columnist, editor
):
    order = ids(roundup, "Three", "Two", "One")
    with pytest.raises(workflow.NotAllowed):
        workflow.reorder_letters(roundup, by=other_columnist, order=order)
    with pytest.raises(workflow.NotAllowed):
        workflow.reorder_letters(roundup, by=make_user(), order=order)
    workflow.submit_for_review(roundup, by=columnist)
    with pytest.raises(workflow.NotAllowed, match="in review"):
        workflow.reorder_letters(roundup, by=columnist, order=order)
    assert print_order(roundup) == ["One", "Two", "Three"]
    assert not AuditEntry.objects.filter(action="reorder_letters").exists()


def test_reordering_a_live_roundup_makes_cached_pages_stale(
    roundup, editor, columnist, django_capture_on_commit_callbacks
):
    workflow.publish(approved(roundup, editor, columnist), by=editor)
    start = caching.current().changes
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reorder_letters(
            roundup, by=editor, order=ids(roundup, "Two", "Three", "One")
        )
    assert caching.current().changes == start + 1
    assert print_order(roundup) == ["Two", "Three", "One"]


# A columnist's request to reopen a live answer ------------------------------------


@pytest.fixture
def live(draft, editor, columnist):
    return workflow.publish(approved(draft, editor, columnist), by=editor)


def test_a_columnist_asks_to_reopen_and_the_editors_are_emailed(
    live, columnist, editor, mailoutbox, run_tasks
):
    editor.email = "editor@example.org"
    editor.save()
    run_tasks()
    mailoutbox.clear()
    workflow.ask_to_reopen(live, by=columnist, note="The helpline number changed.")
    live.refresh_from_db()
    assert live.state == State.PUBLISHED
    entry = AuditEntry.objects.for_object(live).first()
    assert (entry.action, entry.actor, entry.note) == (
        "ask_to_reopen",
        columnist,
        "The helpline number changed.",
    )
    assert workflow.reopen_request(live) == entry
    run_tasks()
    [mail] = mailoutbox
    assert mail.to == ["editor@example.org"]
    assert mail.subject == "Asked to reopen: On saying no"
    assert "The helpline number changed." in mail.body
    assert f"/desk/answers/{live.pk}/" in mail.body


def test_asking_to_reopen_needs_a_reason(live, columnist):
    with pytest.raises(workflow.InvalidTransition, match="Say why"):
        workflow.ask_to_reopen(live, by=columnist, note="  ")
    assert workflow.reopen_request(live) is None


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("other_columnist", workflow.NotAllowed),
        ("editor", workflow.InvalidTransition),  # editors correct it themselves
        ("nobody", workflow.NotAllowed),
    ],
)
def test_only_the_answers_columnist_asks_to_reopen(live, request, who, error):
    actor = make_user() if who == "nobody" else request.getfixturevalue(who)
    with pytest.raises(error):
        workflow.ask_to_reopen(live, by=actor, note="Please.")
    assert not AuditEntry.objects.filter(action="ask_to_reopen").exists()


def test_only_a_live_answer_can_be_asked_to_reopen(draft, columnist, editor):
    with pytest.raises(workflow.InvalidTransition):
        workflow.ask_to_reopen(draft, by=columnist, note="Please.")
    scheduled(draft, editor, columnist)
    with pytest.raises(workflow.InvalidTransition, match="live answer"):
        workflow.ask_to_reopen(draft, by=columnist, note="Please.")
    assert not AuditEntry.objects.filter(action="ask_to_reopen").exists()


def test_an_editors_correction_settles_the_request(live, columnist, editor):
    workflow.ask_to_reopen(live, by=columnist, note="A typo in the title.")
    live.refresh_from_db()
    editing.save_answer(
        live,
        by=editor,
        seen_version=live.version,
        text=editing.AnswerText(
            title="On saying no, kindly", slug=live.slug, summary="", body="Hi."
        ),
    )
    assert workflow.reopen_request(live) is None


# The title of a new answer --------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "public_text", "title"),
    [
        ("Too shy to ask", "Anything at all here.", "Too shy to ask"),
        (
            "",
            "My partner and I have   been together for\nten years and want to try.",
            "My partner and I have been together for…",
        ),
        ("", "Short letter, yes.", "Short letter, yes."),
    ],
)
def test_a_new_answer_is_titled_by_the_headline_or_the_first_words(
    editor, columnist, headline, public_text, title
):
    letter = make_question(headline=headline, public_text=public_text)
    answer = workflow.assign(letter, to=columnist, by=editor)
    assert answer.title == title
    assert f"#{letter.pk}" not in answer.title
