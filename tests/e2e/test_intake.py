"""A reader sends a letter in Chromium, keeps the receipt code and checks on it."""

import re

from playwright.sync_api import expect

from columns.models import Question, Topic
from tests.factories import make_column

LETTER = (
    "My girlfriend and I have been together a year. She wants to move in and I "
    "love her, but I'm scared of losing my own space. How do I say so kindly?"
)


def test_a_reader_sends_a_letter_keeps_the_code_and_checks_on_it(
    page, transactional_db, screenshot
):
    column = make_column(name="Between the Sheets", slug="between-the-sheets")
    column.topics.add(Topic.objects.create(name="Living together", slug="living"))

    page.goto("/ask/")
    page.get_by_role("link", name="Write to Between the Sheets").click()
    page.get_by_label("Your question").fill(LETTER)
    page.get_by_label("Sign it as (optional)").fill("Torn in Turin")
    page.get_by_label("Topic (optional)").select_option(label="Living together")
    screenshot("ask-form")
    page.get_by_role("button", name="Send my question").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    code = page.locator(".receipt").inner_text().strip()
    assert re.fullmatch(r"([A-Z2-7]{4}-){6}[A-Z2-7]{4}", code)
    assert code not in page.url
    screenshot("ask-received")
    question = Question.objects.get()
    assert (question.sign_off, list(question.topics.names())) == (
        "Torn in Turin",
        ["Living together"],
    )

    page.get_by_role("link", name="Check on your letter").first.click()
    page.get_by_label("Your receipt code").fill(code.lower())
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("Received")
    assert code not in page.url
    screenshot("letter-status")
