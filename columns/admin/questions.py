"""Readers' letters: editing for print, triage actions and their history."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join

from columns import workflow
from columns.admin.base import (
    GuardedInputMixin,
    WorkflowPermissionsMixin,
    WorkflowSaveMixin,
    render_history,
    transition_action,
)
from columns.models import Question, Topic

TRIAGE = workflow.QUESTION_TRANSITIONS


class TopicFilter(admin.SimpleListFilter):
    title = "topic"
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return Topic.objects.values_list("slug", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(topics__slug=self.value())
        return queryset


@admin.register(Question)
class QuestionAdmin(
    GuardedInputMixin, WorkflowPermissionsMixin, WorkflowSaveMixin, admin.ModelAdmin
):
    list_display = (
        "id",
        "__str__",
        "column",
        "status",
        "safety_flag",
        "assignee",
        "topic_list",
        "submitted_at",
    )
    list_display_links = ("id", "__str__")
    list_filter = (
        "status",
        "safety_flag",
        "column",
        TopicFilter,
        "content_warnings",
        "assignee",
    )
    search_fields = ("id__exact", "headline", "public_text", "original_text")
    list_select_related = ("column", "assignee")
    date_hierarchy = "submitted_at"
    ordering = ("-id",)
    # Counting a million letters on every page view buys nothing.
    show_full_result_count = False
    autocomplete_fields = ("content_warnings",)
    # The reader's letter is kept verbatim; the workflow owns the rest of these.
    readonly_fields = (
        "column",
        "original_text",
        "safety_flag",
        "status",
        "assignee",
        "duplicate_of",
        "submitted_at",
        "version",
        "printed_in_answers",
        "history",
    )
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "column",
                    "headline",
                    "original_text",
                    "public_text",
                    "sign_off",
                    "seen_version",
                ]
            },
        ),
        ("Classification", {"fields": ["topics", "content_warnings", "safety_flag"]}),
        ("Internal", {"fields": ["internal_notes"]}),
        (
            "Workflow",
            {
                "fields": [
                    "status",
                    "assignee",
                    "duplicate_of",
                    "submitted_at",
                    "printed_in_answers",
                ]
            },
        ),
        ("History", {"fields": ["history", "version"]}),
    ]
    actions = [
        transition_action(TRIAGE["shortlist"], noun="letter"),
        transition_action(TRIAGE["decline"], noun="letter"),
        transition_action(TRIAGE["mark_spam"], noun="letter"),
        transition_action(TRIAGE["reopen"], noun="letter"),
    ]

    def save_change(self, question: Question, data: dict, *, by) -> None:
        edit = workflow.LetterEdit(
            headline=data["headline"],
            public_text=data["public_text"],
            sign_off=data["sign_off"],
            internal_notes=data["internal_notes"],
            topics=tuple(data["topics"]),
            content_warnings=tuple(data["content_warnings"]),
        )
        workflow.edit_letter(question, edit, by=by, seen_version=data["seen_version"])

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    def get_search_results(self, request, queryset, search_term):
        if _is_letter_picker(request):
            # Offer only letters that are not printed yet and still in play.
            queryset = queryset.filter(
                printed_in__isnull=True,
                status__in=[
                    Question.Status.NEW,
                    Question.Status.SHORTLISTED,
                    Question.Status.ASSIGNED,
                ],
            )
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="topics")
    def topic_list(self, question: Question) -> str:
        return ", ".join(topic.name for topic in question.topics.all())

    @admin.display(description="printed in")
    def printed_in_answers(self, question: Question):
        letters = question.printed_in.select_related("answer")
        rows = [
            (
                reverse("admin:columns_answer_change", args=[letter.answer_id]),
                letter.answer,
                letter.answer.get_state_display().lower(),
            )
            for letter in letters
        ]
        if not rows:
            return "Not printed in any answer."
        return format_html_join(", ", '<a href="{}">{}</a> ({})', rows)

    @admin.display(description="history")
    def history(self, question: Question):
        return render_history(question)


def _is_letter_picker(request) -> bool:
    """Whether this request is the letter autocomplete of an answer's letters."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("model_name") == "answerletter"
        and request.GET.get("field_name") == "question"
    )
