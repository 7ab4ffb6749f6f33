"""A visitor finds answers in Chromium: from the home page, a topic page and search;
passes a content notice; plays a video; gets suggestions while writing a letter."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import (
    make_column,
    make_content_warning,
    make_published_answer,
    make_question,
)


def build_archive() -> None:
    column = make_column(name="Between the Sheets", slug="between-the-sheets")
    make_published_answer(
        column=column,
        title="How to ask your partner to try something new",
        questions=[
            make_question(
                column=column,
                headline="Bored but scared to say",
                public_text="I want to suggest something new in bed but I'm scared.",
            )
        ],
        body="## Start small\n\nTalk outside the bedroom first.",
        topics=("communication",),
        video_url="https://youtu.be/dQw4w9WgXcQ",
    )
    make_published_answer(
        column=column,
        title="Toys for two: a frank guide",
        body="## The guide\n\nExplicit detail about vibrators.",
        topics=("communication",),
        warnings=(make_content_warning(label="Sexual content", is_nsfw=True),),
    )


def test_a_visitor_finds_answers_by_browsing_topics_and_search(
    page, transactional_db, screenshot
):
    build_archive()
    page.route(
        re.compile(r"https://(www\.youtube-nocookie\.com|.*vimeo)"),
        lambda route: route.abort(),
    )

    page.goto("/")
    page.get_by_role(
        "link", name="How to ask your partner to try something new"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How to ask your partner to try something new"
    )
    expect(page.get_by_role("heading", name="Bored but scared to say")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    page.get_by_role("link", name="Play the video on YouTube").click()
    expect(page.locator("iframe")).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ")
    )
    screenshot("archive-answer")

    page.get_by_role("link", name="communication").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("communication")
    page.get_by_role("link", name="Toys for two: a frank guide").click()
    expect(page.get_by_role("heading", name="Content notice")).to_be_visible()
    expect(page.get_by_text("Explicit detail about vibrators.")).to_have_count(0)
    screenshot("archive-content-notice")
    page.get_by_label("Don't ask again on this device").check()
    page.get_by_role("link", name="Show the answer").click()
    expect(page.get_by_text("Explicit detail about vibrators.")).to_be_visible()

    page.get_by_label("Search answers").fill("vibrators")
    page.get_by_label("Search answers").press("Enter")
    expect(page.get_by_role("heading", name="Results for “vibrators”")).to_be_visible()
    expect(page.locator("mark")).to_have_count(0)  # a notice hides its snippet
    page.get_by_role("link", name="Toys for two: a frank guide").click()
    # The remembered choice skips the notice.
    expect(page.get_by_text("Explicit detail about vibrators.")).to_be_visible()
    assert page.url.endswith("/read/")
    assert page.context.cookies() == []
    screenshot("archive-search")


def test_a_reader_sees_answers_close_to_the_letter_while_writing(
    page, transactional_db
):
    build_archive()
    page.goto("/columns/between-the-sheets/ask/")
    page.get_by_label("Your question").fill(
        "How do I ask my partner to try something new? I'm scared to say it."
    )
    suggestions = page.locator("[data-suggestions-results]")
    expect(suggestions).to_contain_text("How to ask your partner to try something new")
    assert "scared" not in page.url


def test_public_pages_pass_an_accessibility_audit(page, transactional_db):
    build_archive()
    axe = Axe()
    for url in [
        "/",
        "/columns/between-the-sheets/",
        "/columns/between-the-sheets/how-to-ask-your-partner-to-try-something-new/",
        "/columns/between-the-sheets/toys-for-two-a-frank-guide/",
        "/topics/communication/",
        "/search/?q=partner",
        "/search/?q=nothing",
        "/archive/",
        "/columns/between-the-sheets/ask/",
    ]:
        page.goto(url)
        results = axe.run(page)
        assert results.violations_count == 0, (url, results.generate_report())
