"""Forms of review and publication on the editor page: comments, workflow steps
with their notes, publishing now or at a date and time, and the review date."""

import datetime as dt
from collections.abc import Callable

from django import forms
from django.utils import timezone

NOTE_MAX_CHARS = 1_000
COMMENT_MAX_CHARS = 5_000
SCHEDULE_MAX_DAYS = 366


class PickerMixin:
    """A native date or time picker. A value it can't show (a mistyped date sent
    back with its error) is left out, as the browser would drop it anyway."""

    parse: Callable[[str], object]

    def format_value(self, value):
        value = super().format_value(value)
        try:
            type(self).parse(value)
        except (TypeError, ValueError):
            return None
        return value


class DatePicker(PickerMixin, forms.DateInput):
    input_type = "date"
    parse = dt.date.fromisoformat


class TimePicker(PickerMixin, forms.TimeInput):
    input_type = "time"
    parse = dt.time.fromisoformat


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "comment_%s")  # the answer has a "body" too
        super().__init__(*args, **kwargs)


class NoteForm(forms.Form):
    """An optional note that goes into the audit history with a workflow step."""

    note = forms.CharField(
        label="Note (optional)",
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChangesForm(forms.Form):
    note = forms.CharField(
        label="What should change",
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Emailed to the columnist and kept in the history.",
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label="Reason for withdrawing",
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the history. The answer's address will say it was removed.",
    )


class PublishForm(forms.Form):
    """Publish now; with letters that need it, an explicit confirmation."""

    confirm = forms.BooleanField(
        label="I have checked the flagged letters and confirm they can be published.",
        required=False,
    )

    def __init__(self, *args, concerns: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.concerns = concerns
        if concerns:
            self.fields["confirm"].required = True
            self.fields["confirm"].error_messages["required"] = (
                "Tick the box to confirm publishing the flagged letters."
            )
        else:
            del self.fields["confirm"]

    @property
    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirm"))

    def publish_at(self) -> dt.datetime | None:
        return None


class ScheduleForm(PublishForm):
    """Publish at a date and time in the site's time zone."""

    date = forms.DateField(widget=DatePicker())
    time = forms.TimeField(widget=TimePicker(format="%H:%M"))

    field_order = ["date", "time", "confirm"]

    def clean(self) -> dict:
        cleaned = super().clean()
        day, moment = cleaned.get("date"), cleaned.get("time")
        if day is None or moment is None:
            return cleaned
        zone = timezone.get_default_timezone()
        today = timezone.localdate()
        # Checked on the date before any arithmetic: far-off years would overflow.
        if day < today:
            raise forms.ValidationError("That date has passed.", code="past")
        if day > today + dt.timedelta(days=SCHEDULE_MAX_DAYS):
            raise forms.ValidationError(
                "Schedule at most a year ahead.", code="too_far"
            )
        wall = dt.datetime.combine(day, moment)
        at = wall.replace(tzinfo=zone)
        if at.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != wall:
            raise forms.ValidationError(
                f"{moment:%H:%M} doesn't exist on {day:%-d %B} in {zone} (the "
                "clocks go forward). Pick another time.",
                code="nonexistent",
            )
        if at <= timezone.now():
            raise forms.ValidationError(
                f"{moment:%H:%M} on {day:%-d %B} has passed ({zone} time).",
                code="past",
            )
        cleaned["publish_at"] = at
        return cleaned

    def publish_at(self) -> dt.datetime | None:
        return self.cleaned_data["publish_at"]


class ReviewedForm(forms.Form):
    reviewed_on = forms.DateField(
        label="Reviewed on",
        widget=DatePicker(),
        help_text="The date the answer was checked for accuracy; shown publicly.",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "reviewed_%s")
        super().__init__(*args, **kwargs)

    def clean_reviewed_on(self) -> dt.date:
        day = self.cleaned_data["reviewed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The review date can't be in the future.")
        return day
