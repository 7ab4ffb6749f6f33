"""Answers with their letters, revisions and review comments."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from columns import workflow
from columns.admin.base import (
    GuardedInputMixin,
    GuardedSaveMixin,
    ReadOnlyMixin,
    WorkflowPermissionsMixin,
    render_history,
    transition_action,
)
from columns.admin.questions import TopicFilter
from columns.models import Answer, AnswerLetter, ReviewComment, Revision

REVIEW = workflow.ANSWER_TRANSITIONS


class ReviewCommentForm(forms.ModelForm):
    """A comment with a "resolved" tick box instead of a date and a resolver."""

    resolved = forms.BooleanField(required=False)

    class Meta:
        model = ReviewComment
        fields = ["answer", "body"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolved"].initial = self.instance.resolved_at is not None


def fill_in_comment(comment: ReviewComment, form: ReviewCommentForm, user) -> None:
    """Set what the comment form does not ask for: author, revision, resolution."""
    if comment.pk is None:
        comment.author = user
        comment.revision = comment.answer.revisions.order_by("-number").first()
    resolved = form.cleaned_data.get("resolved", False)
    if resolved and comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = timezone.now(), user
    elif not resolved and comment.resolved_at is not None:
        comment.resolved_at, comment.resolved_by = None, None


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
    model = ReviewComment
    form = ReviewCommentForm
    fields = ("body", "resolved", "author", "revision", "created_at", "resolved_by")
    readonly_fields = ("author", "revision", "created_at", "resolved_by")
    extra = 0
    verbose_name_plural = "review comments"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("author", "revision__answer", "resolved_by")
        )


@admin.register(Answer)
class AnswerAdmin(
    GuardedInputMixin, WorkflowPermissionsMixin, GuardedSaveMixin, admin.ModelAdmin
):
    versioned_fields = ("title", "summary", "body")
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
    autocomplete_fields = ("column", "authors", "content_warnings")
    readonly_fields = (
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

    def get_fieldsets(self, request, obj=None):
        text = (
            ["summary", "body"] if obj is None else ["summary", "body", "body_preview"]
        )
        fieldsets = [
            (None, {"fields": ["title", "slug", "column", "authors", "seen_version"]}),
            ("Text", {"fields": text}),
            ("Classification", {"fields": ["topics", "content_warnings"]}),
            ("Video episode", {"fields": ["video_url", "video_start_seconds"]}),
        ]
        if obj is not None:
            publication = [
                "state",
                "publish_at",
                ("first_published_at", "last_published_at"),
                "last_reviewed_on",
                ("created_at", "updated_at"),
                "version",
            ]
            fieldsets += [
                ("Publication", {"fields": publication}),
                ("History", {"fields": ["history"]}),
            ]
        return fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 30})
        if db_field.name == "video_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        note = "Edited in the admin" if change else "Created in the admin"
        obj.record_revision(by=request.user, note=note)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not ReviewComment:
            super().save_formset(request, form, formset, change)
            return
        comments = formset.save(commit=False)
        for comment_form in formset.forms:
            comment = comment_form.instance
            if comment in comments:
                fill_in_comment(comment, comment_form, request.user)
                comment.save()
        for comment in formset.deleted_objects:
            comment.delete()

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
class ReviewCommentAdmin(GuardedInputMixin, admin.ModelAdmin):
    form = ReviewCommentForm
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
        "resolved",
        "author",
        "revision",
        "created_at",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = ("author", "revision", "created_at", "resolved_at", "resolved_by")

    def get_readonly_fields(self, request, obj=None):
        # A comment stays on the answer it was written about.
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, "answer") if obj is not None else readonly

    def save_model(self, request, obj, form, change) -> None:
        fill_in_comment(obj, form, request.user)
        super().save_model(request, obj, form, change)

    @admin.display(description="comment")
    def excerpt(self, comment: ReviewComment) -> str:
        body = " ".join(comment.body.split())
        return body if len(body) <= 80 else body[:79] + "…"

    @admin.display(description="resolved", boolean=True)
    def is_resolved(self, comment: ReviewComment) -> bool:
        return comment.resolved_at is not None
