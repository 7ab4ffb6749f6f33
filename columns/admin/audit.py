"""The audit log: read-only, written by the workflow alone."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from columns.admin.base import GuardedInputMixin, ReadOnlyMixin
from columns.models import Answer, AuditEntry, Question
from columns.workflow.core import ACTION_LABELS
from columns.workflow.history import state_label


class SubjectFilter(admin.SimpleListFilter):
    """Letters or answers (the content types the workflow audits)."""

    title = "subject"
    parameter_name = "subject"
    models = {"letters": Question, "answers": Answer}

    def lookups(self, request, model_admin):
        return [("letters", "Letters"), ("answers", "Answers")]

    def queryset(self, request, queryset):
        model = self.models.get(self.value())
        if model is None:
            return queryset
        return queryset.filter(content_type=ContentType.objects.get_for_model(model))


class ActionFilter(admin.SimpleListFilter):
    """The workflow's actions, from its tables (no scan of the log for them)."""

    title = "action"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return list(ACTION_LABELS.items())

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(action=self.value())
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(GuardedInputMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "subject_link",
        "action",
        "transition",
        "actor",
        "note",
    )
    list_filter = (SubjectFilter, ActionFilter, "actor")
    search_fields = ("note", "actor__username", "actor__public_name")
    list_select_related = ("content_type", "actor")
    date_hierarchy = "created_at"
    ordering = ("-id",)
    show_full_result_count = False
    fields = (
        "created_at",
        "subject_link",
        "action",
        "transition",
        "actor",
        "note",
    )
    readonly_fields = fields

    @admin.display(description="object")
    def subject_link(self, entry: AuditEntry):
        # Built from the content type and id, so the list fetches no subjects.
        content_type = entry.content_type
        label = f"{content_type.name} #{entry.object_id}"
        try:
            url = reverse(
                f"admin:{content_type.app_label}_{content_type.model}_change",
                args=[entry.object_id],
            )
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description="from → to")
    def transition(self, entry: AuditEntry) -> str:
        return f"{state_label(entry.from_state)} → {state_label(entry.to_state)}"
