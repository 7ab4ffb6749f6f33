"""A table wider than a phone scrolls sideways in a region that keyboard users reach
with Tab and scroll with the arrow keys, and that screen readers name."""

import io

from django.core.management import call_command
from playwright.sync_api import expect

from columns.models import Answer
from tests.e2e.conftest import PHONE
from tests.e2e.test_accessibility import serious_violations, tab_to


def test_a_wide_table_on_a_phone_is_a_named_region_reached_with_tab(open_page):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    answer = Answer.objects.get(slug="the-condom-split")
    page = open_page(viewport=PHONE)
    page.goto(answer.get_absolute_url())
    region = page.get_by_role(
        "region", name="Table: Option, How long after sex, Notes", exact=True
    )
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")

    assert serious_violations(page) == {}

    tab_to(page, lambda focused: focused["name"].startswith("Table:"), limit=80)
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "element => element.scrollLeft > 0", arg=region.element_handle()
    )
