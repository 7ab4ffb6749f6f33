"""Answers with their letters, revisions and review comments."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from columns import listings, workflow
from columns.admin.base import (
    GuardedInputMixin,
    ReadOnlyMixin,
    WorkflowPermissionsMixin,
    WorkflowSaveMixin,
    render_history,
    transition_action,
)
from columns.admin.questions import TopicFilter
from columns.models import Answer, AnswerLetter, ReviewComment, Revision
from columns.workflow import editing

REVIEW = workflow.ANSWER_TRANSITIONS


class ReviewCommentForm(forms.ModelForm):
    """A new comment, or a "resolved" tick box on an open one: a comment once
    written stays as it is, and a resolution stays."""

    resolved = forms.BooleanField(required=False)

    class Meta:
        model = ReviewComment
        fields = ["body"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        written = self.instance.pk is not None
        self.fields["body"].disabled = written
        self.fields["resolved"].initial = self.instance.resolved_at is not None
        self.fields["resolved"].disabled = self.instance.resolved_at is not None


class AnswerLetterInline(ReadOnlyMixin, admin.TabularInline):
    """The letters an answer prints. Read-only: a letter joins an answer by being
    assigned (``workflow.assign``), which also moves its status."""

    model = AnswerLetter
    fields = ("position", "question")
    readonly_fields = fields
    ordering = ("position",)
    show_change_link = False
    extra = 0
    verbose_name = "letter"
    verbose_name_plural = "letters printed"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question")


class RevisionInline(ReadOnlyMixin, admin.TabularInline):
    model = Revision
    fields = ("number", "author", "created_at", "note")
    readonly_fields = fields
    ordering = ("-number",)
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class ReviewCommentInline(admin.TabularInline):
    """Comments are written and resolved through the workflow (``save_formset``)."""

    model = ReviewComment
    form = ReviewCommentForm
    fields = ("body", "resolved", "author", "revision", "created_at", "resolved_by")
    readonly_fields = ("author", "revision", "created_at", "resolved_by")
    extra = 0
    can_delete = False
    verbose_name_plural = "review comments"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("author", "revision__answer", "resolved_by")
        )


@admin.register(Answer)
class AnswerAdmin(
    GuardedInputMixin, WorkflowPermissionsMixin, WorkflowSaveMixin, admin.ModelAdmin
):
    list_display = (
        "title",
        "column",
        "state",
        "publish_at",
        "author_list",
        "last_published_at",
        "updated_at",
    )
    list_filter = ("state", "column", TopicFilter, "authors", "content_warnings")
    search_fields = ("title", "slug", "summary", "body")
    list_select_related = ("column",)
    date_hierarchy = "publish_at"
    ordering = ("-id",)
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("content_warnings",)
    # Letters join an answer, and columnists its authors, by assignment.
    readonly_fields = (
        "column",
        "author_list",
        "state",
        "publish_at",
        "first_published_at",
        "last_published_at",
        "last_reviewed_on",
        "version",
        "created_at",
        "updated_at",
        "body_preview",
        "history",
    )
    fieldsets = [
        (None, {"fields": ["title", "slug", "column", "author_list", "seen_version"]}),
        ("Text", {"fields": ["summary", "body", "body_preview"]}),
        ("Classification", {"fields": ["topics", "content_warnings"]}),
        ("Video episode", {"fields": ["video_url", "video_start_seconds"]}),
        (
            "Publication",
            {
                "fields": [
                    "state",
                    "publish_at",
                    ("first_published_at", "last_published_at"),
                    "last_reviewed_on",
                    ("created_at", "updated_at"),
                    "version",
                ]
            },
        ),
        ("History", {"fields": ["history"]}),
    ]
    inlines = (AnswerLetterInline, ReviewCommentInline, RevisionInline)
    actions = [
        transition_action(REVIEW["submit_for_review"], noun="answer"),
        transition_action(REVIEW["request_changes"], noun="answer"),
        transition_action(REVIEW["approve"], noun="answer"),
        transition_action(
            REVIEW["publish"],
            noun="answer",
            description="Publish selected answers now",
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 30})
        if db_field.name == "video_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_change(self, answer: Answer, data: dict, *, by) -> None:
        text = editing.AnswerText(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
            topics=list(data["topics"]),
            content_warnings=list(data["content_warnings"]),
            video_url=data["video_url"],
            video_start_seconds=data["video_start_seconds"],
        )
        editing.save_answer(
            answer,
            by=by,
            seen_version=data["seen_version"],
            text=text,
            note="Edited in the admin",
        )

    def save_formset(self, request, form, formset, change) -> None:
        """New comments and resolutions go through the workflow; the other inlines
        are read-only. (Nothing is saved by the formset itself: ``commit=False``
        only tells the admin's change message what the forms held.)"""
        formset.save(commit=False)
        if formset.model is not ReviewComment:
            return
        answer, added, resolved = form.instance, [], []
        for comment_form in formset.forms:
            comment, data = comment_form.instance, comment_form.cleaned_data
            if comment.pk is None and data.get("body"):
                added.append(
                    editing.add_comment(answer, by=request.user, body=data["body"])
                )
            elif comment.resolved_at is None and data.get("resolved"):
                editing.resolve_comment(comment, by=request.user)
                resolved.append((comment, ["resolved"]))
        formset.new_objects, formset.changed_objects = added, resolved

    @admin.display(description="authors")
    def author_list(self, answer: Answer) -> str:
        return ", ".join(author.byline for author in answer.authors.all())

    @admin.display(description="preview")
    def body_preview(self, answer: Answer):
        # body_html is sanitised by columns.markdown whenever the body is saved.
        return format_html("<div>{}</div>", mark_safe(answer.body_html))

    @admin.display(description="history")
    def history(self, answer: Answer):
        return render_history(answer)


@admin.register(Revision)
class RevisionAdmin(GuardedInputMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("answer", "number", "author", "created_at", "note")
    list_filter = ("author",)
    search_fields = ("answer__title", "title", "note")
    list_select_related = ("answer", "author")
    date_hierarchy = "created_at"
    ordering = ("-id",)
    fields = (
        "answer",
        "number",
        "title",
        "summary",
        "body",
        "author",
        "created_at",
        "note",
    )
    readonly_fields = fields


class ResolvedFilter(admin.SimpleListFilter):
    title = "resolved"
    parameter_name = "resolved"

    def lookups(self, request, model_admin):
        return [("yes", "Resolved"), ("no", "Open")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unresolved()
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(ReviewComment)
class ReviewCommentAdmin(GuardedInputMixin, ReadOnlyMixin, admin.ModelAdmin):
    """Comments are read here; they are written and resolved on their answer."""

    list_display = ("answer", "excerpt", "author", "created_at", "is_resolved")
    list_filter = (ResolvedFilter, "author")
    search_fields = ("body", "answer__title")
    list_select_related = ("answer", "author")
    date_hierarchy = "created_at"
    ordering = ("-id",)
    autocomplete_fields = ("answer",)
    fields = (
        "answer",
        "body",
        "author",
        "revision",
        "created_at",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = fields

    @admin.display(description="comment")
    def excerpt(self, comment: ReviewComment) -> str:
        return listings.excerpt(comment.body, 80)

    @admin.display(description="resolved", boolean=True)
    def is_resolved(self, comment: ReviewComment) -> bool:
        return comment.resolved_at is not None
