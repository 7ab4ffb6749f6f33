"""Accessibility in Chromium, on the demo content.

axe-core audits every public page type and the main desk pages at desktop (1280 px)
and phone (375 px) widths: no violation may be serious or critical. Readers can use
the ask form, search and the content notice with the keyboard alone, always seeing
where the focus is, and the skip link takes them to the content. The key pages are
also saved as screenshots at both widths (test-artifacts/screenshots/).
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from columns import intake
from columns.models import Answer, Column, Question, User
from tests.e2e.conftest import DESKTOP, PHONE

SERIOUS = {"serious", "critical"}
LETTER = (
    "My boyfriend and I have been together a year and I still feel shy about "
    "asking for what I like. How do I start that conversation?"
)
# Pages whose screenshots (desktop and phone) are worth looking at.
SCREENSHOTS = {
    "home",
    "answer page",
    "content notice",
    "ask form",
    "status page",
    "help after a flagged letter",
    "columns index",
    "topics index",
    "archive year",
    "about page",
    "desk dashboard",
    "review queue",
    "triage page",
    "answer editor",
}


@dataclass
class Demo:
    answer: Answer  # long: headings, lists, a table, a checklist, quotes, a video
    nsfw: Answer
    column: Column
    editor: User
    letter: Question  # a safety-flagged letter waiting for triage
    draft: Answer
    code: str  # the receipt code of a letter printed in ``answered``
    answered: Answer


@pytest.fixture
def demo(transactional_db) -> Demo:
    call_command("seed_demo", "--force", stdout=io.StringIO())
    answer = Answer.objects.get(slug="what-actually-happens-at-an-sti-test")
    column = answer.column
    token = intake.new_form_token()
    question, code = intake.receive_letter(
        column, text=LETTER, sign_off="Shy", topic=None, form_token=token
    )
    answered = Answer.objects.get(slug="menopause-and-desire")
    answered.letters.create(question=question, position=2)
    return Demo(
        answer=answer,
        nsfw=Answer.objects.get(slug="how-to-ask-your-partner-to-try-something-new"),
        column=column,
        editor=User.objects.get(username="editor"),
        letter=Question.objects.filter(safety_flag=True, status="new").first(),
        draft=Answer.objects.filter(state=Answer.State.DRAFT).first(),
        code=code,
        answered=answered,
    )


# How to reach each page: a URL, or steps taken in the browser.


def thank_you(page: Page, demo: Demo) -> None:
    page.goto(reverse("columns:ask", args=[demo.column.slug]))
    page.get_by_label("Your question").fill(LETTER)
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator(".receipt")).to_be_visible()


def flagged_thank_you(page: Page, demo: Demo) -> None:
    """The receipt of a letter the safety check flags, with the help lines."""
    page.goto(reverse("columns:ask", args=[demo.column.slug]))
    page.get_by_label("Your question").fill(
        "My partner hits me when he has been drinking and I am scared to tell "
        "anyone. How do I get out safely?"
    )
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator(".help-box")).to_be_visible()


def status_page(page: Page, demo: Demo) -> None:
    page.goto(reverse("columns:letter_status"))
    page.get_by_label("Your receipt code").fill(demo.code)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("link", name=demo.answered.title)).to_be_visible()


def answer_editor(page: Page, demo: Demo) -> None:
    page.goto(reverse("editor:answer_edit", args=[demo.draft.pk]))
    expect(page.locator(".markdownx-preview h2").first).to_be_visible()


def url(build: Callable[[Demo], str]) -> Callable[[Page, Demo], None]:
    """A step that opens the page at ``build(demo)``."""
    return lambda page, demo: page.goto(build(demo))


def month(demo: Demo) -> str:
    published = timezone.localtime(demo.answer.publish_at)
    return reverse("columns:archive_month", args=[f"{published:%Y}", f"{published:%m}"])


PUBLIC_PAGES: dict[str, Callable[[Page, Demo], None]] = {
    "home": url(lambda demo: reverse("columns:home")),
    "column": url(
        lambda demo: reverse("columns:column_detail", args=[demo.column.slug])
    ),
    "topic": url(lambda demo: reverse("columns:topic_detail", args=["communication"])),
    "columns index": url(lambda demo: reverse("columns:columns_index")),
    "topics index": url(lambda demo: reverse("columns:topics_index")),
    "archive index": url(lambda demo: reverse("columns:archive_index")),
    "archive year": url(lambda demo: month(demo)[:-3]),
    "archive month": url(month),
    "answer page": url(lambda demo: demo.answer.get_absolute_url()),
    "content notice": url(lambda demo: demo.nsfw.get_absolute_url()),
    "answer behind a notice": url(lambda demo: demo.nsfw.get_absolute_url() + "read/"),
    "search results": url(lambda demo: reverse("columns:search") + "?q=partner"),
    "search without results": url(
        lambda demo: reverse("columns:search") + "?q=zeppelin"
    ),
    "ask index": url(lambda demo: reverse("columns:ask_index")),
    "ask form": url(lambda demo: reverse("columns:ask", args=[demo.column.slug])),
    "thank-you page": thank_you,
    "help after a flagged letter": flagged_thank_you,
    "status page": status_page,
    "about page": url(lambda demo: reverse("columns:about")),
    "privacy page": url(lambda demo: reverse("columns:privacy")),
    "not found": url(lambda demo: "/no-such-page/"),
}


def two_factor_setup(page: Page, demo: Demo) -> None:
    """Two-step sign-in being set up: the QR code, the secret and the code field."""
    page.goto(reverse("desk:two_factor"))
    page.get_by_role("button", name="Set up an authenticator app").click()


DESK_PAGES: dict[str, Callable[[Page, Demo], None]] = {
    "desk dashboard": url(lambda demo: reverse("desk:dashboard")),
    "review queue": url(lambda demo: reverse("desk:queue")),
    "triage page": url(lambda demo: reverse("desk:letter", args=[demo.letter.pk])),
    "answer editor": answer_editor,
    "revisions": url(
        lambda demo: reverse("editor:revision_list", args=[demo.draft.pk])
    ),
    "two-step sign-in setup": two_factor_setup,
}


def serious_violations(page: Page) -> dict[tuple[str, str], str]:
    """axe-core's serious and critical violations on the page: (rule, element) ->
    what is wrong."""
    results = Axe().run(page)
    return {
        (violation["id"], ", ".join(node["target"])): (
            f"{violation['impact']}: {violation['help']}. "
            f"{node.get('failureSummary', '')}"
        )
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    }


def audit(page: Page, name: str, screenshot) -> list[str]:
    """Audit the open page at desktop width, then at phone width (screenshots of the
    key pages at both); every violation found, described."""
    slug = re.sub(r"\W+", "-", name)
    found = {}
    for width, viewport in [("1280 px", DESKTOP), ("375 px", PHONE)]:
        page.set_viewport_size(viewport)
        found.update(
            {
                key: f"{width}: {key[0]} at {key[1]}: {text}"
                for key, text in serious_violations(page).items()
            }
        )
        if name in SCREENSHOTS:
            screenshot(
                f"{slug}-{'desktop' if viewport is DESKTOP else 'phone'}", of=page
            )
    return list(found.values())


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation(
    name, demo, open_page, screenshot
):
    page = open_page()
    PUBLIC_PAGES[name](page, demo)
    violations = audit(page, name, screenshot)
    assert violations == [], "\n".join(violations)


def test_every_demo_answer_has_no_serious_accessibility_violation(
    demo, open_page, screenshot
):
    """Answers differ in what their Markdown holds (tables, checklists, quotes,
    videos, footnotes): each of them, and each full text behind a notice."""
    page = open_page()
    answers = list(Answer.objects.published().select_related("column"))
    assert len(answers) >= 5
    violations = []
    for answer in answers:
        addresses = [answer.get_absolute_url()]
        if answer.content_warnings.filter(is_nsfw=True).exists():
            addresses.append(answer.get_absolute_url() + "read/")
        for address in addresses:
            page.goto(address)
            violations += [
                f"{address}: {found}" for found in audit(page, address, screenshot)
            ]
    assert violations == [], "\n".join(violations)


def test_the_sign_in_page_has_no_serious_accessibility_violation(
    demo, open_page, screenshot
):
    page = open_page()
    page.goto(reverse("desk:login"))
    violations = audit(page, "sign-in", screenshot)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("name", DESK_PAGES)
def test_desk_page_has_no_serious_accessibility_violation(
    name, demo, open_page, screenshot
):
    page = open_page(user=demo.editor)
    DESK_PAGES[name](page, demo)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    violations = audit(page, name, screenshot)
    assert violations == [], "\n".join(violations)


# Keyboard only -------------------------------------------------------------------


FOCUS = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(),
    name: element.getAttribute("aria-label") || element.textContent.trim()
      || element.getAttribute("name") || "",
    id: element.id,
    visible: element.matches(":focus-visible") && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def tab_to(page: Page, found: Callable[[dict], bool], limit: int = 25) -> dict:
    """Press Tab until ``found(focused)``, checking that every element on the way
    shows where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        assert focused["visible"], f"no visible focus on {focused}"
        if found(focused):
            return focused
    raise AssertionError(f"never reached the element in {limit} presses of Tab")


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(open_page, demo):
    page = open_page(viewport=PHONE)
    page.goto(demo.answer.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # shown on screen when focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
    )


