"""The whole journey of a letter, in Chromium, with four people in four browsers:
two readers write in, an editor triages and assigns, a columnist answers, the editor
reviews and schedules, and when the time comes everyone can read the answer."""

import datetime as dt
import re

import feedparser
from django.utils import timezone
from playwright.sync_api import Page, expect

from columns.models import Answer, Question, Topic
from tests.factories import make_column, make_user

PASSWORD = "correct horse battery"  # tests.factories.make_user's
LETTER_A = (
    "My girlfriend and I have been together three years and I'd love to try a "
    "blindfold in bed, but I'm scared she will think I'm strange. You can reach me "
    "at robin.h@example.com if you need more. How do I bring it up kindly?"
)
LETTER_A_EDITED = (
    "My girlfriend and I have been together three years and I'd love to try a "
    "blindfold in bed, but I'm scared she will think I'm strange. How do I bring "
    "it up kindly?"
)
LETTER_B = (
    "I'd love to try a blindfold in bed with my girlfriend but I'm scared she will "
    "think I'm strange for asking. How do I bring it up?"
)
FIRST_DRAFT = """Dear Blindfolded,

Wanting to try something new isn't strange: it's one of the most common letters we get.

## Start outside the bedroom

Pick a calm moment, not the middle of sex, and say it as an invitation:

- what you'd like to try, in plain words
- why it appeals to you
- that "no" is a fine answer

> Curiosity shared early and kindly is rarely heard as criticism.
>
> — Dr Amara Okafor, psychosexual therapist
"""
REVISION = """
## If she says no

Thank her for listening, and leave the door open without pushing.
"""


def sign_in(page: Page, url: str, username: str) -> None:
    """Go to a desk page; the desk asks for a sign-in first and then goes there."""
    page.goto(url)
    expect(page).to_have_url(re.compile(r"/desk/login/\?next="))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))


def write_in(page: Page, column_slug: str, text: str, sign_off: str) -> str:
    """A reader sends a letter; the receipt code they keep."""
    page.goto(f"/columns/{column_slug}/ask/")
    page.get_by_label("Your question").fill(text)
    page.get_by_label("Sign it as (optional)").fill(sign_off)
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    return page.locator(".receipt").inner_text().strip()


def check_status(page: Page, code: str):
    """A reader types their code on the status page; the status shown."""
    page.goto("/ask/status/")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check").click()
    return page.get_by_role("status")


def take_step(page: Page, step: str, button: str, **fields: str) -> None:
    """Fill and send one of the answer editor's review and publication forms."""
    form = page.locator(f"form.step-{step}")
    for label, value in fields.items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name=button).click()


