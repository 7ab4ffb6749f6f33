"""Steps of the editor page in Chromium: an editor moves a scheduled answer to a new
time, and a columnist puts a roundup's letters in another order with the buttons."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from columns import workflow
from columns.models import Answer
from tests.factories import make_column, make_question, make_user


@pytest.fixture
def people(transactional_db):
    sam = make_user(role="Columnist", username="sam", public_name="Sam Writer")
    ed = make_user(role="Editor", username="ed", public_name="Ed Itor", is_staff=True)
    return sam, ed


def roundup(sam, ed) -> Answer:
    column = make_column(name="Between the Sheets", slug="between-the-sheets")
    headlines = ["Slowing down", "Saying yes", "Starting over"]
    letters = [
        make_question(
            column=column,
            headline=headline,
            public_text=f"A letter about {headline.lower()}, in a few words.",
        )
        for headline in headlines
    ]
    answer = workflow.assign(letters[0], to=sam, by=ed)
    for letter in letters[1:]:
        workflow.assign(letter, to=sam, by=ed, answer=answer)
    return answer


def test_an_editor_reschedules_a_scheduled_answer(open_page, people):
    sam, ed = people
    answer = roundup(sam, ed)
    workflow.submit_for_review(answer, by=sam)
    workflow.approve(answer, by=ed)
    zone = timezone.get_default_timezone()
    first = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=2), dt.time(8, 0), tzinfo=zone
    )
    workflow.publish(answer, by=ed, at=first)
    page = open_page(ed)
    page.goto(f"/desk/answers/{answer.pk}/")
    status = page.locator(".status-line")
    expect(status).to_contain_text(f"goes live {first:%-d %b %Y}, 08:00")

    day = timezone.localdate() + dt.timedelta(days=6)
    form = page.locator("form.step-reschedule")
    form.get_by_label("Date").fill(day.isoformat())
    form.get_by_label("Time").fill("17:45")
    form.get_by_role("button", name="Reschedule").click()

    expect(page.locator(".messages")).to_contain_text(
        f"Rescheduled: it goes live on {day:%-d %B %Y} at 17:45"
    )
    expect(status).to_contain_text(f"goes live {day:%-d %b %Y}, 17:45")
    answer.refresh_from_db()
    assert answer.publish_at == dt.datetime.combine(day, dt.time(17, 45), tzinfo=zone)
    assert answer.is_scheduled()


def test_a_columnist_reorders_a_roundups_letters_and_the_preview_follows(
    open_page, people
):
    sam, ed = people
    answer = roundup(sam, ed)
    page = open_page(sam)
    page.goto(f"/desk/answers/{answer.pk}/")
    cards = page.locator("aside.letters .letter-card h3")
    expect(cards).to_have_text(["1. Slowing down", "2. Saying yes", "3. Starting over"])

    third = page.locator("aside.letters .letter-card").nth(2)
    third.get_by_role("button", name="Move up").click()
    expect(page.locator(".messages")).to_contain_text("moved up")
    expect(cards).to_have_text(["1. Slowing down", "2. Starting over", "3. Saying yes"])
    first = page.locator("aside.letters .letter-card").nth(0)
    first.get_by_role("button", name="Move down").click()
    expect(cards).to_have_text(["1. Starting over", "2. Slowing down", "3. Saying yes"])
    # The ends have no button that would do nothing.
    expect(
        page.locator("aside.letters .letter-card")
        .nth(0)
        .get_by_role("button", name="Move up")
    ).to_have_count(0)

    page.goto(f"/desk/answers/{answer.pk}/preview/")
    expect(page.locator("section.letters .letter-headline")).to_have_text(
        ["Starting over", "Slowing down", "Saying yes"]
    )
