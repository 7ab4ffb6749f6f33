"""Changes that show on every public page: a column, topic or content warning
edited, a columnist's public name changed, a help resource edited (answer pages
on hard subjects list them). They make every cached page stale (the cache
generation) and enqueue a full bake with the change; they are rare, and every
list, answer page and feed names columns, topics and bylines."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver

from columns import links
from columns.caching import invalidate_public_pages
from columns.models import Answer, Column, ContentWarning, HelpResource, Topic, User
from columns.tasks import enqueue_with_change, retried_task

CARDS_AT_ONCE = 1000
# The fields of a user that a public page shows.
BYLINE_FIELDS = {"public_name", "first_name", "last_name", "username", "bio"}


# Inside ``changes_together``: whether a site-wide change was made (else None).
_held: ContextVar[list[bool] | None] = ContextVar("held_site_changes", default=None)


def site_changed() -> None:
    """Called in the transaction of a change that shows on every page."""
    held = _held.get()
    if held is not None:
        held.append(True)
        return
    invalidate_public_pages()
    enqueue_with_change(rebake_site)


@contextmanager
def changes_together() -> Iterator[None]:
    """Site-wide changes made inside (a bulk load such as the demo's) share one
    full bake, enqueued when the block ends, rather than one bake each."""
    if _held.get() is not None:
        yield
        return
    token = _held.set([])
    try:
        yield
        changed = bool(_held.get())
    finally:
        _held.reset(token)
    if changed:
        site_changed()


@retried_task
def rebake_site() -> dict:
    """Bake every page again (in the worker's process), after bringing the stored
    link cards up to date (they name columns)."""
    from columns.baking import bake_site

    public = Answer.objects.published().order_by("pk").values_list("pk", flat=True)
    ids = list(public)
    for start in range(0, len(ids), CARDS_AT_ONCE):
        links.store_cards(set(ids[start : start + CARDS_AT_ONCE]))
    tally = bake_site()
    return {"written": tally.written, "removed": tally.removed}


@receiver([post_save, post_delete], sender=Column)
@receiver([post_save, post_delete], sender=ContentWarning)
@receiver([post_save, post_delete], sender=HelpResource)
def column_warning_or_help_changed(sender, **kwargs) -> None:
    site_changed()


@receiver(m2m_changed, sender=Column.help_resources.through)
def help_chosen(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        site_changed()


@receiver(post_save, sender=Topic)
def topic_changed(sender, created: bool, **kwargs) -> None:
    # A topic is created when an answer first carries it: that edit bakes its
    # own pages (``public_change``).
    if not created:
        site_changed()


@receiver(post_delete, sender=Topic)
def topic_deleted(sender, **kwargs) -> None:
    site_changed()


@receiver(pre_save, sender=User)
def byline_changing(sender, instance: User, update_fields=None, **kwargs) -> None:
    if instance.pk is None:
        return  # a new account is on no page
    if update_fields is not None and not BYLINE_FIELDS & set(update_fields):
        return  # e.g. a sign-in recording its time
    old = User.objects.filter(pk=instance.pk).first()
    if old is None or (old.byline, old.bio) == (instance.byline, instance.bio):
        return
    if _shown_on_pages(instance):
        site_changed()


@receiver(pre_delete, sender=User)
def byline_leaving(sender, instance: User, **kwargs) -> None:
    if _shown_on_pages(instance):
        site_changed()


def _shown_on_pages(user: User) -> bool:
    """Whether public pages name ``user`` (as an author or a column's host)."""
    shown = user.answers.filter(state="published").exists()
    return shown or user.hosted_columns.exists()
