"""Pages about the site (``columns.views.pages``): About, Privacy and any other
page written in the back office."""

import pytest
from django.urls import reverse

from columns.baking.paths import site_paths
from columns.models import SitePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    return SitePage.objects.create(
        slug="about", title="About us", body="We answer **letters**."
    )


def test_the_about_page_shows_its_markdown_rendered_once_on_save(client, about):
    response = client.get("/about/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in page and "About us" in page
    assert "We answer <strong>letters</strong>." in page
    assert not response.cookies


def test_the_privacy_page_is_at_its_own_address(client):
    SitePage.objects.create(slug="privacy", title="Privacy", body="No IP addresses.")
    assert "No IP addresses." in client.get("/privacy/").content.decode()


def test_another_page_lives_under_pages(client):
    page = SitePage.objects.create(slug="contact", title="Contact", body="Write.")
    assert page.get_absolute_url() == "/pages/contact/"
    assert client.get("/pages/contact/").status_code == 200


@pytest.mark.parametrize("path", ["/about/", "/privacy/", "/pages/nothing-here/"])
def test_a_missing_page_is_404(client, path):
    assert client.get(path).status_code == 404


def test_about_has_one_address_only(client, about):
    assert client.get("/pages/about/").status_code == 404


def test_raw_html_in_a_page_is_shown_as_text(client):
    SitePage.objects.create(slug="about", title="About", body="<script>x()</script>")
    assert "<script>x()" not in client.get("/about/").content.decode()


def test_the_footer_links_about_and_privacy(client, about):
    page = client.get("/about/").content.decode()
    assert 'href="/about/"' in page and 'href="/privacy/"' in page


def test_pages_are_in_the_sitemap_and_the_bake(client, about):
    index = client.get(reverse("columns:sitemap")).content.decode()
    assert "/sitemap-pages.xml" in index
    section = client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/about/" in section
    assert "/about/" in set(site_paths(about.updated_at))
