"""Receiving letters: text cleaning, receipt codes, caps and what readers are told."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from columns import intake, workflow
from columns.models import Question
from tests.factories import make_column, make_question

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
    assert not intake.is_full_today(column, now=tomorrow)


@pytest.mark.django_db
def test_a_cap_of_zero_means_no_limit():
    column = make_column(daily_cap=0)
    for _ in range(3):
        receive(column)
    assert not intake.is_full_today(column)


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
