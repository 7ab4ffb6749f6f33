"""The demo editor signs in to the back office and finds the readers' letters."""

import io

from django.core.management import call_command
from playwright.sync_api import expect

from columns.models import Question


def test_the_demo_editor_signs_in_to_the_admin_and_sees_the_letters(
    page, transactional_db, screenshot
):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    letter = Question.objects.exclude(headline="").order_by("-id").first()

    page.goto("/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("demo-editor-2026")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Welcome,")).to_be_visible()

    page.get_by_role("link", name="Questions").click()
    expect(page.locator("#result_list")).to_be_visible()
    expect(page.locator("#result_list")).to_contain_text(letter.headline)
    screenshot("admin-questions")