def test_a_letter_becomes_a_scheduled_answer_that_both_readers_find(
    open_page, monkeypatch, screenshot
):
    column = make_column(name="Between the Sheets", slug="between-the-sheets")
    Topic.objects.create(name="Communication", slug="communication")
    make_user(role="Editor", username="jo", public_name="Jo Marlow", is_staff=True)
    make_user(role="Columnist", username="sam", public_name="Sam Achterberg")
    reader_a, reader_b, editor, columnist = (open_page() for _ in range(4))

    # Two readers write in; each keeps the receipt code.
    code_a = write_in(reader_a, column.slug, LETTER_A, "Blindfolded in Bristol")
    code_b = write_in(reader_b, column.slug, LETTER_B, "Shy")
    assert code_a != code_b
    letter_a = Question.objects.get(sign_off="Blindfolded in Bristol")
    letter_b = Question.objects.get(sign_off="Shy")
    expect(check_status(reader_a, code_a)).to_contain_text("Received")

    # The editor triages A: edits it for anonymity, adds topics, merges B, assigns.
    sign_in(editor, f"/desk/letters/{letter_a.pk}/", "jo")
    checks = editor.locator("#text-checks")
    expect(checks.locator("mark.hit-email").first).to_have_text("robin.h@example.com")
    editor.get_by_label("Headline").fill("A blindfold, and how to ask for it")
    editor.get_by_label("Public text").fill(LETTER_A_EDITED)
    expect(checks.locator(".hit-summary")).to_have_attribute("data-hit-count", "0")
    editor.get_by_label("Communication").check()
    editor.get_by_label("Add new topics").fill("Trying new things")
    editor.get_by_role("button", name="Save the letter").click()
    expect(editor.get_by_role("status").first).to_contain_text(
        "Saved the headline, public text, topics."
    )
    editor.get_by_label(f"Merge #{letter_b.pk} into this letter").check()
    editor.get_by_role("button", name="Merge the ticked letters into this one").click()
    expect(editor.get_by_role("status").first).to_contain_text(
        "Merged 1 letter into this one"
    )
    editor.get_by_label("Columnist", exact=True).select_option(label="Sam Achterberg")
    editor.get_by_role("button", name="Assign", exact=True).click()
    expect(editor.get_by_role("status").first).to_contain_text(
        "assigned to Sam Achterberg"
    )
    screenshot("journey-triaged", of=editor)
    answer = Answer.objects.get()
    assert (answer.title, list(answer.letters.values_list("question", flat=True))) == (
        "A blindfold, and how to ask for it",
        [letter_a.pk],
    )
    editor_url = f"/desk/answers/{answer.pk}/"

    # The columnist drafts in Markdown and sees the live preview.
    sign_in(columnist, editor_url, "sam")
    expect(columnist.locator(".letter-card")).to_contain_text("How do I bring it up")
    expect(columnist.locator(".letter-card")).not_to_contain_text("robin.h@")
    body = columnist.get_by_label("Answer", exact=True)
    body.fill(FIRST_DRAFT)
    preview = columnist.locator(".markdownx-preview")
    expect(preview.locator("h2")).to_have_text("Start outside the bedroom")
    expect(preview.locator("blockquote.expert-quote .attribution")).to_contain_text(
        "Dr Amara Okafor"
    )
    columnist.get_by_label("Summary").fill("Say it outside the bedroom, as a question.")
    columnist.get_by_label("Topics").fill("Communication, Trying new things")
    columnist.get_by_role("button", name="Save", exact=True).click()
    expect(columnist.locator(".messages")).to_contain_text("Saved as revision 2.")
    take_step(columnist, "submit_for_review", "Submit for review")
    expect(columnist.locator(".messages")).to_contain_text("Submitted for review")

    # The editor comments and asks for changes.
    editor.goto(editor_url)
    editor.get_by_label("Comment", exact=True).fill("Lovely. Say what to do if no.")
    editor.get_by_role("button", name="Add comment").click()
    expect(editor.locator(".messages")).to_contain_text("Comment added.")
    take_step(
        editor,
        "request_changes",
        "Request changes",
        **{"What should change": "Add a section on hearing no."},
    )
    expect(editor.locator(".messages")).to_contain_text("Changes requested")

    # The columnist reads the comment, revises and sends it back.
    columnist.reload()
    expect(columnist.locator(".answer-comments")).to_contain_text(
        "Say what to do if no."
    )
    body = columnist.get_by_label("Answer", exact=True)
    body.fill(body.input_value() + REVISION)
    expect(preview.locator("h2").nth(1)).to_have_text("If she says no")
    columnist.get_by_role("button", name="Save", exact=True).click()
    expect(columnist.locator(".messages")).to_contain_text("Saved as revision 3.")
    take_step(columnist, "submit_for_review", "Submit for review")
    expect(columnist.locator(".messages")).to_contain_text("Submitted for review")

    # The editor approves it and schedules it for a few minutes from now.
    editor.reload()
    take_step(editor, "approve", "Approve")
    expect(editor.locator(".messages")).to_contain_text("Approved")
    goes_live = timezone.localtime() + dt.timedelta(minutes=5)
    take_step(
        editor,
        "schedule",
        "Schedule",
        Date=goes_live.date().isoformat(),
        Time=goes_live.strftime("%H:%M"),
    )
    expect(editor.locator(".messages")).to_contain_text("Scheduled")
    screenshot("journey-scheduled", of=editor)
    answer.refresh_from_db()
    assert answer.publish_at > timezone.now()
    public_url = answer.get_absolute_url()

    # Before its time it is nowhere. (Only uncached responses are asked for here:
    # the public-page cache lives in real time, and its lifetime is capped at the
    # next publication by columns.pagecache, tested in tests/test_pagecache.py.)
    assert reader_b.goto(public_url).status == 404
    expect(check_status(reader_a, code_a)).to_contain_text("Being considered")

    # The time comes: the live server runs in this process, so its clock moves.
    later = answer.publish_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    reader_a.goto("/")
    reader_a.get_by_role("link", name=answer.title).first.click()
    expect(reader_a.get_by_role("heading", level=1)).to_have_text(answer.title)
    expect(reader_a.locator(".letters")).to_contain_text(LETTER_A_EDITED)
    expect(reader_a.locator(".answer-body h2")).to_have_text(
        ["Start outside the bedroom", "If she says no"]
    )
    expect(reader_a.locator(".byline")).to_contain_text("Sam Achterberg")
    screenshot("journey-published", of=reader_a)

    reader_a.locator(".answer-footer").get_by_role("link", name="Communication").click()
    expect(reader_a.get_by_role("heading", level=1)).to_have_text("Communication")
    expect(reader_a.get_by_role("link", name=answer.title)).to_be_visible()

    reader_a.get_by_label("Search answers").fill("blindfold")
    reader_a.get_by_label("Search answers").press("Enter")
    expect(
        reader_a.get_by_role("heading", name="Results for “blindfold”")
    ).to_be_visible()
    expect(reader_a.get_by_role("link", name=answer.title)).to_be_visible()

    feed = reader_a.request.get("/feed/")
    assert feed.ok
    entries = feedparser.parse(feed.body()).entries
    assert [entry.title for entry in entries] == [answer.title]
    assert entries[0].link.endswith(public_url)

    # Both readers' codes now lead to the answer, B's through the merge.
    for reader, code in [(reader_a, code_a), (reader_b, code_b)]:
        expect(check_status(reader, code)).to_contain_text("Answered")
        link = reader.get_by_role("status").get_by_role("link", name=answer.title)
        expect(link).to_have_attribute("href", public_url)
        assert code not in reader.url
    reader_b.get_by_role("status").get_by_role("link", name=answer.title).click()
    expect(reader_b.get_by_role("heading", level=1)).to_have_text(answer.title)
    screenshot("journey-reader-b-status", of=reader_b)
