"""The back office: a Django admin for every model of the app.

Split by concern like ``columns.models``; ``base`` holds what the admins share
(workflow actions, the audit history, version-checked saving). Status fields are
owned by ``columns.workflow``: the admin shows them read-only and changes them only
through workflow verbs, offered as changelist actions to users who may run them.
Sign-in is the desk's, throttled and with two-step sign-in (``signin``).
"""

from django.contrib import admin
from taggit.models import Tag

from columns.admin import (
    answers,
    audit,
    catalogue,
    others,
    people,
    questions,
    signin,
    tasks,
)

admin.site.site_header = "Advice desk — back office"
admin.site.site_title = "Advice desk"
admin.site.index_title = "Back office"
signin.guard(admin.site)

# We tag with our own Topic model; taggit's generic Tag would be an empty,
# confusing second list of tags.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)

__all__ = [
    "answers",
    "audit",
    "catalogue",
    "others",
    "people",
    "questions",
    "signin",
    "tasks",
]
