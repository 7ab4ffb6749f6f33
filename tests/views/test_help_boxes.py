"""Where readers see help resources: the receipt and status of a safety-flagged
letter, and answers whose content warnings call for help."""

import re

import pytest
from django.urls import reverse

from columns.models import HelpResource
from tests.factories import (
    make_column,
    make_content_warning,
    make_help_resource,
    make_published_answer,
)
from tests.views.test_intake import receipt_code, send

pytestmark = pytest.mark.django_db

Help = HelpResource.Category


@pytest.fixture
def column():
    return make_column()


@pytest.fixture
def lines():
    make_help_resource(
        name="Emergency services", category=Help.EMERGENCY, country="GB", phone="999"
    )
    make_help_resource(
        name="Samaritans",
        category=Help.SELF_HARM,
        country="GB",
        phone="116 123",
        url="https://www.samaritans.org",
        position=1,
    )
    make_help_resource(
        name="National Domestic Abuse Helpline",
        category=Help.ABUSE,
        country="GB",
        phone="0808 2000 247",
    )
    make_help_resource(
        name="Shout",
        category=Help.SELF_HARM,
        country="GB",
        phone="",
        text_number="85258",
        text_keyword="SHOUT",
        position=2,
    )


def help_box(page: str) -> str:
    found = re.search(r'<section class="notice help-box".*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_a_flagged_letter_is_shown_the_lines_for_what_it_speaks_of(
    client, column, lines
):
    response = send(client, column, text="Some nights I think about suicide a lot.")
    box = help_box(response.content.decode())
    assert "your local emergency number" in box  # the message of the settings
    assert box.index("Emergency services") < box.index("Samaritans")
    assert '<a href="tel:999">999</a>' in box
    assert '<a href="tel:116123">116 123</a>' in box
    assert '<a href="https://www.samaritans.org">Samaritans</a>' in box
    assert 'Text SHOUT to <a href="sms:85258">85258</a>' in box
    assert "Domestic Abuse" not in box


def test_a_letter_about_abuse_is_shown_the_abuse_line_not_the_crisis_line(
    client, column, lines
):
    response = send(client, column, text="My boyfriend hits me when he is angry.")
    box = help_box(response.content.decode())
    assert "National Domestic Abuse Helpline" in box
    assert "Samaritans" not in box


def test_an_ordinary_letter_gets_no_help_box(client, column, lines):
    assert help_box(send(client, column).content.decode()) == ""


def test_the_status_of_a_flagged_letter_shows_the_help_again(client, column, lines):
    sent = send(client, column, text="I have been hurting myself again lately.")
    status = client.post(reverse("columns:letter_status"), {"code": receipt_code(sent)})
    box = help_box(status.content.decode())
    assert "Samaritans" in box and "Domestic Abuse" not in box


def test_the_status_of_an_ordinary_letter_shows_no_help(client, column, lines):
    sent = send(client, column)
    status = client.post(reverse("columns:letter_status"), {"code": receipt_code(sent)})
    assert status.status_code == 200
    assert help_box(status.content.decode()) == ""


def test_an_answer_on_self_harm_ends_with_the_lines_for_it(client, lines):
    warning = make_content_warning(label="Self-harm", help_category=Help.SELF_HARM)
    answer = make_published_answer(warnings=(warning,))
    box = help_box(client.get(answer.get_absolute_url()).content.decode())
    assert "these services can help" in box
    assert box.index("Emergency services") < box.index("Samaritans")
    assert "Domestic Abuse" not in box


def test_an_answer_on_another_subject_has_no_help_box(client, lines):
    warning = make_content_warning(label="Medical detail")
    answer = make_published_answer(warnings=(warning,))
    page = client.get(answer.get_absolute_url()).content.decode()
    assert help_box(page) == ""


def test_an_answer_shows_only_the_lines_its_column_chose(client, lines):
    warning = make_content_warning(label="Domestic abuse", help_category=Help.ABUSE)
    answer = make_published_answer(warnings=(warning,))
    answer.column.help_resources.set(
        HelpResource.objects.filter(name="National Domestic Abuse Helpline")
    )
    box = help_box(client.get(answer.get_absolute_url()).content.decode())
    assert "National Domestic Abuse Helpline" in box
    assert "Emergency services" not in box


def test_a_letter_flagged_with_no_lines_kept_still_gets_the_message(client, column):
    response = send(client, column, text="I have been thinking about suicide a lot.")
    box = help_box(response.content.decode())
    assert "your local emergency number" in box and "<h3>" not in box
