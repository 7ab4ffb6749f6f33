"""Forms of the answer editor: the text, its revisions, and what the page's scripts
send (preview, image, heartbeat). Review and publication: ``columns.forms.review``."""

import re

from django import forms
from django.utils.text import slugify
from markdownx.widgets import MarkdownxWidget

from columns.forms.desk_fields import (
    IdMultipleChoiceField,
    TopicNamesField,
    VersionField,
)
from columns.models import Answer, ContentWarning, Revision
from columns.video import InvalidVideo, parse_video
from columns.workflow.editing import AnswerText, DraftText

# A long answer is 3,000-6,000 words (20,000-40,000 characters). The editor posts
# multipart data, so this limit keeps the form inside DATA_UPLOAD_MAX_MEMORY_SIZE
# (256 KiB) even if every character takes 3 bytes: an over-long answer is refused
# by this form, with the text kept, not by the request parser, which would drop it.
BODY_MAX_CHARS = 60_000
SUMMARY_MAX_CHARS = 500
# How a saved change to a live answer is shown to readers.
SMALL_FIX, UPDATE = "fix", "update"
START_TIME = re.compile(r"^(?:(?:(\d{1,2}):)?(\d{1,2}):)?(\d{1,5})$")


def _markdown(text: str) -> str:
    """Browsers send textareas with CRLF line ends; store and compare with LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_start_time(value: str) -> int | None:
    """Seconds from "90", "1:30" or "1:02:03"; None for an empty value."""
    value = value.strip()
    if not value:
        return None
    match = START_TIME.match(value)
    if not match:
        raise forms.ValidationError(
            "Write the start time as seconds (90), minutes:seconds (1:30) or "
            "hours:minutes:seconds (1:02:03).",
            code="invalid",
        )
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_start_time(seconds: int | None) -> str:
    if not seconds:
        return ""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class LongAnswerWidget(MarkdownxWidget):
    """markdownx's textarea and preview, without its auto-growing: the box keeps
    the height of its viewport-high panel and scrolls, so the preview beside it
    can follow the part being written."""

    @staticmethod
    def add_markdownx_attrs(attrs: dict) -> dict:
        attrs = MarkdownxWidget.add_markdownx_attrs(attrs)
        attrs["data-markdownx-editor-resizable"] = "False"
        return attrs


class AnswerForm(forms.Form):
    """The answer's text and presentation, with the version it was loaded at."""

    title = forms.CharField(max_length=200)
    slug = forms.CharField(
        max_length=200,
        required=False,
        help_text="The last part of the answer's address. Left empty, it is made "
        "from the title. Fixed once the answer has been published.",
    )
    summary = forms.CharField(
        max_length=SUMMARY_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences shown in lists and search results.",
    )
    body = forms.CharField(
        label="Answer",
        max_length=BODY_MAX_CHARS,
        required=False,
        strip=False,
        widget=LongAnswerWidget(
            attrs={"rows": 24, "aria-describedby": "body-hint body-status"}
        ),
    )
    topics = TopicNamesField(
        max_length=None,  # the answer's whole list, not a few names to add
        help_text="Comma-separated, e.g. “consent, communication”.",
    )
    content_warnings = IdMultipleChoiceField(
        queryset=ContentWarning.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Shown to readers before the answer. Editors keep the list in the "
        "back office.",
    )
    video_url = forms.URLField(
        label="Video episode",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="A YouTube or Vimeo link. Readers load the video only when they "
        "click to play it.",
    )
    video_start = forms.CharField(
        label="Start the video at",
        required=False,
        max_length=12,
        help_text="Optional: seconds (90) or minutes:seconds (1:30).",
    )
    note = forms.CharField(
        label="Note for the revision history",
        max_length=200,
        required=False,
        help_text="Optional: what this save changed.",
    )
    version = VersionField(Answer)

    def __init__(self, *args, answer: Answer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answer = answer
        if answer.first_published_at is not None:
            self.fields["slug"].disabled = True
            self.fields["slug"].initial = answer.slug
        if answer.is_published():
            self.fields["change"] = forms.ChoiceField(
                label="What kind of change is this?",
                choices=[
                    (
                        SMALL_FIX,
                        "A small fix (a typo, a broken link): readers are not told",
                    ),
                    (
                        UPDATE,
                        "An update readers should know of: the page shows "
                        "“Updated” with today's date and the note below",
                    ),
                ],
                initial=SMALL_FIX,
                required=False,  # left out, a change is a small fix
                widget=forms.RadioSelect,
            )
            self.fields["update_note"] = forms.CharField(
                label="Note for readers",
                max_length=300,
                required=False,
                initial=answer.update_note,
                help_text="For an update: what changed, e.g. “The clinic's opening "
                "hours have changed.”",
            )

    @classmethod
    def for_answer(cls, answer: Answer) -> "AnswerForm":
        """The form showing the answer as saved."""
        initial = {
            "title": answer.title,
            "slug": answer.slug,
            "summary": answer.summary,
            "body": answer.body,
            "topics": list(answer.topics.all()),
            "content_warnings": list(answer.content_warnings.all()),
            "video_url": answer.video_url,
            "video_start": format_start_time(answer.video_start_seconds),
            "version": answer.version,
        }
        return cls(answer=answer, initial=initial)

    def with_version(self, version: int) -> "AnswerForm":
        """The same submitted text, now based on ``version`` (after a conflict)."""
        data = self.data.copy()
        data["version"] = str(version)
        return type(self)(data, answer=self.answer)

    def clean_body(self) -> str:
        return _markdown(self.cleaned_data["body"])

    def clean_summary(self) -> str:
        return " ".join(self.cleaned_data["summary"].split())

    def clean_video_start(self) -> int | None:
        return parse_start_time(self.cleaned_data["video_start"])

    def clean(self) -> dict:
        cleaned = super().clean()
        if "title" in cleaned and "slug" in cleaned:
            cleaned["slug"] = self._unique_slug(cleaned["slug"], cleaned["title"])
        url = cleaned.get("video_url")
        if url:
            try:
                parse_video(url, cleaned.get("video_start"))
            except InvalidVideo as error:
                self.add_error("video_url", str(error))
        elif cleaned.get("video_start"):
            self.add_error("video_start", "A start time needs a video link.")
        if cleaned.get("change") == UPDATE and not cleaned.get("update_note"):
            self.add_error(
                "update_note", "Say in a sentence what changed: readers see it."
            )
        return cleaned

    def _unique_slug(self, typed: str, title: str) -> str:
        answers = Answer.objects
        column, pk = self.answer.column_id, self.answer.pk
        if self.fields["slug"].disabled:
            return self.answer.slug
        if not typed.strip():
            return answers.unique_slug(column, title, exclude_pk=pk)
        slug = slugify(typed)[:200]
        if not slug:
            self.add_error("slug", "Use letters, digits or hyphens in the slug.")
        elif answers.filter(column_id=column, slug=slug).exclude(pk=pk).exists():
            free = answers.unique_slug(column, slug, exclude_pk=pk)
            self.add_error(
                "slug",
                f"Another answer in this column already uses “{slug}”; "
                f"“{free}” is free.",
            )
        return slug

    def answer_text(self) -> AnswerText:
        data = self.cleaned_data
        return AnswerText(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
            topics=data["topics"],
            content_warnings=list(data["content_warnings"]),
            video_url=data["video_url"],
            video_start_seconds=data["video_start"],
            update_note=data["update_note"] if data.get("change") == UPDATE else None,
        )


class AutosaveForm(forms.Form):
    """What the editor page autosaves while its writer types: the text fields of
    ``AnswerForm``, with the same limits, and the version the page holds."""

    title = forms.CharField(max_length=200)
    summary = forms.CharField(max_length=SUMMARY_MAX_CHARS, required=False)
    body = forms.CharField(max_length=BODY_MAX_CHARS, required=False, strip=False)
    version = VersionField(Answer)

    def clean_body(self) -> str:
        return _markdown(self.cleaned_data["body"])

    def clean_summary(self) -> str:
        return " ".join(self.cleaned_data["summary"].split())

    def draft_text(self) -> DraftText:
        data = self.cleaned_data
        return DraftText(
            title=data["title"], summary=data["summary"], body=data["body"]
        )


class VersionForm(forms.Form):
    """The answer version a page showed, for actions that change the text."""

    version = VersionField(Answer)


class DiffForm(forms.Form):
    """Two revisions of one answer to compare."""

    old = forms.TypedChoiceField(label="Compare revision", coerce=int)
    new = forms.TypedChoiceField(label="with revision", coerce=int)

    def __init__(self, *args, revisions: list[Revision], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (r.number, f"{r.number} ({r.author or 'unknown'})") for r in revisions
        ]
        self.fields["old"].choices = self.fields["new"].choices = choices


class PreviewForm(forms.Form):
    """The live preview's Markdown (markdownx posts it as ``content``)."""

    content = forms.CharField(required=False, strip=False, max_length=BODY_MAX_CHARS)

    def clean_content(self) -> str:
        if "content" not in self.data:
            raise forms.ValidationError("No content was sent.", code="required")
        return _markdown(self.cleaned_data["content"])


class ImageForm(forms.Form):
    """An image dropped or pasted into the editor (markdownx posts ``image``)."""

    image = forms.FileField()


class PresenceForm(forms.Form):
    """The editor page's heartbeat; ``leaving`` when the page is closed."""

    leaving = forms.BooleanField(required=False)


class AnswerFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="State",
        choices=[("", "Any state"), *Answer.State.choices],
        required=False,
    )
