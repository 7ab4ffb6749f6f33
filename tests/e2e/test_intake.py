"""A reader sends a letter in Chromium, keeps the receipt code and checks on it."""

import re

from playwright.sync_api import expect

from columns.models import Question, Topic
from tests.e2e.conftest import PHONE
from tests.factories import make_column, make_published_answer, make_question

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


def send_a_letter(page) -> str:
    """Send LETTER to Between the Sheets and return the receipt code shown."""
    page.goto("/columns/between-the-sheets/ask/")
    page.get_by_label("Your question").fill(LETTER)
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    return page.locator(".receipt").inner_text().strip()


def test_on_a_phone_the_suggestions_come_before_the_send_button(
    open_page, transactional_db, screenshot
):
    column = make_column(name="Between the Sheets", slug="between-the-sheets")
    letter = make_question(
        column=column, public_text="I want to suggest something new but I'm scared."
    )
    make_published_answer(
        column=column,
        title="How to ask your partner to try something new",
        questions=[letter],
        body="## Start small\n\nTalk outside the bedroom first.",
    )
    page = open_page(viewport=PHONE)
    page.goto("/columns/between-the-sheets/ask/")
    page.get_by_label("Your question").fill(
        "How do I ask my partner to try something new? I'm scared to say it."
    )
    expect(page.locator("[data-suggestions-results]")).to_contain_text(
        "How to ask your partner to try something new"
    )
    suggestions = page.locator(".suggestions").bounding_box()
    send = page.get_by_role("button", name="Send my question").bounding_box()
    assert suggestions["y"] < send["y"]
    assert suggestions["y"] + suggestions["height"] <= send["y"]
    screenshot("ask-form-phone", of=page)


def test_the_reader_copies_the_receipt_code_with_one_click(open_page, transactional_db):
    make_column(name="Between the Sheets", slug="between-the-sheets")
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    code = send_a_letter(page)
    page.get_by_role("button", name="Copy").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Copied")
    expect(page.locator("[data-copy-status]")).to_have_attribute("role", "status")
    assert page.evaluate("navigator.clipboard.readText()") == code


def test_without_javascript_the_code_is_plain_text_and_no_copy_button(
    open_page, transactional_db
):
    make_column(name="Between the Sheets", slug="between-the-sheets")
    page = open_page(java_script_enabled=False)
    code = send_a_letter(page)
    assert re.fullmatch(r"([A-Z2-7]{4}-){6}[A-Z2-7]{4}", code)
    expect(page.get_by_role("button", name="Copy")).to_be_hidden()
