"""Changes that show on every public page: a column, topic or content warning
edited, a columnist's public name changed. They make every cached page stale (the
cache generation) and enqueue a full bake with the change; they are rare, and
every list, answer page and feed names columns, topics and bylines."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from columns.caching import invalidate_public_pages
from columns.models import Column, ContentWarning, Topic, User
from columns.tasks import enqueue_with_change, retried_task

# The fields of a user that a public page shows.
BYLINE_FIELDS = {"public_name", "first_name", "last_name", "username", "bio"}


def site_changed() -> None:
    """Called in the transaction of a change that shows on every page."""
    invalidate_public_pages()
    enqueue_with_change(rebake_site)


@retried_task
def rebake_site() -> dict:
    """Bake every page again (in the worker's process)."""
    from columns.baking import bake_site

    tally = bake_site()
    return {"written": tally.written, "removed": tally.removed}


@receiver([post_save, post_delete], sender=Column)
@receiver([post_save, post_delete], sender=ContentWarning)
def column_or_warning_changed(sender, **kwargs) -> None:
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


@receiver(post_save, sender=User)
def byline_changed(sender, instance: User, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not BYLINE_FIELDS & set(update_fields):
        return  # e.g. a sign-in recording its time
    if (
        instance.answers.filter(state="published").exists()
        or instance.hosted_columns.exists()
    ):
        site_changed()
