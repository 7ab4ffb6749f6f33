"""Forms of review and publication on the editor page: comments, workflow steps
with their notes, publishing now or at a date and time, and the review date."""

import datetime as dt
from collections.abc import Callable

from django import forms
from django.utils import timezone

from columns.passages import CONTEXT_CHARS, PASSAGE_MAX_CHARS

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
    """A comment on the whole answer, or on a passage of its body: the quoted
    words, with the text either side when the browser picked them from the body."""

    body = forms.CharField(
        label="Comment",
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    passage = forms.CharField(
        label="Passage (quote the words)",
        max_length=PASSAGE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: copy the words of the answer this comment is about. "
        "Empty: a comment on the whole answer.",
    )
    # Spacing counts here, so nothing is stripped. The page's script sends at most
    # CONTEXT_CHARS either side; a little more is cut to that, far more refused.
    passage_before = forms.CharField(
        required=False,
        strip=False,
        max_length=4 * CONTEXT_CHARS,
        widget=forms.HiddenInput,
    )
    passage_after = forms.CharField(
        required=False,
        strip=False,
        max_length=4 * CONTEXT_CHARS,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "comment_%s")  # the answer has a "body" too
        super().__init__(*args, **kwargs)

    def clean_passage(self) -> str:
        # Browsers send a text box's line ends as CRLF; the body is stored with LF.
        return _lf(self.cleaned_data["passage"])

    def clean_passage_before(self) -> str:
        return _lf(self.cleaned_data["passage_before"])[-CONTEXT_CHARS:]

    def clean_passage_after(self) -> str:
        return _lf(self.cleaned_data["passage_after"])[:CONTEXT_CHARS]


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


class RescheduleForm(ScheduleForm):
    """A new date and time for a scheduled answer, in the site's time zone. Its
    letters were confirmed when it was scheduled, so there is no tick box."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["concerns"] = []
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(answer) -> dict:
        """The date and time it is scheduled for now, as the form shows them."""
        at = timezone.localtime(answer.publish_at, timezone.get_default_timezone())
        return {"date": at.date(), "time": at.time().replace(second=0, microsecond=0)}


class ReopenForm(forms.Form):
    note = forms.CharField(
        label="Why it should be reopened",
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Emailed to the editors and kept in the history. An editor can "
        "correct the live answer, or withdraw it and put it back to draft for you.",
    )


class LetterMoveForm(forms.Form):
    """One letter of a roundup (``printed``: the letters' ids in print order), one
    place up or down."""

    letter = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])

    def __init__(self, *args, printed: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.printed = printed

    def clean_letter(self) -> int:
        letter = self.cleaned_data["letter"]
        if letter not in self.printed:
            raise forms.ValidationError("That letter is not printed in this answer.")
        return letter

    def order(self) -> list[int]:
        """The print order with the letter moved (unchanged at either end)."""
        order = list(self.printed)
        index = order.index(self.cleaned_data["letter"])
        other = index - 1 if self.cleaned_data["direction"] == "up" else index + 1
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
        return order
