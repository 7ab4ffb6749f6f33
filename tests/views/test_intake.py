"""The reader's side over HTTP: ask, receive a code, check on the letter."""

import logging
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from columns import intake, ratelimit, workflow
from columns.models import Question, Topic
from tests.factories import (
    make_column,
    make_published_answer,
    make_question,
    make_questions,
)

pytestmark = pytest.mark.django_db

LETTER = (
    "My partner and I have been together two years and I want to suggest something new."
)
CODE_PATTERN = re.compile(r"([A-Z2-7]{4}-){6}[A-Z2-7]{4}")


@pytest.fixture
def column():
    column = make_column(
        name="Between the Sheets",
        slug="between-the-sheets",
        guidelines="Tell us what is on your mind; leave out names.",
        daily_cap=50,
    )
    column.topics.add(Topic.objects.create(name="Consent", slug="consent"))
    return column


def ask_url(column) -> str:
    return reverse("columns:ask", args=[column.slug])


def form_token(client, column) -> str:
    page = client.get(ask_url(column)).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def send(client, column, meta=None, **fields):
    """Post a letter (``fields`` override the form) with request ``meta``."""
    data = {"text": LETTER, "sign_off": "", "form_token": form_token(client, column)}
    data.update(fields)
    return client.post(ask_url(column), data, **(meta or {}))


def receipt_code(response) -> str:
    return CODE_PATTERN.search(response.content.decode()).group(0)


# Asking ---------------------------------------------------------------------------


def test_the_ask_index_sets_no_cookie_and_is_never_cached(client, column):
    response = client.get(reverse("columns:ask_index"))
    assert response.status_code == 200
    assert "Between the Sheets" in response.content.decode()
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    # Which columns are full changes with each letter and at midnight.
    assert "no-store" in response["Cache-Control"]


def card_of(page: str, name: str) -> str:
    """The ask index's card of the column called ``name``."""
    return re.search(rf"<li class=\"card\">\s*<h2>{name}</h2>.*?</li>", page, re.S)[0]


def test_the_ask_index_marks_full_and_closed_columns_and_offers_no_link_to_them(
    client, column, django_assert_max_num_queries
):
    full = make_column(name="Full Today", daily_cap=1)
    make_questions(1, column=full)
    closed = make_column(name="On a Break", is_open=False)
    with django_assert_max_num_queries(3):
        page = client.get(reverse("columns:ask_index")).content.decode()

    open_card = card_of(page, "Between the Sheets")
    assert f'href="{ask_url(column)}"' in open_card
    assert "Chosen letters are usually answered within a few weeks." in open_card
    full_card = card_of(page, "Full Today")
    assert "Full for today — opens again tomorrow" in full_card
    closed_card = card_of(page, "On a Break")
    assert "Not taking questions" in closed_card
    for other in (full, closed):
        assert ask_url(other) not in page
    assert "None of our columns is taking questions" not in page


def test_the_ask_index_lists_the_columns_in_their_order(client, column):
    make_column(name="A Last One", position=9, daily_cap=1)
    make_column(name="Z Then This One", is_open=False)
    page = client.get(reverse("columns:ask_index")).content.decode()
    names = re.findall(r"<h2>([^<]+)</h2>", page)
    assert names == ["Between the Sheets", "Z Then This One", "A Last One"]


def test_the_ask_index_says_so_when_no_column_takes_letters(client, column):
    column.is_open = False
    column.save()
    page = client.get(reverse("columns:ask_index")).content.decode()
    assert "None of our columns is taking questions right now" in page
    assert ask_url(column) not in page


def test_a_column_that_fills_up_is_marked_full_at_once(client, column):
    column.daily_cap = 1
    column.save()
    assert ask_url(column) in client.get(reverse("columns:ask_index")).content.decode()
    assert send(client, column).status_code == 200
    page = client.get(reverse("columns:ask_index")).content.decode()
    assert ask_url(column) not in page
    assert "Full for today" in page


