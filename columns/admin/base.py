"""What the admins share: workflow actions, audit history and guarded saving."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import F
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from columns import workflow
from columns.models import Answer, AuditEntry, Question

STATE_LABELS: dict[str, str] = {
    **dict(Question.Status.choices),
    **dict(Answer.State.choices),
}


def state_label(state: str) -> str:
    """The human label of a letter status or answer state ("—" for none)."""
    return STATE_LABELS.get(state, state) or "—"


def render_history(obj: models.Model) -> SafeString | str:
    """The object's audit entries, newest first, every value escaped."""
    entries = AuditEntry.objects.for_object(obj).select_related("actor")
    rows = [
        (
            formats.localize(timezone.localtime(entry.created_at)),
            entry.action.replace("_", " "),
            state_label(entry.from_state),
            state_label(entry.to_state),
            entry.actor or "the system",
            f" — {entry.note}" if entry.note else "",
        )
        for entry in entries
    ]
    if not rows:
        return "No workflow changes yet."
    return format_html(
        "<ol>{}</ol>",
        format_html_join("", "<li>{}: {} ({} → {}) by {}{}</li>", rows),
    )


def transition_action(
    transition: workflow.Transition,
    *,
    noun: str,
    done: str,
    description: str | None = None,
) -> Callable:
    """A changelist action running the workflow verb of ``transition``.

    The verb runs on the whole selection, all or nothing: one refusal and nothing
    changes, and the user is told why. The action is offered only to users with the
    transition's permission (``has_<permission>_permission`` on the admin).
    """
    verb = getattr(workflow, transition.action)

    @admin.action(
        description=description or f"{transition.label} selected {noun}s",
        permissions=[transition.permission],
    )
    def action(modeladmin, request, queryset) -> None:
        try:
            count = workflow.apply_to_all(verb, queryset, by=request.user)
        except workflow.WorkflowError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
            return
        plural = noun if count == 1 else f"{noun}s"
        modeladmin.message_user(request, f"{count} {plural} {done}.", messages.SUCCESS)

    action.__name__ = transition.action
    return action


class ReadOnlyMixin:
    """For records nobody edits by hand (revisions, the audit log): view only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class WorkflowPermissionsMixin:
    """The ``has_<codename>_permission`` checks that workflow actions declare."""

    def has_triage_question_permission(self, request) -> bool:
        return request.user.has_perm("columns.triage_question")

    def has_assign_question_permission(self, request) -> bool:
        return request.user.has_perm("columns.assign_question")

    def has_draft_answer_permission(self, request) -> bool:
        return request.user.has_perm("columns.draft_answer")

    def has_review_answer_permission(self, request) -> bool:
        return request.user.has_perm("columns.review_answer")

    def has_publish_answer_permission(self, request) -> bool:
        return request.user.has_perm("columns.publish_answer")


class VersionedForm(forms.ModelForm):
    """A form that refuses to save over changes made since it was opened.

    The version the user saw travels in a hidden field; the object is reloaded on
    POST, so a different version there means someone else saved in between.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict:
        cleaned_data = super().clean()
        seen = cleaned_data.get("seen_version")
        if self.instance.pk and seen is not None and seen != self.instance.version:
            noun = self.instance._meta.verbose_name
            raise forms.ValidationError(
                f"Someone else changed this {noun} since you opened it. Reload the "
                "page to see their changes, then make yours again.",
                code="stale",
            )
        return cleaned_data


class GuardedSaveMixin:
    """Saves an edited object's form fields only, bumping its version.

    Writing only the form's fields means a workflow move that lands while the form
    is being saved is never overwritten by the admin's copy of the object.
    """

    form = VersionedForm
    # Fields whose change makes a new version; None: any field of the form.
    versioned_fields: tuple[str, ...] | None = None

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        concrete = obj._meta.concrete_fields
        update_fields = {field.name for field in concrete if field.name in form.fields}
        update_fields |= {f.name for f in concrete if getattr(f, "auto_now", False)}
        changed = set(form.changed_data) - {"seen_version"}
        if self.versioned_fields is not None:
            changed &= set(self.versioned_fields)
        if changed:
            obj.version = F("version") + 1
            update_fields.add("version")
        obj.save(update_fields=update_fields)
        if changed:
            obj.refresh_from_db(fields=["version"])
