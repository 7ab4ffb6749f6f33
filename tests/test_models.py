"""The domain's invariants hold in the database itself, not only in Python."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from columns.models import (
    Answer,
    AnswerLetter,
    Question,
    ReviewComment,
    Revision,
    Topic,
)
from columns.models.questions import current_hour
from tests.factories import make_answer, make_question, make_user

pytestmark = pytest.mark.django_db


def violates(queryset_update) -> None:
    """Assert the write is refused by the database and leaves nothing behind."""
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset_update()


def test_a_duplicate_needs_the_letter_it_duplicates():
    question = make_question()
    violates(lambda: Question.objects.filter(pk=question.pk).update(status="duplicate"))


def test_a_letter_cannot_duplicate_itself():
    question = make_question()
    violates(
        lambda: Question.objects.filter(pk=question.pk).update(
            status="duplicate", duplicate_of=question
        )
    )


def test_an_assigned_letter_needs_an_assignee():
    question = make_question()
    violates(lambda: Question.objects.filter(pk=question.pk).update(status="assigned"))


def test_a_letter_status_outside_the_workflow_is_refused():
    question = make_question()
    violates(lambda: Question.objects.filter(pk=question.pk).update(status="lost"))


def test_an_answer_state_outside_the_workflow_is_refused():
    answer = make_answer()
    violates(lambda: Answer.objects.filter(pk=answer.pk).update(state="gone"))


def test_answer_slugs_are_unique_within_a_column_only():
    first = make_answer(slug="on-consent")
    make_answer(slug="on-consent")  # another column: fine
    violates(lambda: make_answer(column=first.column, slug="on-consent"))


def test_an_answer_slug_cannot_be_empty():
    violates(lambda: make_answer(slug=""))


def test_a_published_answer_needs_its_publication_dates():
    answer = make_answer()
    violates(lambda: Answer.objects.filter(pk=answer.pk).update(state="published"))
    now = timezone.now()
    violates(
        lambda: Answer.objects.filter(pk=answer.pk).update(
            state="published", publish_at=now, first_published_at=now
        )
    )


def test_an_answer_cannot_be_updated_before_it_was_first_published():
    answer = make_answer()
    now = timezone.now()
    violates(
        lambda: Answer.objects.filter(pk=answer.pk).update(
            first_published_at=now, last_published_at=now - timedelta(days=1)
        )
    )


def test_a_letter_is_printed_by_one_answer_only():
    question = make_question()
    make_answer(questions=[question])
    violates(lambda: make_answer(questions=[question]))


def test_two_letters_cannot_share_a_position_in_a_roundup():
    answer = make_answer()
    other = make_question(column=answer.column)
    violates(lambda: AnswerLetter.objects.create(answer=answer, question=other))


def test_revision_numbers_are_unique_per_answer():
    answer = make_answer()
    answer.record_revision(by=None)
    violates(
        lambda: Revision.objects.create(answer=answer, number=1, title="Again", body="")
    )


def test_a_resolved_comment_names_who_resolved_it():
    answer = make_answer()
    author = make_user()
    violates(
        lambda: ReviewComment.objects.create(
            answer=answer,
            author=author,
            body="Tighten this.",
            resolved_at=timezone.now(),
        )
    )


def test_a_letter_is_stored_with_its_submission_hour_only():
    question = make_question()
    stamp = question.submitted_at
    assert (stamp.minute, stamp.second, stamp.microsecond) == (0, 0, 0)
    assert timezone.now() - stamp < timedelta(hours=1)


def test_current_hour_rounds_down(monkeypatch):
    moment = datetime(2026, 3, 1, 14, 59, 59, 999999, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert current_hour() == datetime(2026, 3, 1, 14, tzinfo=UTC)


def test_saving_an_answer_stores_its_rendered_body():
    answer = make_answer(body="## Start here\n\n- [x] talk\n- [ ] listen")
    assert '<h2 id="start-here">' in answer.body_html
    answer.body = "<script>alert(1)</script> *kind*"
    answer.save(update_fields=["body"])
    answer.refresh_from_db()
    assert "<script" not in answer.body_html
    assert "<em>kind</em>" in answer.body_html


def test_saving_other_fields_keeps_the_stored_html():
    answer = make_answer(body="*one*")
    Answer.objects.filter(pk=answer.pk).update(body_html="<p>cached</p>")
    answer.refresh_from_db()
    answer.title = "New title"
    answer.save(update_fields=["title"])
    answer.refresh_from_db()
    assert answer.body_html == "<p>cached</p>"


def test_revisions_count_up_and_copy_the_text():
    answer = make_answer(title="Draft", body="First words.")
    author = make_user()
    answer.record_revision(by=author)
    answer.body = "Second words."
    second = answer.record_revision(by=author, note="Tightened")
    assert second.number == 2
    assert (second.body, second.note) == ("Second words.", "Tightened")


def test_answer_topics_use_the_concrete_through_model():
    answer = make_answer()
    answer.topics.add("Consent", "Communication")
    assert set(answer.topics.names()) == {"Consent", "Communication"}
    assert Topic.objects.get(name="Consent").answer_items.get().content_object == answer


def test_topics_are_matched_case_insensitively():
    first, second = make_question(), make_question()
    first.topics.add("Consent")
    second.topics.add("consent")
    assert Topic.objects.count() == 1


def test_waiting_letters_are_new_or_shortlisted():
    new = make_question()
    shortlisted = make_question()
    Question.objects.filter(pk=shortlisted.pk).update(status="shortlisted")
    Question.objects.filter(pk=make_question().pk).update(status="spam")
    assert set(Question.objects.waiting()) == {new, shortlisted}