def published_after(column, days: int) -> None:
    """A public answer, published a week ago, to a letter that waited ``days``."""
    published = timezone.now() - timedelta(days=7)
    letter = make_question(column=column, submitted_at=published - timedelta(days=days))
    make_published_answer(column=column, questions=[letter], publish_at=published)


def test_the_expected_wait_comes_from_the_columns_recent_answers(client, column):
    for days in (14, 18, 21, 25, 28):
        published_after(column, days)
    wait = "Recently, chosen letters were answered in about 2–4 weeks"
    assert wait in client.get(reverse("columns:ask_index")).content.decode()
    assert wait in client.get(ask_url(column)).content.decode()
    assert wait in send(client, column).content.decode()


def test_the_ask_page_shows_guidelines_next_steps_privacy_and_the_form(client, column):
    response = client.get(ask_url(column))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tell us what is on your mind" in page
    assert "What happens next" in page
    assert "IP address" in page
    assert 'name="text"' in page and 'name="sign_off"' in page
    assert '<option value="' in page and "Consent" in page
    assert "no-store" in response["Cache-Control"]


def test_the_suggestions_come_before_the_send_button(client, column):
    page = client.get(ask_url(column)).content.decode()
    assert page.index("Already answered?") < page.index("Send my question")


def test_the_receipt_code_has_a_copy_button_that_scripts_reveal(client, column):
    page = send(client, column).content.decode()
    code = re.search(r'<output[^>]*id="receipt-code"[^>]*>([^<]+)</output>', page)
    assert CODE_PATTERN.fullmatch(code[1])
    button = r'<button [^>]*data-copy="receipt-code" hidden>Copy</button>'
    assert re.search(button, page)
    assert re.search(r'role="status" data-copy-status>', page)


def test_each_ask_page_carries_a_fresh_form_token(client, column):
    assert form_token(client, column) != form_token(client, column)


def test_a_letter_is_received_and_the_code_shown_once(client, column):
    response = send(client, column, sign_off="  Nervous   in Leeds ")
    assert response.status_code == 200
    code = receipt_code(response)
    question = Question.objects.get()
    assert question.receipt_digest == intake.receipt_digest(code)
    assert question.original_text == LETTER
    assert question.sign_off == "Nervous in Leeds"
    assert question.status == Question.Status.NEW
    assert "no-store" in response["Cache-Control"]
    assert "Keep this code" in response.content.decode()


def test_the_topic_the_reader_picks_is_kept(client, column):
    send(client, column, topic=Topic.objects.get(slug="consent").pk)
    assert list(Question.objects.get().topics.names()) == ["Consent"]


def test_a_double_submitted_form_stores_one_letter_and_shows_the_same_code(
    client, column
):
    data = {"text": LETTER, "sign_off": "", "form_token": form_token(client, column)}
    first = client.post(ask_url(column), data)
    second = client.post(ask_url(column), data)
    assert receipt_code(first) == receipt_code(second)
    assert Question.objects.count() == 1


def test_a_flagged_letter_shows_help_resources_at_once(client, column):
    response = send(
        client, column, text="I have been thinking about suicide a lot lately."
    )
    assert Question.objects.get().safety_flag
    assert "emergency" in response.content.decode()


def test_an_ordinary_letter_shows_no_help_resources(client, column):
    assert "emergency number" not in send(client, column).content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required."),
        ("   \n\t  ", "This field is required."),
        ("Too short.", "at least 30 characters"),
        ("x" * 5001, "keep it to 5,000 characters"),
        ("\x00\x01\x02" * 20 + "hi", "at least 30 characters"),
    ],
)
def test_bad_letters_get_a_clear_message_and_nothing_is_stored(
    client, column, text, message
):
    response = send(client, column, text=text)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_the_letter_limits_are_settings(client, column, settings):
    settings.ADVICE_LETTER_MIN_CHARS = 5
    settings.ADVICE_LETTER_MAX_CHARS = 50
    assert send(client, column, text="Short but fine.").status_code == 200
    assert send(client, column, text="y" * 51).status_code == 400


