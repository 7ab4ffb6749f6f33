"""A page about the site saved or deleted is baked again
(``columns.baking.sitepages``)."""

from columns import caching
from columns.models import SitePage


def page_file(baked_root, path: str):
    return baked_root / path.lstrip("/") / "index.html"


def test_editing_a_page_rebakes_it(db, run_tasks, baked_root, client):
    page = SitePage.objects.create(slug="about", title="About", body="First text.")
    run_tasks()
    assert b"First text." in page_file(baked_root, "/about/").read_bytes()
    changes = caching.current().changes
    page.body = "Second text."
    page.save()
    assert caching.current().changes == changes + 1
    assert "Second text." in client.get("/about/").content.decode()
    run_tasks()
    assert b"Second text." in page_file(baked_root, "/about/").read_bytes()
    assert b"/about/" in (baked_root / "sitemap-pages.xml").read_bytes()


def test_a_page_whose_slug_changes_leaves_its_old_address(db, run_tasks, baked_root):
    page = SitePage.objects.create(slug="contact", title="Contact", body="Write.")
    run_tasks()
    page.slug = "write-to-us"
    page.save()
    run_tasks()
    assert not page_file(baked_root, "/pages/contact/").exists()
    assert page_file(baked_root, "/pages/write-to-us/").exists()


def test_a_deleted_page_loses_its_file(db, run_tasks, baked_root):
    page = SitePage.objects.create(slug="privacy", title="Privacy", body="Kept.")
    run_tasks()
    page.delete()
    run_tasks()
    assert not page_file(baked_root, "/privacy/").exists()
