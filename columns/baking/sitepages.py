"""A page about the site (About, Privacy, ...) saved or deleted: its address (and
its old one, if its slug changed) and the sitemap's section of these pages are
forgotten by the page cache and baked again once the change commits. Nothing else
shows a page's text: the footer's links are fixed."""

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse

from columns import caching, pagecache
from columns.models import SitePage
from columns.tasks import enqueue_with_change, retried_task


@receiver(pre_save, sender=SitePage)
def page_saving(sender, instance: SitePage, **kwargs) -> None:
    old = SitePage.objects.filter(pk=instance.pk).first() if instance.pk else None
    addresses = {instance.get_absolute_url()}
    if old is not None:
        addresses.add(old.get_absolute_url())
    _page_changed(addresses)


@receiver(post_delete, sender=SitePage)
def page_deleted(sender, instance: SitePage, **kwargs) -> None:
    _page_changed({instance.get_absolute_url()})


def _page_changed(addresses: set[str]) -> None:
    """Called in the transaction of the change."""
    paths = sorted({*addresses, reverse("columns:sitemap_section", args=["pages"])})
    # Pages kept in each process's memory are reached only through the count.
    caching.note_public_change()
    transaction.on_commit(lambda: pagecache.forget(paths), robust=True)
    enqueue_with_change(rebake_pages, paths)


@retried_task
def rebake_pages(paths: list[str]) -> dict:
    """Bake these pages again (a page gone since loses its files)."""
    from columns.baking import bake_paths

    tally = bake_paths(paths)
    pagecache.forget(paths)
    return {"pages": paths, "written": tally.written, "removed": tally.removed}