def test_a_letter_with_undecodable_bytes_is_refused_with_a_message(client, column):
    token = form_token(client, column)
    # Browsers percent-encode form bytes; %E9 alone is Latin-1, not UTF-8.
    body = (
        "text="
        + "Caf%E9+au+lait+with+my+partner,+is+it+a+date?+" * 2
        + "&sign_off=&form_token="
        + token
    )
    response = client.post(
        ask_url(column), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert not Question.objects.exists()


def test_a_huge_post_body_is_refused(client, column, settings):
    response = send(
        client, column, text="a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    )
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_an_unknown_column_is_404(client):
    assert client.get("/columns/no-such-column/ask/").status_code == 404
    assert (
        client.post("/columns/no-such-column/ask/", {"text": LETTER}).status_code == 404
    )


def test_a_closed_column_says_so_and_refuses_letters(client, column):
    token = form_token(client, column)
    column.is_open = False
    column.save()
    page = client.get(ask_url(column))
    assert "Not taking questions" in page.content.decode()
    assert "not taking questions at the moment" in page.content.decode()
    assert 'name="text"' not in page.content.decode()
    response = client.post(ask_url(column), {"text": LETTER, "form_token": token})
    assert response.status_code == 409
    assert not Question.objects.exists()


def test_a_full_column_says_come_back_tomorrow(client, column):
    column.daily_cap = 1
    column.save()
    late_token = form_token(client, column)
    assert send(client, column).status_code == 200
    page = client.get(ask_url(column)).content.decode()
    assert "Full for today — opens again tomorrow" in page
    assert "come back tomorrow" in page
    assert 'name="text"' not in page and "Send my question" not in page
    response = client.post(ask_url(column), {"text": LETTER, "form_token": late_token})
    assert response.status_code == 409
    assert "come back tomorrow" in response.content.decode()
    assert Question.objects.count() == 1


@pytest.mark.parametrize("topic", ["999999", "not-a-number", "-1"])
def test_a_forged_topic_is_refused(client, column, topic):
    response = send(client, column, topic=topic)
    assert response.status_code == 400
    assert "valid choice" in response.content.decode()
    assert not Question.objects.exists()


def test_another_columns_topic_is_refused(client, column):
    elsewhere = make_column()
    foreign = Topic.objects.create(name="Menopause", slug="menopause")
    elsewhere.topics.add(foreign)
    assert send(client, column, topic=foreign.pk).status_code == 400


@pytest.mark.parametrize(
    "token", ["", "short", "x" * 65, "bad token with spaces!!!!!!!!!!!!!"]
)
def test_a_missing_or_forged_form_token_is_refused(client, column, token):
    response = client.post(ask_url(column), {"text": LETTER, "form_token": token})
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_a_post_without_csrf_token_is_refused_kindly(column):
    client = Client(enforce_csrf_checks=True)
    response = client.post(ask_url(column), {"text": LETTER, "form_token": "x" * 43})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    assert not Question.objects.exists()


def test_the_honeypot_refuses_bots_and_stores_nothing(client, column):
    response = send(client, column, website="http://spam.example")
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_readers_are_rate_limited_and_welcome_again_after_the_window(
    client, column, settings, monkeypatch
):
    settings.ADVICE_LETTERS_PER_HOUR = 3
    clock = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    for _ in range(3):
        assert send(client, column).status_code == 200
    refused = send(client, column)
    assert refused.status_code == 429
    assert "3 letters in the last hour" in refused.content.decode()
    assert Question.objects.count() == 3

    clock[0] += 3600
    assert send(client, column).status_code == 200
    assert Question.objects.count() == 4


def test_rate_limits_are_per_client(client, column, settings):
    settings.ADVICE_LETTERS_PER_HOUR = 1
    assert send(client, column, {"REMOTE_ADDR": "203.0.113.7"}).status_code == 200
    assert send(client, column, {"REMOTE_ADDR": "203.0.113.7"}).status_code == 429
    assert send(client, column, {"REMOTE_ADDR": "198.51.100.9"}).status_code == 200


# Checking on a letter -------------------------------------------------------------


def check(client, code):
    return client.post(reverse("columns:letter_status"), {"code": code})


def test_the_status_page_shows_received_for_a_new_letter(client, column):
    code = receipt_code(send(client, column))
    response = check(client, code.lower().replace("-", " "))
    assert response.status_code == 200
    assert "Received" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_code_gets_the_form_back_with_a_404(client, column):
    response = check(client, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG")
    assert response.status_code == 404
    assert "no letter with that code" in response.content.decode()
    assert 'name="code"' in response.content.decode()


@pytest.mark.parametrize("code", ["", "hello", "A" * 101, "<script>alert(1)</script>"])
def test_a_malformed_code_is_a_clear_400(client, code):
    response = check(client, code)
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()


def test_the_code_never_travels_in_a_url(client, column):
    code = receipt_code(send(client, column))
    page = client.get(reverse("columns:letter_status"), {"code": code})
    assert "Received" not in page.content.decode()
    form = check(client, code).content.decode()
    assert 'method="post"' in form
    assert code not in form


def test_both_readers_of_a_merged_letter_see_the_answer(
    client, column, editor, columnist
):
    first_code = receipt_code(send(client, column))
    second_code = receipt_code(send(client, column))
    first, second = Question.objects.order_by("id")
    workflow.mark_duplicate(second, of=first, by=editor)
    answer = workflow.assign(first, to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    workflow.publish(answer, by=editor)

    for code in (first_code, second_code):
        page = check(client, code).content.decode()
        assert "Answered" in page
        assert f'href="{answer.get_absolute_url()}"' in page
    assert client.get(answer.get_absolute_url()).status_code == 200


def test_status_checks_are_rate_limited(client, settings):
    settings.ADVICE_STATUS_CHECKS_PER_HOUR = 2
    for _ in range(2):
        assert check(client, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG").status_code == 404
    assert check(client, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG").status_code == 429


# Privacy --------------------------------------------------------------------------


def every_stored_value() -> str:
    """Every row of every table in the database, as text."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(rows)


def test_no_reader_identifier_is_stored_or_logged(client, column, caplog, editor):
    caplog.set_level(logging.DEBUG)
    address, agent = "203.0.113.199", "DistinctiveBrowser/9.87 (privacy-probe)"
    headers = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": agent}
    token = form_token(client, column)
    response = client.post(
        ask_url(column), {"text": LETTER, "form_token": token}, **headers
    )
    code = receipt_code(response)
    send(client, column, headers, text="")  # a refused one is logged as a 400
    check(client, code)
    workflow.shortlist(Question.objects.get(), by=editor)

    stored = every_stored_value()
    assert LETTER in stored  # the scan does see the letter...
    for identifier in (address, agent, code, code.replace("-", "")):
        assert identifier not in stored  # ...but nothing that identifies its reader
        assert identifier not in caplog.text


# Fuzzing --------------------------------------------------------------------------

field_values = st.one_of(
    st.text(max_size=6000),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["", " ", "\x00", "0", "-1", "9" * 30, "<script>", "' OR 1=1 --"]),
)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=field_values, sign_off=field_values, topic=field_values, website=st.just("")
)
def test_any_form_input_gives_a_page_or_a_4xx_never_a_500_or_half_a_letter(
    client, column, text, sign_off, topic, website
):
    before = Question.objects.count()
    data = {
        "text": text,
        "sign_off": sign_off,
        "topic": topic,
        "website": website,
        "form_token": intake.new_form_token(),
    }
    response = client.post(ask_url(column), data)
    assert response.status_code in {200, 400, 429}
    after = Question.objects.count()
    if response.status_code == 200:
        question = Question.objects.latest("id")
        assert after == before + 1
        assert question.receipt_digest and question.original_text
        assert len(question.original_text) <= 5000
        assert "\x00" not in question.original_text + question.sign_off
    else:
        assert after == before


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(code=field_values)
def test_any_typed_code_gives_a_page_or_a_4xx_never_a_500(client, code):
    response = check(client, code)
    assert response.status_code in {200, 400, 404, 429}
