"""Readers' forms. Reader text is cleaned the same way everywhere (NFC, no controls)."""

import re

from django import forms
from django.conf import settings

from columns.intake import clean_letter_text, normalise_code
from columns.models import Column, Topic

REPLACEMENT_CHARACTER = "\ufffd"  # what undecodable bytes become


class ReaderTextField(forms.CharField):
    """Text from a reader: cleaned (see ``clean_letter_text``) before validation."""

    def to_python(self, value):
        value = super().to_python(value)
        if REPLACEMENT_CHARACTER in value:
            raise forms.ValidationError(
                "Some characters could not be read. Please retype them (or paste the "
                "text again from a plain-text editor).",
                code="undecodable",
            )
        return clean_letter_text(value)


class AskForm(forms.Form):
    """A reader's letter to one column."""

    text = ReaderTextField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
        help_text="Write as much or as little as you like. Leave out names, places "
        "and anything else that could identify you or others.",
    )
    sign_off = ReaderTextField(
        label="Sign it as (optional)",
        required=False,
        max_length=80,
        help_text="A pseudonym such as “Nervous in Leeds”. Leave empty to be "
        "“Anonymous”.",
    )
    topic = forms.ModelChoiceField(
        label="Topic (optional)",
        queryset=Topic.objects.none(),
        required=False,
        empty_label="No particular topic",
    )
    # Hidden from people; bots that fill every field give themselves away.
    website = forms.CharField(required=False, label="Leave this empty")
    form_token = forms.RegexField(
        regex=r"^[A-Za-z0-9_\-]{32,64}$", widget=forms.HiddenInput
    )

    def __init__(self, *args, column: Column, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = column.topics.order_by("name")
        if not self.fields["topic"].queryset.exists():
            del self.fields["topic"]
        self.fields["text"].widget.attrs["maxlength"] = settings.ADVICE_LETTER_MAX_CHARS

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        low, high = settings.ADVICE_LETTER_MIN_CHARS, settings.ADVICE_LETTER_MAX_CHARS
        if len(text) < low:
            raise forms.ValidationError(
                f"Please tell us a little more: at least {low} characters "
                f"(you wrote {len(text)}).",
                code="too_short",
            )
        if len(text) > high:
            raise forms.ValidationError(
                f"Please keep it to {high:,} characters (you wrote {len(text):,}).",
                code="too_long",
            )
        return text

    def clean_sign_off(self) -> str:
        return " ".join(self.cleaned_data["sign_off"].split())

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class StatusForm(forms.Form):
    """A reader's receipt code, typed in as printed, spaces and dashes allowed."""

    code = forms.CharField(
        label="Your receipt code",
        max_length=100,
        help_text="The code shown when you sent your letter, e.g. ABCD-EFGH-…",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not re.fullmatch(r"[A-Z2-7]{28}", code):
            raise forms.ValidationError(
                "That doesn't look like a receipt code: it has 28 letters and "
                "digits, in groups of four.",
                code="malformed",
            )
        return code
