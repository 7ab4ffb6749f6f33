"""An editor signs in at the desk, triages a letter, edits it for anonymity and
assigns it, in Chromium."""

import re

from playwright.sync_api import expect

from columns.models import Answer, AuditEntry, Question
from tests.factories import make_column, make_question, make_user

LEAKY = (
    "Hi Sam, my husband and I haven't had sex in a year and I miss it. "
    "Please write to me at lena.k@example.com, I can't ask anyone I know."
)
CLEAN = (
    "Hi Sam, my husband and I haven't had sex in a year and I miss it. "
    "I can't ask anyone I know."
)


def test_an_editor_triages_edits_for_anonymity_and_assigns_a_letter(page, screenshot):
    column = make_column(name="Between the Sheets", slug="between-the-sheets")
    make_user(role="Editor", username="jo", public_name="Jo Marlow")
    sam = make_user(role="Columnist", username="sam", public_name="Sam Achterberg")
    letter = make_question(
        column=column, original_text=LEAKY, public_text=LEAKY, headline=""
    )

    page.goto("/desk/queue/")
    expect(page).to_have_url(re.compile(r"/desk/login/\?next="))
    page.get_by_label("Username").fill("jo")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    expect(page.get_by_text("1 possible identifier")).to_be_visible()
    screenshot("desk-queue")
    page.get_by_role("link", name=f"#{letter.pk}").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Letter #{letter.pk}")
    checks = page.locator("#text-checks")
    expect(checks.locator("mark.hit-email").first).to_have_text("lena.k@example.com")
    screenshot("desk-triage-with-hit")

    page.get_by_label("Headline").fill("A year without sex")
    page.get_by_label("Public text").fill(CLEAN)
    # The guard re-checks as the editor types: the hit is gone before saving.
    expect(checks.locator(".hit-summary")).to_have_attribute("data-hit-count", "0")
    expect(checks.locator("mark")).to_have_count(0)
    expect(checks.locator("del")).to_contain_text("lena.k@example.com")
    page.get_by_role("button", name="Save the letter").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "Saved the headline, public text."
    )
    expect(page.locator("#text-checks .hit-summary")).to_contain_text(
        "No possible identifiers found"
    )
    page.get_by_label("Columnist", exact=True).select_option(label="Sam Achterberg")
    page.get_by_role("button", name="Assign", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"Letter #{letter.pk} assigned to Sam Achterberg"
    )
    expect(page.locator(".history")).to_contain_text("Assigned to Sam Achterberg.")
    screenshot("desk-triage-assigned")
    letter.refresh_from_db()
    assert (letter.status, letter.assignee, letter.public_text) == (
        Question.Status.ASSIGNED,
        sam,
        CLEAN,
    )
    assert Answer.objects.get().title == "A year without sex"
    assert [entry.action for entry in AuditEntry.objects.for_object(letter)] == [
        "assign",
        "edit",
    ]


def _signed_in_editor(open_page, **options):
    editor = make_user(role="Editor", username="jo", public_name="Jo Marlow")
    return open_page(editor, **options)


def test_assign_without_saving_first_keeps_the_edit_and_assigns_the_clean_text(
    open_page,
):
    letter = make_question(original_text=LEAKY, public_text=LEAKY, headline="")
    make_user(role="Columnist", username="sam", public_name="Sam Achterberg")
    page = _signed_in_editor(open_page)
    page.goto(f"/desk/letters/{letter.pk}/")
    checks = page.locator("#text-checks")
    expect(checks.locator("mark.hit-email").first).to_have_text("lena.k@example.com")

    page.get_by_label("Public text").fill(CLEAN)
    expect(checks.locator(".hit-summary")).to_have_attribute("data-hit-count", "0")
    page.get_by_label("Columnist", exact=True).select_option(label="Sam Achterberg")
    # No "Save the letter": Assign itself sends the edit along.
    page.get_by_role("button", name="Assign", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"Saved the public text. Letter #{letter.pk} assigned to Sam Achterberg"
    )
    letter.refresh_from_db()
    assert (letter.status, letter.public_text) == (Question.Status.ASSIGNED, CLEAN)
    answer = Answer.objects.get()
    assert answer.letters.get().question == letter
    assign = AuditEntry.objects.for_object(letter).get(action="assign")
    assert "Anonymity check overridden" not in assign.note


def test_without_javascript_the_sign_off_is_checked_and_assign_sends_the_edit(
    open_page,
):
    letter = make_question(public_text=CLEAN, sign_off="Dan, dan.smith@example.com")
    make_user(role="Columnist", username="sam", public_name="Sam Achterberg")
    page = _signed_in_editor(open_page, java_script_enabled=False)
    page.goto(f"/desk/letters/{letter.pk}/")
    checks = page.locator("#text-checks")
    expect(checks.locator(".hit-summary")).to_contain_text(
        "Possible identifiers in the sign-off: 1 email address."
    )

    page.get_by_label("Sign-off").fill("Dan")
    page.get_by_label("Columnist", exact=True).select_option(label="Sam Achterberg")
    page.get_by_role("button", name="Assign", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"Saved the sign-off. Letter #{letter.pk} assigned to Sam Achterberg"
    )
    letter.refresh_from_db()
    assert (letter.status, letter.sign_off) == (Question.Status.ASSIGNED, "Dan")
