"""The letter verbs the desk adds: editing, the anonymity confirmation on assign,
merging clusters, and bulk moves, tags and assignments."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from columns import workflow
from columns.models import Answer, AuditEntry, Question, Topic
from tests.factories import (
    make_column,
    make_content_warning,
    make_question,
    make_questions,
)

Status = Question.Status
LEAKY = "Write back to jo.smith@example.com or call 07700 900123."


def edit_of(question: Question, **changes) -> workflow.LetterEdit:
    fields = {
        "headline": question.headline,
        "public_text": question.public_text,
        "sign_off": question.sign_off,
        "internal_notes": question.internal_notes,
        "topics": tuple(question.topics.names()),
        "content_warnings": tuple(question.content_warnings.all()),
    }
    fields.update(changes)
    return workflow.LetterEdit(**fields)


# Editing ---------------------------------------------------------------------------


def test_editing_saves_the_changes_bumps_the_version_and_audits_them(editor):
    question = make_question()
    warning = make_content_warning(label="Infidelity")
    edit = edit_of(
        question,
        public_text="A shorter version.",
        topics=("Trust", "communication"),
        content_warnings=(warning,),
    )

    changed = workflow.edit_letter(question, edit, by=editor, seen_version=1)

    assert changed == ["public text", "topics", "content warnings"]
    question.refresh_from_db()
    assert question.public_text == "A shorter version."
    assert question.version == 2
    assert sorted(question.topics.names()) == ["Trust", "communication"]
    assert list(question.content_warnings.all()) == [warning]
    entry = AuditEntry.objects.for_object(question).get()
    assert (entry.action, entry.from_state, entry.to_state) == ("edit", "new", "new")
    assert entry.note == "Edited the public text, topics, content warnings."
    assert "shorter" not in entry.note


def test_editing_reuses_an_existing_topic_whatever_its_case(editor):
    Topic.objects.create(name="Consent", slug="consent")
    question = make_question()
    workflow.edit_letter(
        question, edit_of(question, topics=("consent",)), by=editor, seen_version=1
    )
    assert Topic.objects.count() == 1
    assert list(question.topics.names()) == ["Consent"]


def test_an_edit_that_changes_nothing_writes_nothing(editor):
    question = make_question()
    assert (
        workflow.edit_letter(question, edit_of(question), by=editor, seen_version=1)
        == []
    )
    question.refresh_from_db()
    assert question.version == 1
    assert not AuditEntry.objects.exists()


def test_an_edit_from_a_stale_form_is_refused_and_changes_nothing(editor):
    question = make_question()
    workflow.shortlist(question, by=editor)  # version 2 now
    with pytest.raises(workflow.StaleLetter, match="changed this letter"):
        workflow.edit_letter(
            question, edit_of(question, headline="Mine"), by=editor, seen_version=1
        )
    question.refresh_from_db()
    assert (question.headline, question.version) == ("Something awkward", 2)


def test_of_two_editors_saving_the_same_version_only_the_first_wins(editor):
    question = make_question()
    other_copy = Question.objects.get(pk=question.pk)
    workflow.edit_letter(
        question, edit_of(question, headline="First"), by=editor, seen_version=1
    )
    with pytest.raises(workflow.StaleLetter):
        workflow.edit_letter(
            other_copy,
            edit_of(other_copy, headline="Second"),
            by=editor,
            seen_version=1,
        )
    question.refresh_from_db()
    assert question.headline == "First"


def test_a_columnist_may_not_edit_letters(columnist):
    question = make_question()
    with pytest.raises(workflow.NotAllowed):
        workflow.edit_letter(
            question, edit_of(question, headline="x"), by=columnist, seen_version=1
        )


def test_an_answered_letter_is_printed_and_cannot_be_edited(editor):
    question = make_question()
    Question.objects.filter(pk=question.pk).update(status=Status.ANSWERED)
    question.refresh_from_db()
    with pytest.raises(workflow.InvalidTransition, match="withdraw the answer"):
        workflow.edit_letter(
            question, edit_of(question, headline="x"), by=editor, seen_version=1
        )


# The anonymity confirmation --------------------------------------------------------


def test_assigning_a_letter_with_identifiers_needs_confirmation(editor, columnist):
    question = make_question(public_text=LEAKY)
    with pytest.raises(workflow.AnonymityUnconfirmed) as refused:
        workflow.assign(question, to=columnist, by=editor)
    assert "1 email address and 1 phone number" in str(refused.value)
    question.refresh_from_db()
    assert question.status == Status.NEW
    assert not Answer.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_confirmed_assignment_records_the_confirmation_but_not_the_identifiers(
    editor, columnist
):
    question = make_question(public_text=LEAKY)
    workflow.assign(question, to=columnist, by=editor, confirm_anonymity=True)
    entry = AuditEntry.objects.for_object(question).get()
    assert (
        "Anonymity check overridden: 1 email address and 1 phone number" in entry.note
    )
    assert f"confirmed by {editor}" in entry.note
    assert "jo.smith" not in entry.note and "07700" not in entry.note


def test_a_clean_letter_is_assigned_without_confirmation(editor, columnist):
    question = make_question()
    workflow.assign(question, to=columnist, by=editor)
    entry = AuditEntry.objects.for_object(question).get()
    assert "Anonymity" not in entry.note


def test_the_columnist_is_emailed_about_an_assignment_by_the_worker(
    editor, columnist, run_tasks
):
    columnist.email = "sam@example.org"
    columnist.save()
    question = make_question(headline="Talking about condoms")
    answer = workflow.assign(question, to=columnist, by=editor)
    assert mail.outbox == []
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["sam@example.org"]
    assert "Talking about condoms" in message.subject
    assert f"/desk/answers/{answer.pk}/" in message.body


def test_a_refused_assignment_sends_no_email(
    editor, columnist, django_capture_on_commit_callbacks
):
    columnist.email = "sam@example.org"
    columnist.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(workflow.AnonymityUnconfirmed):
            workflow.assign(make_question(public_text=LEAKY), to=columnist, by=editor)
    assert callbacks == []
    assert mail.outbox == []


# Merging a cluster -----------------------------------------------------------------


def test_a_cluster_is_merged_into_one_letter_in_one_step(editor):
    column = make_column()
    original, *others = (make_question(column=column) for _ in range(4))
    assert workflow.merge_duplicates(original, others, by=editor) == 3
    for other in others:
        other.refresh_from_db()
        assert (other.status, other.duplicate_of) == (Status.DUPLICATE, original)
        assert AuditEntry.objects.for_object(other).get().note == (
            f"Merged into #{original.pk}."
        )


def test_merging_into_a_duplicate_merges_into_its_original(editor):
    column = make_column()
    original, middle, late = (make_question(column=column) for _ in range(3))
    workflow.mark_duplicate(middle, of=original, by=editor)
    workflow.merge_duplicates(middle, [late], by=editor)
    late.refresh_from_db()
    assert late.duplicate_of == original


def test_a_cluster_with_a_letter_of_another_column_merges_nothing(editor):
    column = make_column()
    original, same = make_question(column=column), make_question(column=column)
    foreign = make_question()
    with pytest.raises(workflow.BulkRefused) as refused:
        workflow.merge_duplicates(original, [same, foreign], by=editor)
    assert [letter for letter, _ in refused.value.refusals] == [foreign]
    assert "another column" in str(refused.value)
    assert set(Question.objects.values_list("status", flat=True)) == {Status.NEW}
    assert not AuditEntry.objects.exists()


def test_merging_nothing_is_refused(editor):
    with pytest.raises(workflow.InvalidTransition, match="at least one"):
        workflow.merge_duplicates(make_question(), [], by=editor)


# Bulk moves ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "target"),
    [("shortlist", "shortlisted"), ("decline", "declined"), ("mark_spam", "spam")],
)
def test_a_bulk_move_changes_every_letter_and_audits_each(editor, action, target):
    letters = make_questions(5)
    assert workflow.bulk_move(action, letters, by=editor, note="Batch.") == 5
    assert set(Question.objects.values_list("status", "version")) == {(target, 2)}
    entries = AuditEntry.objects.filter(action=action)
    assert sorted(entries.values_list("object_id", flat=True)) == [
        q.pk for q in letters
    ]
    assert {(e.from_state, e.to_state, e.actor, e.note) for e in entries} == {
        ("new", target, editor, "Batch.")
    }


def test_a_bulk_move_on_500_letters_takes_a_bounded_number_of_queries(editor):
    letters = make_questions(500)
    with CaptureQueriesContext(connection) as queries:
        workflow.bulk_move("decline", letters, by=editor)
    # Read + UPDATE + batched INSERTs of audit entries + savepoints; not per letter.
    assert len(queries) <= 12
    assert Question.objects.filter(status=Status.DECLINED).count() == 500
    assert AuditEntry.objects.count() == 500


def test_a_bulk_move_with_refused_letters_changes_none_and_names_them(editor):
    letters = make_questions(4)
    workflow.decline(letters[1], by=editor)
    workflow.mark_spam(letters[3], by=editor)

    with pytest.raises(workflow.BulkRefused) as refused:
        workflow.bulk_move("shortlist", letters, by=editor)

    assert [letter.pk for letter, _ in refused.value.refusals] == [
        letters[1].pk,
        letters[3].pk,
    ]
    assert "it is declined" in str(refused.value.refusals[0][1])
    statuses = list(Question.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["new", "declined", "new", "spam"]
    assert AuditEntry.objects.filter(action="shortlist").count() == 0


def test_a_bulk_move_by_a_columnist_is_refused_once_for_all(columnist):
    with pytest.raises(workflow.NotAllowed, match="permission to decline"):
        workflow.bulk_move("decline", make_questions(3), by=columnist)
    assert not Question.objects.exclude(status=Status.NEW).exists()


def test_a_letter_deleted_meanwhile_refuses_the_bulk_move(editor):
    letters = make_questions(2)
    Question.objects.filter(pk=letters[0].pk).delete()
    with pytest.raises(workflow.BulkRefused, match="no longer exists"):
        workflow.bulk_move("shortlist", letters, by=editor)
    letters[1].refresh_from_db()
    assert letters[1].status == Status.NEW


def test_a_letter_changed_between_check_and_update_rolls_everything_back(
    editor, monkeypatch
):
    letters = make_questions(3)
    real_check = workflow.bulk._check

    def check_then_change(letter, action, by):
        real_check(letter, action, by)
        if letter.pk == letters[2].pk:  # another editor acts after our check
            Question.objects.filter(pk=letter.pk).update(status=Status.SPAM)

    monkeypatch.setattr(workflow.bulk, "_check", check_then_change)
    with pytest.raises(workflow.InvalidTransition, match="changed by someone else"):
        workflow.bulk_move("shortlist", letters, by=editor)
    assert not Question.objects.filter(status=Status.SHORTLISTED).exists()
    assert not AuditEntry.objects.exists()


def test_only_triage_moves_can_be_applied_in_bulk(editor):
    with pytest.raises(workflow.InvalidTransition, match="not a bulk action"):
        workflow.bulk_move("reopen", make_questions(1), by=editor)


# Bulk tags -------------------------------------------------------------------------


def test_bulk_tagging_adds_topics_new_and_existing_once(editor):
    Topic.objects.create(name="Consent", slug="consent")
    letters = make_questions(3)
    letters[0].topics.add("Consent")

    assert workflow.bulk_tag(letters, topics=["consent", "Jealousy"], by=editor) == 3

    assert Topic.objects.count() == 2
    for letter in letters:
        assert sorted(letter.topics.names()) == ["Consent", "Jealousy"]
    entry = AuditEntry.objects.filter(action="tag").first()
    assert entry.note == "Topics added: Consent, Jealousy."
    assert set(Question.objects.values_list("version", flat=True)) == {2}


def test_bulk_tagging_needs_a_topic_and_the_triage_role(editor, columnist):
    with pytest.raises(workflow.InvalidTransition):
        workflow.bulk_tag(make_questions(1), topics=[], by=editor)
    with pytest.raises(workflow.NotAllowed):
        workflow.bulk_tag(make_questions(1), topics=["x"], by=columnist)


# Bulk assignment -------------------------------------------------------------------


def test_bulk_assignment_gives_each_letter_its_own_draft_with_unique_slugs(
    editor, columnist
):
    column = make_column()
    Answer.objects.create(column=column, title="Letter 1", slug="letter-1")
    letters = make_questions(3, column=column)
    Question.objects.filter(pk=letters[2].pk).update(headline="Letter 1")
    letters[2].refresh_from_db()

    answers = workflow.bulk_assign(letters, to=columnist, by=editor)

    assert [a.slug for a in answers] == ["letter-1-2", "letter-2", "letter-1-3"]
    for letter, answer in zip(letters, answers, strict=True):
        letter.refresh_from_db()
        assert (letter.status, letter.assignee) == (Status.ASSIGNED, columnist)
        assert list(answer.questions.all()) == [letter]
        assert list(answer.authors.all()) == [columnist]
        assert answer.revisions.get().number == 1
        assert answer.state == Answer.State.DRAFT


def test_bulk_assignment_together_makes_one_roundup_in_order(editor, columnist):
    letters = make_questions(3)
    answers = workflow.bulk_assign(letters, to=columnist, by=editor, together=True)
    (answer,) = set(answers)
    assert [(lt.question, lt.position) for lt in answer.letters.all()] == [
        (letters[0], 1),
        (letters[1], 2),
        (letters[2], 3),
    ]


def test_bulk_assignment_can_extend_an_existing_draft(editor, columnist):
    column = make_column()
    answer = workflow.assign(make_question(column=column), to=columnist, by=editor)
    letters = make_questions(2, column=column)
    workflow.bulk_assign(letters, to=columnist, by=editor, answer=answer)
    assert [lt.position for lt in answer.letters.all()] == [1, 2, 3]


def test_a_roundup_refuses_letters_of_another_column(editor, columnist):
    letters = make_questions(2) + make_questions(1)
    with pytest.raises(workflow.BulkRefused, match="another column"):
        workflow.bulk_assign(letters, to=columnist, by=editor, together=True)
    assert not Answer.objects.exists()


def test_bulk_assignment_refuses_letters_with_identifiers(editor, columnist):
    letters = make_questions(2)
    leaky = make_question(column=letters[0].column, public_text=LEAKY)
    with pytest.raises(workflow.BulkRefused) as refused:
        workflow.bulk_assign([*letters, leaky], to=columnist, by=editor)
    assert [letter for letter, _ in refused.value.refusals] == [leaky]
    assert "assign it on its own page" in str(refused.value)
    assert not Answer.objects.exists()
    assert not Question.objects.filter(status=Status.ASSIGNED).exists()


def test_bulk_assignment_only_to_columnists(editor, reader_account):
    with pytest.raises(workflow.InvalidTransition, match="not a columnist"):
        workflow.bulk_assign(make_questions(1), to=reader_account, by=editor)


def test_bulk_assignment_of_500_letters_takes_a_bounded_number_of_queries(
    editor, columnist
):
    letters = make_questions(500)
    with CaptureQueriesContext(connection) as queries:
        workflow.bulk_assign(letters, to=columnist, by=editor)
    assert len(queries) <= 40
    assert Answer.objects.count() == 500
    assert Question.objects.filter(status=Status.ASSIGNED).count() == 500


def test_the_dry_run_lists_what_a_bulk_action_would_refuse(editor):
    letters = make_questions(3)
    workflow.decline(letters[0], by=editor)
    refusals = workflow.bulk_refusals("mark_spam", letters, by=editor)
    assert [letter.pk for letter, _ in refusals] == [letters[0].pk]
    assert Question.objects.filter(status=Status.NEW).count() == 2


def test_a_letter_without_public_text_cannot_be_assigned(editor, columnist):
    single, other = make_question(public_text=" "), make_question(public_text="")
    with pytest.raises(workflow.InvalidTransition, match="no public text"):
        workflow.assign(single, to=columnist, by=editor)
    with pytest.raises(workflow.BulkRefused, match="no public text"):
        workflow.bulk_assign([other], to=columnist, by=editor)
    assert not Answer.objects.exists()


def test_bulk_assignment_refuses_an_identifying_sign_off(editor, columnist):
    leaky = make_question(sign_off="Dan, dan.smith@example.com, 07700 900789")
    with pytest.raises(workflow.BulkRefused) as refused:
        workflow.bulk_assign([leaky], to=columnist, by=editor)
    assert "the sign-off" in str(refused.value)
    assert not Answer.objects.exists()
