"""A reviewer comments on a sentence of the answer in Chromium, the text above it
changes, and the comment still points at the same words; a passage picked in the
preview points at its Markdown."""

import pytest
from playwright.sync_api import Page, expect

from columns import workflow
from columns.models import ReviewComment
from columns.workflow import editing
from tests.factories import make_draft, make_question, make_roles, make_user

SENTENCE = "Use plenty of water-based lube."
BEFORE = "\n\n".join(
    f"Paragraph {number} says something about going slowly and talking first."
    for number in range(1, 40)
)
BODY = (
    "## Getting started\n\n"
    f"{BEFORE}\n\n"
    f"With condoms: {SENTENCE}\n\n"
    "## Toys\n\n"
    f"Silicone toys need **care** too. {SENTENCE}\n\n"
    "Wash them after use.\n"
)


@pytest.fixture
def people(transactional_db):
    make_roles()
    sam = make_user(role="Columnist", username="sam", public_name="Sam Writer")
    ed = make_user(role="Editor", username="ed", public_name="Ed Itor", is_staff=True)
    return sam, ed


@pytest.fixture
def answer(people):
    sam, _ = people
    return make_draft(
        author=sam,
        questions=[make_question(public_text="Which lube is safe with toys?")],
        title="Lube and toys",
        body=BODY,
    )


def selection(page: Page) -> dict:
    return page.get_by_label("Answer", exact=True).evaluate(
        """(box) => {
            const text = box.value.slice(box.selectionStart, box.selectionEnd);
            return {
                text: text,
                start: box.selectionStart,
                last: box.value.lastIndexOf(text),
                scrolled: box.scrollTop,
            };
        }"""
    )


def test_a_comment_on_a_sentence_follows_it_when_the_text_above_changes(
    open_page, answer, people, screenshot
):
    _, ed = people
    page = open_page(ed)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"/desk/answers/{answer.pk}/")
    body = page.get_by_label("Answer", exact=True)
    offer = page.get_by_role("button", name="Comment on this passage")
    expect(offer).to_be_hidden()

    # Select the second copy of the sentence with the keyboard, as a reader would.
    start = BODY.rindex(SENTENCE)
    body.focus()
    body.evaluate("(box, at) => box.setSelectionRange(at, at)", start)
    page.keyboard.down("Shift")
    for _ in SENTENCE:
        page.keyboard.press("ArrowRight")
    page.keyboard.up("Shift")
    assert selection(page)["text"] == SENTENCE

    screenshot("editor-passage-offer", of=page, full_page=False)
    offer.click()
    expect(page.get_by_label("Passage (quote the words)")).to_have_value(SENTENCE)
    comment_box = page.get_by_label("Comment", exact=True)
    expect(comment_box).to_be_focused()
    comment_box.fill("How much is plenty? Give an amount.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".messages")).to_contain_text("Comment added.")
    comment = ReviewComment.objects.get()
    assert comment.passage == SENTENCE
    assert comment.passage_before.endswith("Silicone toys need **care** too. ")

    # Someone rewrites a paragraph far above it (an emoji makes the browser's
    # count of characters differ from the server's) and saves.
    edited = BODY.replace(
        "Paragraph 2 says something about going slowly and talking first.",
        "Paragraph 2 now says much more 🙂: ask, listen, and check in often.",
    )
    body.fill(edited)
    # (.first: the page may repeat its Save button in a toolbar)
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messages")).to_contain_text("Saved as revision 2.")

    shown = page.locator(f"#comment-{comment.pk}")
    expect(shown.locator(".comment-passage")).to_have_text(
        f"On the passage: {SENTENCE}"
    )
    expect(shown).not_to_contain_text("has changed")
    page.get_by_label("Answer", exact=True).evaluate("(box) => { box.scrollTop = 0; }")
    shown.get_by_role("button", name="Show in text").click()

    chosen = selection(page)
    assert chosen["text"] == SENTENCE
    assert chosen["start"] == chosen["last"]  # the second copy, as commented on
    assert chosen["scrolled"] > 0  # brought into view in the box
    expect(page.get_by_label("Answer", exact=True)).to_be_focused()
    # The words shown are not offered back for another comment.
    expect(page.get_by_role("button", name="Comment on this passage")).to_be_hidden()
    shown.scroll_into_view_if_needed()
    screenshot("editor-passage-comment", of=page, full_page=False)
    assert errors == []  # nothing refused by the CSP, no script error


def test_a_paragraph_picked_in_the_preview_points_at_its_markdown(
    open_page, answer, people
):
    _, ed = people
    page = open_page(ed)
    page.goto(f"/desk/answers/{answer.pk}/")
    paragraph = page.locator(".markdownx-preview p", has_text="Silicone toys")
    expect(paragraph.locator("strong")).to_have_text("care")
    paragraph.click(click_count=3)  # a triple click selects the paragraph

    page.get_by_role("button", name="Comment on this passage").click()
    read = f"Silicone toys need care too. {SENTENCE}"
    expect(page.get_by_label("Passage (quote the words)")).to_have_value(read)
    page.get_by_label("Comment", exact=True).fill("Which care? Be specific.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".messages")).to_contain_text("Comment added.")

    page.get_by_role("button", name="Show in text").click()
    assert selection(page)["text"] == f"Silicone toys need **care** too. {SENTENCE}"


def test_the_columnist_sees_the_passage_in_a_box_they_may_not_edit(
    open_page, answer, people
):
    sam, ed = people
    workflow.submit_for_review(answer, by=sam)
    editing.add_comment(
        answer, by=ed, body="Say how much.", passage=SENTENCE, before="With condoms: "
    )
    page = open_page(sam)
    page.goto(f"/desk/answers/{answer.pk}/")
    body = page.get_by_label("Answer", exact=True)
    expect(body).to_be_disabled()

    page.get_by_role("button", name="Show in text").click()
    chosen = selection(page)
    assert chosen["text"] == SENTENCE
    assert chosen["start"] == BODY.index(SENTENCE)  # the first copy, as commented on
    expect(body).to_be_focused()
    expect(body).not_to_be_editable()
    body.press("x")
    expect(body).to_have_value(BODY)
