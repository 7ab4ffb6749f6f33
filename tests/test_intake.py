"""Receiving letters: text cleaning, receipt codes, caps and what readers are told."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from columns import intake, workflow
from columns.models import Answer, Column, Question
from tests.factories import (
    make_column,
    make_published_answer,
    make_question,
    make_questions,
)

LETTER = "My partner wants to try something new and I am nervous about it. 😅"


def test_receipt_codes_are_grouped_base32_with_140_bits():
    code = intake.receipt_code_for(intake.new_form_token())
    assert re.fullmatch(r"([A-Z2-7]{4}-){6}[A-Z2-7]{4}", code)


def test_receipt_codes_are_unique_over_many_forms():
    codes = {intake.receipt_code_for(intake.new_form_token()) for _ in range(5000)}
    assert len(codes) == 5000


def test_the_same_form_always_gives_the_same_code():
    token = intake.new_form_token()
    assert intake.receipt_code_for(token) == intake.receipt_code_for(token)


def test_typed_codes_are_forgiving_about_case_spaces_and_lookalikes():
    code = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23"
    typed = " abcd efgh-ijkl mnop qrst uvwx yz23 "
    assert intake.normalise_code(typed) == code.replace("-", "")
    assert intake.normalise_code("0O1I8B") == "OOIIBB"
    assert intake.receipt_digest(code.lower()) == intake.receipt_digest(code)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("  Hello\r\nthere\t!  ", "Hello\nthere\t!"),
        ("nul\x00byte and bell\x07", "nulbyte and bell"),
        ("e\u0301clair", "\u00e9clair"),  # NFC: e + combining acute -> é
        ("family 👩\u200d👩\u200d👧 emoji", "family 👩\u200d👩\u200d👧 emoji"),
        ("escape \x1b[31mred", "escape [31mred"),
        ("lone \ud800 surrogate", "lone  surrogate"),
    ],
)
def test_letter_text_is_normalised_and_stripped_of_control_characters(sent, stored):
    assert intake.clean_letter_text(sent) == stored


def receive(column, token=None, text=LETTER, **kwargs):
    return intake.receive_letter(
        column,
        text=text,
        sign_off=kwargs.get("sign_off", ""),
        topic=kwargs.get("topic"),
        form_token=token or intake.new_form_token(),
    )


@pytest.mark.django_db
def test_a_received_letter_is_new_anonymous_and_keeps_only_the_codes_digest():
    column = make_column()
    question, code = receive(column)
    assert question.status == Question.Status.NEW
    assert question.sign_off == "Anonymous"
    assert question.original_text == question.public_text == LETTER
    assert question.receipt_digest == intake.receipt_digest(code)
    assert code.replace("-", "") not in question.receipt_digest
    assert not question.safety_flag


@pytest.mark.django_db
def test_receiving_the_same_form_twice_stores_one_letter():
    column = make_column()
    token = intake.new_form_token()
    first, first_code = receive(column, token)
    second, second_code = receive(column, token, text="A different text entirely here.")
    assert first == second and first_code == second_code
    assert Question.objects.count() == 1
    assert intake.already_received(token) == first


@pytest.mark.django_db
def test_a_letter_about_danger_is_flagged():
    question, _ = receive(make_column(), text="My husband beats me and I feel unsafe.")
    assert question.safety_flag


@pytest.mark.django_db
def test_a_closed_column_refuses_letters_and_stores_nothing():
    column = make_column(is_open=False)
    with pytest.raises(intake.IntakeClosed, match="not taking questions"):
        receive(column)
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_full_column_refuses_letters_until_tomorrow():
    column = make_column(daily_cap=2)
    receive(column)
    receive(column)
    with pytest.raises(intake.IntakeClosed, match="come back tomorrow"):
        receive(column)
    assert Question.objects.count() == 2
    tomorrow = timezone.now() + timedelta(days=1)
    assert intake.intake_state(column, now=tomorrow) == "open"


@pytest.mark.django_db
def test_a_cap_of_zero_means_no_limit():
    column = make_column(daily_cap=0)
    for _ in range(3):
        receive(column)
    assert intake.intake_state(column) == "open"


@pytest.mark.django_db
def test_the_day_starts_at_midnight_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    moment = datetime(2026, 6, 1, 15, 30, tzinfo=UTC)  # 03:30 on 2 June in Auckland
    assert intake.start_of_today(moment) == datetime(2026, 6, 1, 12, tzinfo=UTC)


# Status ---------------------------------------------------------------------------


@pytest.fixture
def published_letter(editor, columnist):
    question = make_question()
    answer = workflow.assign(question, to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    workflow.publish(answer, by=editor)
    return question, answer


@pytest.mark.django_db
def test_a_new_letter_reads_as_received():
    assert intake.reader_status(make_question()) == (intake.RECEIVED, None)


@pytest.mark.parametrize("verb", ["shortlist", "assign"])
def test_a_letter_in_the_editors_hands_reads_as_being_considered(
    editor, columnist, verb
):
    question = make_question()
    kwargs = {"to": columnist} if verb == "assign" else {}
    getattr(workflow, verb)(question, by=editor, **kwargs)
    assert intake.reader_status(question) == (intake.CONSIDERING, None)


@pytest.mark.parametrize("verb", ["decline", "mark_spam"])
def test_declined_and_spam_letters_both_read_as_not_selected(editor, verb):
    question = make_question()
    getattr(workflow, verb)(question, by=editor)
    assert intake.reader_status(question) == (intake.NOT_SELECTED, None)


def test_an_answered_letter_links_its_published_answer(published_letter):
    question, answer = published_letter
    assert intake.reader_status(question) == (intake.ANSWERED, answer)


def test_a_merged_letter_leads_to_the_answer_of_its_original(editor, published_letter):
    question, answer = published_letter
    late = make_question(column=question.column)
    workflow.mark_duplicate(late, of=question, by=editor)
    assert intake.reader_status(late) == (intake.ANSWERED, answer)


def test_a_scheduled_answer_is_not_shown_before_its_time(editor, columnist):
    question = make_question()
    answer = workflow.assign(question, to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    workflow.publish(answer, by=editor, at=timezone.now() + timedelta(hours=1))
    assert intake.reader_status(question) == (intake.CONSIDERING, None)


def test_a_withdrawn_answer_is_no_longer_linked(editor, published_letter):
    question, answer = published_letter
    workflow.withdraw(answer, by=editor, note="Correction needed.")
    question.refresh_from_db()
    assert intake.reader_status(question) == (intake.CONSIDERING, None)


# Whether a column takes letters ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("is_open", "daily_cap", "letters_today", "state"),
    [
        (True, 2, 1, "open"),
        (True, 2, 2, "full"),
        (True, 0, 3, "open"),
        (False, 2, 0, "closed"),
        (False, 2, 2, "closed"),
    ],
)
def test_a_column_is_open_full_for_today_or_closed(
    is_open, daily_cap, letters_today, state
):
    column = make_column(is_open=is_open, daily_cap=daily_cap)
    make_questions(letters_today, column=column)
    assert intake.intake_state(column) == state


@pytest.mark.django_db
def test_yesterdays_letters_leave_a_full_column_open_again_today():
    column = make_column(daily_cap=1)
    make_question(column=column, submitted_at=intake.start_of_today())
    assert intake.intake_state(column) == "full"
    tomorrow = timezone.now() + timedelta(days=1)
    assert intake.intake_state(column, now=tomorrow) == "open"


@pytest.mark.django_db
def test_every_columns_state_comes_from_one_query(django_assert_num_queries):
    full = make_column(daily_cap=1)
    make_question(column=full)
    closed = make_column(is_open=False)
    opened = make_column()
    with django_assert_num_queries(1):
        states = {
            column.pk: column.intake_label()
            for column in Column.objects.with_intake_state(intake.start_of_today())
        }
    assert states == {
        full.pk: "Full for today — opens again tomorrow",
        closed.pk: "Not taking questions",
        opened.pk: "Taking questions",
    }


# The expected wait ----------------------------------------------------------------


def answered_after(column, *waits_in_days, published_days_ago=10, **answer_fields):
    """A public answer printing one letter per wait: each letter arrived that many
    days before the answer was first published, ``published_days_ago`` days ago."""
    published = timezone.now() - timedelta(days=published_days_ago)
    letters = [
        make_question(column=column, submitted_at=published - timedelta(days=days))
        for days in waits_in_days
    ]
    return make_published_answer(
        column=column, questions=letters, publish_at=published, **answer_fields
    )


def median_wait(column) -> timedelta | None:
    return Answer.objects.recent_median_waits(timezone.now()).get(column.pk)


@pytest.mark.django_db
def test_the_expected_wait_is_the_median_of_recent_letters_waits():
    column = make_column()
    for days in (9, 2, 30, 5, 1):
        answered_after(column, days)
    assert median_wait(column) == timedelta(days=5)


@pytest.mark.django_db
def test_an_even_number_of_waits_takes_the_middle_two_halfway():
    column = make_column()
    for days in (1, 2, 4, 6, 9, 30):
        answered_after(column, days)
    assert median_wait(column) == timedelta(days=5)


@pytest.mark.django_db
def test_each_letter_of_a_roundup_counts_once():
    column = make_column()
    answered_after(column, 2, 5, 9, 12, 40)
    assert median_wait(column) == timedelta(days=9)


@pytest.mark.django_db
def test_too_few_recent_answers_give_the_usual_text():
    column = make_column()
    for days in (2, 5, 9, 12):
        answered_after(column, days)
    assert median_wait(column) is None
    assert intake.expected_wait_for(column) == (
        "Chosen letters are usually answered within a few weeks."
    )


@pytest.mark.django_db
def test_only_recent_public_answers_of_the_column_count():
    column, other = make_column(), make_column()
    for days in (2, 5, 9, 12):
        answered_after(column, days)
    answered_after(column, 60, published_days_ago=91)  # too long ago
    scheduled = answered_after(column, 60, published_days_ago=-1)  # not yet public
    assert not scheduled.is_published()
    answered_after(other, 60)
    withdrawn = answered_after(column, 60)
    Answer.objects.filter(pk=withdrawn.pk).update(state=Answer.State.WITHDRAWN)
    assert median_wait(column) is None
    answered_after(column, 7)
    assert median_wait(column) == timedelta(days=7)


@pytest.mark.django_db
def test_every_columns_median_comes_from_one_query(django_assert_num_queries):
    first, second = make_column(), make_column()
    for days in (3, 4, 5, 6, 7):
        answered_after(first, days)
        answered_after(second, days * 7)
    with django_assert_num_queries(1):
        medians = Answer.objects.recent_median_waits(timezone.now())
    assert medians == {first.pk: timedelta(days=5), second.pk: timedelta(days=35)}


@pytest.mark.parametrize(
    ("median", "shown"),
    [
        (timedelta(days=21), "2–4 weeks"),
        (timedelta(days=5), "3–7 days"),
        (timedelta(hours=12), "1–2 days"),
        (timedelta(days=13), "8–18 days"),
        (timedelta(days=14), "1–3 weeks"),
        (timedelta(days=100), "2–5 months"),
    ],
)
def test_the_median_is_shown_as_a_range_around_it(median, shown):
    assert intake.wait_range(median) == shown


def test_the_expected_wait_is_a_range_and_never_a_promise():
    sentence = intake.expected_wait(timedelta(days=21))
    assert "about 2–4 weeks" in sentence
    assert "many letters are never answered" in sentence
    assert intake.expected_wait(None) == intake.USUAL_WAIT
