"""A columnist and an editor take a letter to a scheduled answer in Chromium, two
people saving the same answer at once lose nothing, and the writing room: toolbar,
shortcuts, a preview that follows the caret, autosave, review at the top."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from columns import workflow
from columns.models import Answer
from columns.workflow import editing
from tests.e2e.conftest import DESKTOP, PHONE, RequestsInFlight
from tests.e2e.test_accessibility import serious_violations
from tests.factories import make_column, make_question, make_roles, make_user
from tests.seeds import seed_markdown

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
    # The page's scripts have run (the last one shows the word count).
    expect(page.locator("#word-count")).to_be_visible()


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
    # The connection is gone: the autosave never reaches the server.
    page.context.route("**/autosave/", lambda route: route.abort())
    sign_in(page, "sam", url)
    page.get_by_label("Answer", exact=True).fill("Typed, then the laptop died.")
    expect(page.locator("#body-status")).to_contain_text(
        "Could not save: no connection"
    )

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


# The writing room ---------------------------------------------------------------------

SELECT = """([start, end]) => {
  const body = document.getElementById("id_body");
  body.focus();
  body.setSelectionRange(start, end);
}"""


def put_text(page: Page, text: str, start: int, end: int | None = None) -> None:
    """Type-free: the body holds ``text`` with [start, end) selected."""
    body = page.get_by_label("Answer", exact=True)
    body.fill(text)
    page.evaluate(SELECT, [start, start if end is None else end])


def tool(page: Page, name: str) -> None:
    page.get_by_role("group", name="Formatting").get_by_role(
        "button", name=name, exact=True
    ).click()


def test_the_toolbar_and_shortcuts_write_the_markdown_the_site_renders(page, answer):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, "sam", f"/desk/answers/{answer.pk}/")
    body = page.get_by_label("Answer", exact=True)

    put_text(page, "Getting tested", 3)
    tool(page, "Heading")
    expect(body).to_have_value("## Getting tested")
    tool(page, "Subheading")
    expect(body).to_have_value("### Getting tested")

    put_text(page, "Say it plainly.", 7, 14)
    page.keyboard.press("Control+b")
    expect(body).to_have_value("Say it **plainly**.")
    page.keyboard.press("Control+b")  # again: off
    expect(body).to_have_value("Say it plainly.")
    page.keyboard.press("Control+i")
    expect(body).to_have_value("Say it _plainly_.")
    page.keyboard.type("gently")  # the selection was the word: typed over
    expect(body).to_have_value("Say it _gently_.")

    put_text(page, "Brook", 0, 5)
    page.keyboard.press("Control+k")
    page.keyboard.type("https://www.brook.org.uk/")
    expect(body).to_have_value("[Brook](https://www.brook.org.uk/)")

    put_text(page, "Lube\nCondoms", 0, 12)
    tool(page, "Checklist")
    expect(body).to_have_value("- [ ] Lube\n- [ ] Condoms")
    tool(page, "Numbered list")
    expect(body).to_have_value("1. Lube\n2. Condoms")
    tool(page, "List")
    expect(body).to_have_value("- Lube\n- Condoms")

    put_text(page, "Intro.", 6)
    tool(page, "Expert quote")
    page.keyboard.type("Most people never have symptoms.")
    expect(body).to_have_value(
        "Intro.\n\n> Most people never have symptoms.\n>\n> — Name, credentials"
    )
    preview = page.locator(".markdownx-preview")
    expect(preview.locator("blockquote.expert-quote .attribution")).to_have_text(
        "— Name, credentials"
    )

    put_text(page, "Most clear it.", 14)
    tool(page, "Footnote")
    page.keyboard.type("NHS figures, 2024.")
    expect(body).to_have_value("Most clear it.[^1]\n\n[^1]: NHS figures, 2024.")
    expect(preview.locator(".footnotes")).to_contain_text("NHS figures, 2024.")

    tool(page, "Video link")
    expect(page.get_by_label("Video episode")).to_be_focused()

    tool(page, "Shortcuts")
    help_box = page.locator("#shortcut-help")
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("Save (a new revision)")
    help_box.get_by_role("button", name="Close").click()
    expect(help_box).to_be_hidden()

    # The image button is the upload.
    with page.expect_file_chooser() as chooser:
        tool(page, "Image…")
    assert chooser.value.element.get_attribute("id") == "image-upload"
    assert errors == []


def test_the_word_count_full_screen_and_blocked_images(page, answer):
    sign_in(page, "sam", f"/desk/answers/{answer.pk}/")
    body = page.get_by_label("Answer", exact=True)
    body.fill("## Start\n\n" + "word " * 460)
    expect(page.locator("#word-count")).to_have_text("461 words · 2 min read")

    body.fill("Look: ![a chart](https://example.com/chart.png)")
    warning = page.locator("#image-warning")
    expect(warning).to_have_text(
        "Images from example.com won't load on the site: upload the image instead "
        "(the Image button)."
    )
    body.fill("Look: ![a chart](/media/answers/chart.png)")
    expect(warning).to_be_hidden()

    tool(page, "Full screen")
    room = page.locator("#writing-room")
    expect(room).to_have_class(re.compile(r"\bis-focused\b"))
    box = room.bounding_box()
    assert box and (box["x"], box["y"], box["width"], box["height"]) == (
        0,
        0,
        1280,
        900,
    )
    # Nothing else shows: where the letters were is the writing room.
    assert page.evaluate(
        "() => document.elementFromPoint(40, 600).closest('#writing-room') !== null"
    )
    page.keyboard.press("Escape")
    expect(room).not_to_have_class(re.compile(r"\bis-focused\b"))
    expect(body).to_be_focused()


def test_the_preview_follows_the_caret_through_a_3000_word_answer(
    page, answer, screenshot
):
    text = seed_markdown()
    Answer.objects.filter(pk=answer.pk).update(body=text)
    sign_in(page, "sam", f"/desk/answers/{answer.pk}/")
    body = page.get_by_label("Answer", exact=True)
    preview = page.locator(".markdownx-preview")
    last = preview.get_by_role("heading", name="Part Five: What should I watch + read?")
    expect(last).to_be_attached()

    # The box keeps its panel's height: it scrolls instead of growing.
    height = body.bounding_box()["height"]
    assert height < 900
    assert body.evaluate("b => b.scrollHeight") > 5 * height

    in_preview = """([heading, pane]) => {
      const h = heading.getBoundingClientRect(), p = pane.getBoundingClientRect();
      return h.top >= p.top && h.bottom <= p.bottom;
    }"""

    def shown(heading) -> bool:
        return page.evaluate(
            in_preview, [heading.element_handle(), preview.element_handle()]
        )

    # The caret in the last section, a few words after its heading.
    caret = text.index("## Part Five") + 60
    page.evaluate(SELECT, [caret, caret])
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """() => {
          const pane = document.querySelector(".markdownx-preview");
          const h = [...pane.querySelectorAll("h2")].pop();
          const a = h.getBoundingClientRect(), p = pane.getBoundingClientRect();
          return a.top >= p.top && a.bottom <= p.bottom;
        }"""
    )
    assert shown(last)
    first = preview.get_by_role("heading", name="Part One: Collect Information")
    assert not shown(first)
    screenshot("editor-long-answer", full_page=False)

    # Back to the start: the preview follows.
    page.evaluate(SELECT, [0, 0])
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.markdownx-preview').scrollTop === 0"
    )
    assert not shown(last)


def test_autosave_survives_a_closed_tab(page, open_page, answer, people, live_server):
    sam, _ = people
    url = f"/desk/answers/{answer.pk}/"
    sign_in(page, "sam", url)
    page.get_by_label("Answer", exact=True).fill("Typed before the tab was closed.")
    status = page.locator("#body-status")
    expect(status).to_have_text("Unsaved changes")
    expect(status).to_have_text(re.compile(r"^Saved automatically at \d\d:\d\d$"))
    page.close()
    RequestsInFlight.of(live_server).wait_until_quiet()  # its check-out beacon

    again = open_page(user=sam)
    again.goto(url)
    expect(again.get_by_label("Answer", exact=True)).to_have_value(
        "Typed before the tab was closed."
    )
    expect(again.locator("#body-status")).to_contain_text("Saved automatically at")
    answer.refresh_from_db()
    assert (answer.autosaved_by, answer.version) == (sam, 2)
    assert answer.revisions.count() == 1  # no revision until Save

    again.get_by_role("button", name="Save", exact=True).click()
    expect(again.locator(".messages")).to_contain_text("Saved as revision 2.")


def test_text_typed_just_before_leaving_is_saved_on_the_way_out(
    page, open_page, answer, people, live_server
):
    sam, _ = people
    url = f"/desk/answers/{answer.pk}/"
    sign_in(page, "sam", url)
    page.get_by_label("Answer", exact=True).fill("Typed, then straight out.")
    page.goto("about:blank")  # well before the autosave's few seconds
    # The beacon is handled while the test signs Sam in again: one at a time.
    RequestsInFlight.of(live_server).wait_until_quiet()

    again = open_page(user=sam)
    again.goto(url)
    expect(again.get_by_label("Answer", exact=True)).to_have_value(
        "Typed, then straight out."
    )


def test_a_stale_autosave_is_refused_and_the_typed_text_kept(page, second_page, answer):
    url = f"/desk/answers/{answer.pk}/"
    sign_in(page, "sam", url)
    sign_in(second_page, "ed", url)
    second_page.get_by_label("Answer", exact=True).fill("Ed's version.")
    second_page.get_by_role("button", name="Save", exact=True).click()
    expect(second_page.locator(".messages")).to_contain_text("Saved as revision 2.")

    body = page.get_by_label("Answer", exact=True)
    body.fill("Sam's words, typed with care.")
    conflict = page.locator("#autosave-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Ed Itor saved version 2 of this answer")
    expect(page.locator("#body-status")).to_contain_text("Could not save: Not saved:")
    expect(body).to_have_value("Sam's words, typed with care.")
    answer.refresh_from_db()
    assert answer.body == "Ed's version."

    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.get_by_role("heading", name="Your changes were not saved")
    ).to_be_visible()
    expect(body).to_have_value("Sam's words, typed with care.")


def test_the_change_request_is_on_top_and_the_bar_stays_in_reach(
    page, answer, people, screenshot
):
    sam, ed = people
    workflow.submit_for_review(answer, by=sam)
    workflow.request_changes(answer, by=ed, note="Add where to get tested.")
    editing.add_comment(answer, by=ed, body="The second part is long.")
    Answer.objects.filter(pk=answer.pk).update(body=seed_markdown())
    sign_in(page, "sam", f"/desk/answers/{answer.pk}/")

    request = page.get_by_role("region", name="Changes requested")
    expect(request).to_be_in_viewport()
    expect(request).to_contain_text("Ed Itor asked for changes on")
    expect(request).to_contain_text("Add where to get tested.")
    expect(request).to_contain_text("1 unresolved comment")
    screenshot("editor-change-request", full_page=False)

    bar = page.get_by_role("region", name="Save and review steps")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    save = bar.get_by_role("button", name="Save", exact=True)
    expect(save).to_be_in_viewport()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    expect(save).to_be_in_viewport()

    page.evaluate("window.scrollTo(0, 0)")
    bar.get_by_role("link", name="Submit for review…").click()
    note = page.locator("form.step-submit_for_review textarea")
    expect(note).to_be_focused()
    expect(note).to_be_in_viewport()
    note.fill("Added the clinics.")
    page.locator("form.step-submit_for_review").get_by_role(
        "button", name="Submit for review"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Submitted for review")
    expect(page.get_by_role("region", name="Changes requested")).to_have_count(0)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280 px", "375 px"])
def test_the_writing_room_has_no_serious_accessibility_violation(
    open_page, answer, people, viewport
):
    sam, ed = people
    workflow.submit_for_review(answer, by=sam)
    workflow.request_changes(answer, by=ed, note="Add where to get tested.")
    editing.add_comment(answer, by=ed, body="The second part is long.")
    Answer.objects.filter(pk=answer.pk).update(
        body=seed_markdown() + "\n![a chart](https://example.com/chart.png)\n"
    )
    page = open_page(user=sam, viewport=viewport)
    page.goto(f"/desk/answers/{answer.pk}/")
    expect(page.locator("#image-warning")).to_be_visible()
    expect(page.locator(".markdownx-preview h2").first).to_be_attached()
    assert serious_violations(page) == {}

    tool(page, "Full screen")
    assert serious_violations(page) == {}


def test_without_javascript_the_editor_is_the_plain_form(open_page, answer, people):
    sam, _ = people
    page = open_page(user=sam, java_script_enabled=False)
    page.goto(f"/desk/answers/{answer.pk}/")
    expect(page.get_by_role("group", name="Formatting")).to_be_hidden()
    page.get_by_label("Answer", exact=True).fill(
        "## Plainly\n\nWritten without scripts."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved as revision 2.")
    answer.refresh_from_db()
    assert answer.body == "## Plainly\n\nWritten without scripts."