def test_a_reader_sends_a_letter_with_the_keyboard_alone(open_page, demo):
    page = open_page()
    page.goto(reverse("columns:ask", args=[demo.column.slug]))
    tab_to(page, lambda focused: focused["id"] == "id_text")
    page.keyboard.type(LETTER)
    tab_to(page, lambda focused: focused["id"] == "id_sign_off")
    page.keyboard.type("Shy in Sheffield")
    tab_to(page, lambda focused: focused["name"] == "Send my question")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    code = page.locator("main .receipt")
    expect(code).to_have_text(re.compile(r"^([A-Z2-7]{4}-){6}[A-Z2-7]{4}$"))
    expect(code).to_be_in_viewport()
    assert Question.objects.filter(sign_off="Shy in Sheffield").count() == 1


def test_a_reader_searches_with_the_keyboard_alone(open_page, demo):
    page = open_page()
    page.goto(reverse("columns:home"))
    tab_to(page, lambda focused: focused["id"] == "site-search-q")
    page.keyboard.type("partner")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Results for “partner”")).to_be_visible()
    first = page.locator(".search-results .answer-item h3 a").first
    title = first.inner_text()
    tab_to(page, lambda focused: focused["tag"] == "a" and focused["name"] == title)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_reader_passes_the_content_notice_with_the_keyboard_alone(open_page, demo):
    page = open_page(viewport=PHONE)
    page.goto(demo.nsfw.get_absolute_url())
    expect(page.get_by_role("heading", name="Content notice")).to_be_visible()
    tab_to(page, lambda focused: focused["name"] == "Show the answer")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/read/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.nsfw.title)
    expect(page.locator(".answer-body h2").first).to_be_visible()
