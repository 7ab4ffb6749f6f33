"""The help box a reader of a hard subject sees, on a phone: readable, every
number a link to call, and no serious accessibility violation."""

import pytest

from columns.models import HelpResource
from tests.e2e.conftest import PHONE
from tests.e2e.test_accessibility import serious_violations
from tests.factories import (
    make_content_warning,
    make_help_resource,
    make_published_answer,
)

pytestmark = pytest.mark.browser

Help = HelpResource.Category


def test_an_answers_help_box_fits_a_phone_and_passes_axe(open_page, screenshot):
    make_help_resource(
        name="Emergency services", category=Help.EMERGENCY, country="GB", phone="999"
    )
    make_help_resource(
        name="National Domestic Abuse Helpline",
        category=Help.ABUSE,
        country="GB",
        phone="0808 2000 247",
        url="https://www.nationaldahelpline.org.uk",
        hours="24 hours, every day",
    )
    make_help_resource(
        name="Find A Helpline: free, confidential helplines in your country",
        country="",
        phone="",
        url="https://findahelpline.com",
    )
    warning = make_content_warning(label="Domestic abuse", help_category=Help.ABUSE)
    answer = make_published_answer(warnings=(warning,))
    page = open_page(viewport=PHONE)
    page.goto(answer.get_absolute_url())
    box = page.locator(".help-box")
    assert box.locator('a[href="tel:08082000247"]').is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert serious_violations(page) == {}
    screenshot("answer-help-box-phone", of=page)
