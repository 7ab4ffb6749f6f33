"""Bulk actions from the review queue: a confirmation step, then all or nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from columns import workflow
from columns.models import Answer, AuditEntry, Question
from tests.factories import make_question, make_questions

pytestmark = pytest.mark.django_db
Status = Question.Status
BULK = "/desk/queue/bulk/"


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def ids(letters) -> list[int]:
    return [letter.pk for letter in letters]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_bulk_url_is_the_queues():
    assert reverse("desk:bulk") == BULK


def test_the_first_step_asks_for_confirmation_and_changes_nothing(desk):
    letters = make_questions(3)
    response = desk.post(BULK, {"letters": ids(letters), "action": "decline"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Confirm: decline 3 letters" in page
    assert 'name="confirmed" value="1"' in page
    assert all(f"#{letter.pk} Letter" in page for letter in letters)
    assert set(Question.objects.values_list("status", flat=True)) == {Status.NEW}


@pytest.mark.parametrize(
    ("action", "extra", "status", "message"),
    [
        ("shortlist", {}, Status.SHORTLISTED, "3 letters shortlisted."),
        ("decline", {"note": "Off topic."}, Status.DECLINED, "3 letters declined."),
        ("mark_spam", {}, Status.SPAM, "3 letters marked as spam."),
        ("tag", {"topics": "Trust, jealousy"}, Status.NEW, "3 letters tagged."),
    ],
)
def test_a_confirmed_bulk_action_applies_to_all_and_returns_to_the_queue(
    desk, action, extra, status, message
):
    letters = make_questions(3)
    back = "/desk/queue/?status=all&sort=newest"
    response = desk.post(
        BULK,
        {
            "letters": ids(letters),
            "action": action,
            "confirmed": "1",
            "return_to": back,
            **extra,
        },
    )
    assert response.status_code == 302
    assert response.url == back
    assert set(Question.objects.values_list("status", flat=True)) == {status}
    assert AuditEntry.objects.filter(action=action).count() == 3
    assert messages_of(desk.get(back)) == [message]


def test_bulk_assignment_asks_for_the_columnist_then_assigns(desk, columnist):
    letters = make_questions(2)
    data = {"letters": ids(letters), "action": "assign", "confirmed": "1"}
    missing = desk.post(BULK, data)
    assert missing.status_code == 400
    assert "Choose the columnist." in missing.content.decode()

    response = desk.post(BULK, {**data, "columnist": columnist.pk, "together": "on"})
    assert response.status_code == 302
    assert Answer.objects.get().letters.count() == 2
    assert messages_of(desk.get(response.url)) == [
        f"2 letters assigned to {columnist}."
    ]


def test_bulk_tagging_needs_a_topic(desk):
    letters = make_questions(1)
    response = desk.post(
        BULK, {"letters": ids(letters), "action": "tag", "confirmed": "1"}
    )
    assert response.status_code == 400
    assert "Name at least one topic to add." in response.content.decode()


def test_the_confirmation_shows_which_letters_would_be_refused(desk, editor):
    letters = make_questions(3)
    workflow.decline(letters[1], by=editor)
    response = desk.post(BULK, {"letters": ids(letters), "action": "shortlist"})
    page = response.content.decode()
    assert "1 of these letters can't be changed this way" in page
    assert "Go on with the other 2" in page
    assert [letter.pk for letter in response.context["allowed"]] == [
        letters[0].pk,
        letters[2].pk,
    ]


def test_mixing_allowed_and_refused_letters_changes_nothing_and_says_which_and_why(
    desk, editor
):
    letters = make_questions(3)
    workflow.mark_spam(letters[2], by=editor)
    response = desk.post(
        BULK, {"letters": ids(letters), "action": "decline", "confirmed": "1"}
    )
    assert response.status_code == 409
    (message,) = messages_of(response)
    assert message.startswith("Nothing was changed: 1 letter was refused.")
    assert (
        f"#{letters[2].pk} “Letter 3”: Can't decline this letter: it is spam" in message
    )
    statuses = list(Question.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["new", "new", "spam"]
    assert not AuditEntry.objects.filter(action="decline").exists()


def test_a_long_refusal_names_the_first_ten_and_counts_the_rest(desk, editor):
    letters = make_questions(14)
    workflow.bulk_move("decline", letters, by=editor)
    response = desk.post(
        BULK, {"letters": ids(letters), "action": "shortlist", "confirmed": "1"}
    )
    (message,) = messages_of(response)
    assert message.startswith("Nothing was changed: 14 letters were refused.")
    assert message.endswith("; and 4 more.")


def test_ticking_nothing_goes_back_to_the_queue_with_a_message(desk):
    response = desk.post(BULK, {"action": "shortlist"}, follow=True)
    assert response.redirect_chain == [(reverse("desk:queue"), 302)]
    assert messages_of(response) == ["Tick at least one letter, then choose an action."]


@pytest.mark.parametrize(
    ("letters", "error"),
    [
        (["999999"], "Letter 999999 does not exist."),
        (["abc"], "“abc” is not a letter number."),
        (["1", "1;DROP"], "is not a letter number"),
    ],
)
def test_forged_letter_ids_are_a_400_and_change_nothing(desk, letters, error):
    make_question()
    response = desk.post(
        BULK, {"letters": letters, "action": "decline", "confirmed": "1"}
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_an_unknown_action_is_a_400(desk):
    letters = make_questions(1)
    response = desk.post(BULK, {"letters": ids(letters), "action": "delete"})
    assert response.status_code == 400


def test_more_than_500_letters_at_once_are_refused(desk):
    letters = make_questions(501)
    response = desk.post(BULK, {"letters": ids(letters), "action": "shortlist"})
    assert response.status_code == 400
    assert "At most 500 letters at once (you ticked 501)." in response.content.decode()


def test_a_return_address_off_the_queue_is_ignored(desk):
    letters = make_questions(1)
    response = desk.post(
        BULK,
        {
            "letters": ids(letters),
            "action": "shortlist",
            "confirmed": "1",
            "return_to": "https://evil.example/desk/queue/",
        },
    )
    assert response.url == reverse("desk:queue")


@pytest.mark.parametrize("action", ["decline", "tag"])
def test_a_bulk_action_on_500_letters_takes_a_bounded_number_of_queries(desk, action):
    letters = make_questions(500)
    data = {
        "letters": ids(letters),
        "action": action,
        "confirmed": "1",
        "topics": "Trust",
    }
    with CaptureQueriesContext(connection) as queries:
        response = desk.post(BULK, data)
    assert response.status_code == 302
    assert len(queries) <= 30
    assert AuditEntry.objects.filter(action=action).count() == 500


def test_the_confirmation_of_500_letters_takes_a_bounded_number_of_queries(desk):
    letters = make_questions(500)
    with CaptureQueriesContext(connection) as queries:
        response = desk.post(BULK, {"letters": ids(letters), "action": "shortlist"})
    assert response.status_code == 200
    assert len(queries) <= 10
