"""A columnist and an editor take a letter to a scheduled answer in Chromium, and two
people saving the same answer at once lose nothing."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from columns import workflow
from columns.models import Answer
from tests.factories import make_column, make_question, make_roles, make_user

PASSWORD = "correct horse battery"


@pytest.fixture
def second_page(open_page):
    """Another person's browser: a separate context, so separate cookies. Like
    ``page``, it leaves any open editor (and waits for its check-out) at the end."""
    return open_page()


@pytest.fixture
def people(transactional_db):
    make_roles()
    sam = make_user(role="Columnist", username="sam", public_name="Sam Writer")
    ed = make_user(role="Editor", username="ed", public_name="Ed Itor", is_staff=True)
    return sam, ed


@pytest.fixture
def answer(people) -> Answer:
    sam, ed = people
    column = make_column(name="Between the Sheets", slug="between-the-sheets")
    letter = make_question(
        column=column,
        headline="Slowing down",
        public_text="How do I tell my partner I want to slow down?",
    )
    return workflow.assign(letter, to=sam, by=ed)


def sign_in(page: Page, username: str, next_url: str) -> None:
    page.goto(next_url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#answer-form")).to_be_visible()


def take_step(page: Page, name: str, label: str, **fields: str) -> None:
    form = page.locator(f"form.step-{name}")
    for field_label, value in fields.items():
        form.get_by_label(field_label.replace("_", " ").capitalize()).fill(value)
    form.get_by_role("button", name=label).click()


def test_from_draft_to_a_scheduled_answer_that_appears_on_time(
    page, second_page, answer, screenshot, monkeypatch
):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    url = f"/desk/answers/{answer.pk}/"
    sign_in(page, "sam", url)
    body = page.get_by_label("Answer", exact=True)
    body.fill(
        "## Say it plainly\n\nTell them what you want.\n\n"
        "> Slowing down is part of consent.\n>\n> — Dr Amara Okafor, GP\n"
    )
    preview = page.locator(".markdownx-preview")
    expect(preview.locator("h2")).to_have_text("Say it plainly")
    expect(preview.locator("blockquote.expert-quote .attribution")).to_contain_text(
        "Dr Amara Okafor"
    )
    screenshot("editor-live-preview")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved as revision 2.")
    take_step(page, "submit_for_review", "Submit for review")
    expect(page.locator(".messages")).to_contain_text("Submitted for review")
    assert errors == []  # no script or style refused by the CSP, no failed request

    sign_in(second_page, "ed", url)
    take_step(
        second_page,
        "request_changes",
        "Request changes",
        what_should_change="Add where to get tested.",
    )
    expect(second_page.locator(".messages")).to_contain_text("Changes requested")

    page.reload()
    body = page.get_by_label("Answer", exact=True)
    body.fill(body.input_value() + "\n## Getting tested\n\nAny sexual health clinic.\n")
    expect(page.locator(".markdownx-preview h2").nth(1)).to_have_text("Getting tested")
    page.get_by_role("button", name="Save", exact=True).click()
    take_step(page, "submit_for_review", "Submit for review")
    expect(page.locator(".messages")).to_contain_text("Submitted for review")

    second_page.reload()
    take_step(second_page, "approve", "Approve")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    take_step(
        second_page, "schedule", "Schedule", date=tomorrow.isoformat(), time="09:00"
    )
    expect(second_page.locator(".messages")).to_contain_text("Scheduled")

    answer.refresh_from_db()
    public = answer.get_absolute_url()
    assert second_page.goto(public).status == 404
    monkeypatch.setattr(
        timezone, "now", lambda: answer.publish_at + dt.timedelta(seconds=1)
    )
    response = second_page.goto(public)
    assert response.status == 200
    expect(second_page.get_by_role("heading", level=1)).to_have_text(answer.title)
    expect(second_page.locator("body")).to_contain_text("Any sexual health clinic.")


def test_two_people_save_the_same_answer_and_the_second_keeps_its_text(
    page, second_page, answer, screenshot
):
    url = f"/desk/answers/{answer.pk}/"
    sign_in(second_page, "sam", url)
    sign_in(page, "ed", url)
    expect(page.locator("#presence")).to_contain_text("Also open by Sam Writer")

    second_page.get_by_label("Answer", exact=True).fill("Sam's version of it.")
    page.get_by_label("Answer", exact=True).fill("Ed's rewrite, typed with care.")
    second_page.get_by_role("button", name="Save", exact=True).click()
    expect(second_page.locator(".messages")).to_contain_text("Saved as revision 2.")

    page.get_by_role("button", name="Save", exact=True).click()
    conflict = page.get_by_role("heading", name="Your changes were not saved")
    expect(conflict).to_be_visible()
    expect(page.get_by_label("Answer", exact=True)).to_have_value(
        "Ed's rewrite, typed with care."
    )
    expect(page.locator(".conflict .word-diff del").first).to_have_text("Sam")
    expect(page.locator(".conflict .word-diff ins").first).to_be_visible()
    expect(page.locator("#presence")).to_contain_text("Also open by Sam Writer")
    screenshot("editor-conflict")
    answer.refresh_from_db()
    assert answer.body == "Sam's version of it."

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved as revision 3.")
    answer.refresh_from_db()
    assert answer.body == "Ed's rewrite, typed with care."


def test_text_that_was_never_saved_is_offered_back(page, second_page, answer):
    url = f"/desk/answers/{answer.pk}/"
    sign_in(page, "sam", url)
    page.get_by_label("Answer", exact=True).fill("Typed, then the laptop died.")
    page.wait_for_timeout(800)  # the copy is written 400 ms after typing stops

    again = page.context.new_page()
    again.goto(url)
    notice = again.locator("#draft-backup")
    expect(notice).to_be_visible()
    notice.get_by_role("button", name="Put it back in the form").click()
    expect(again.get_by_label("Answer", exact=True)).to_have_value(
        "Typed, then the laptop died."
    )
    again.get_by_role("button", name="Save", exact=True).click()
    expect(again.locator(".messages")).to_contain_text("Saved as revision 2.")
    answer.refresh_from_db()
    assert answer.body == "Typed, then the laptop died."


def test_images_are_inserted_from_the_button_and_refusals_are_explained(
    page, answer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    png = BytesIO()
    Image.new("RGB", (40, 30), "teal").save(png, "PNG")
    sign_in(page, "sam", f"/desk/answers/{answer.pk}/")
    body = page.get_by_label("Answer", exact=True)
    body.fill("Look:")
    chooser = page.get_by_label("Insert an image (JPEG, PNG or WebP)")

    chooser.set_input_files(
        files=[{"name": "drawing.svg", "mimeType": "image/png", "buffer": b"<svg/>"}]
    )
    expect(page.locator("#upload-status")).to_contain_text("isn't a JPEG, PNG or WebP")
    expect(body).to_have_value("Look:")

    chooser.set_input_files(
        files=[{"name": "chart.png", "mimeType": "image/png", "buffer": png.getvalue()}]
    )
    expect(page.locator("#upload-status")).to_contain_text("Image inserted")
    expect(body).to_have_value(
        re.compile(
            r"Look:\n!\[Describe the image\]\(/media/answers/[0-9a-f]{32}\.png\)"
        )
    )
