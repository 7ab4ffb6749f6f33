"""Fields, widgets and choices of the desk's forms (``columns.forms.desk``), and the
fields that the desk and the answer editor share: range-checked numbers and ids, and
topic names typed as a list."""

import re

from django import forms
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from columns import workflow
from columns.models import Answer, Topic, User

MAX_TOPICS = 20
TOPIC_MAX_CHARS = Topic._meta.get_field("name").max_length
# One name of a typed list: in double quotes (commas allowed), or up to a comma.
TOPIC_NAME = re.compile(r'\s*"([^"]*)"\s*(?=,|$)|([^,]+)')


def answer_authors() -> QuerySet[User]:
    """Active users who may draft answers: the people letters can be assigned to."""
    may_draft = (
        Q(groups__permissions__codename="draft_answer")
        | Q(user_permissions__codename="draft_answer")
        | Q(is_superuser=True)
    )
    users = User.objects.filter(may_draft, is_active=True).distinct()
    return users.order_by("public_name", "username")


def drafting_answers(column_id: int | None = None) -> QuerySet[Answer]:
    """Answers still being written (of one column, if given), which letters can
    join as a roundup.

    The few drafts are picked in a subquery of their own: joined with the column
    for the ordering, SQLite would read every answer of the column instead.
    """
    drafting = Answer.objects.filter(state__in=workflow.DRAFTING)
    if column_id is not None:
        drafting = drafting.filter(column_id=column_id)
    return (
        Answer.objects.filter(pk__in=drafting.values("pk"))
        .select_related("column")
        .defer("body", "body_html", "summary")
        .order_by("column__name", "title")
    )


def stored_range(model_field: models.Field) -> tuple[int, int]:
    """The whole numbers ``model_field`` can hold; for an automatic id, from 1.

    The ranges are those of the column types on PostgreSQL, not what the database
    in use accepts: SQLite takes any 64-bit number in a ``PositiveIntegerField``
    (so a version of 2**63 - 1 would overflow when bumped), and past 2**63 - 1 it
    fails the whole query with ``OverflowError`` instead of finding nothing.
    """
    internal_type = model_field.get_internal_type()
    low, high = BaseDatabaseOperations.integer_field_ranges[internal_type]
    return (1 if isinstance(model_field, models.AutoField) else low), high


class StoredIntegerField(forms.IntegerField):
    """A whole number that ``model_field`` can hold (and at least ``min_value``, if
    given): any other is a form error before a query sees it."""

    def __init__(
        self, model_field: models.Field, *, min_value: int | None = None, **kwargs
    ) -> None:
        low, high = stored_range(model_field)
        if min_value is not None:
            low = max(low, min_value)
        super().__init__(min_value=low, max_value=high, **kwargs)


class VersionField(StoredIntegerField):
    """The version of a ``model`` row that the page showed, sent back hidden."""

    def __init__(self, model: type[models.Model]) -> None:
        version = model._meta.get_field("version")
        super().__init__(version, min_value=1, widget=forms.HiddenInput)


class IdRangeMixin:
    """For model choice fields (by id): an id out of the range of the model's ids is
    an invalid choice, refused before the lookup.

    Django checks the range of a single ``pk=`` lookup but not of the ``pk__in=``
    lookup of a multiple choice, which SQLite fails with ``OverflowError``.
    """

    def clean(self, value):
        low, high = stored_range(self.queryset.model._meta.pk)
        for item in value if isinstance(value, list | tuple) else [value]:
            try:
                number = int(item)
            except (TypeError, ValueError):
                continue  # not a number at all: the field's own check refuses it
            if not low <= number <= high:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super().clean(value)


class IdChoiceField(IdRangeMixin, forms.ModelChoiceField):
    """A row picked by its id."""


class IdMultipleChoiceField(IdRangeMixin, forms.ModelMultipleChoiceField):
    """Rows picked by their ids."""


class AnswerChoiceField(IdChoiceField):
    def label_from_instance(self, answer: Answer) -> str:
        return f"{answer.column.name}: {answer.title}"


class AuthorChoiceField(IdChoiceField):
    def label_from_instance(self, user: User) -> str:
        return user.byline


class QuickSelect(forms.Select):
    """A ``<select>`` written out in Python instead of a template per option.

    The queue renders its filters on every page view (one of them lists every
    topic), and Django's widget templates cost more than the rest of the page.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<select name="{escape(name)}"{attributes}>{options}</select>'
        )


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes written out in Python, like ``QuickSelect``: the triage page
    offers every topic as a checkbox."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = set(self.format_value(value))
        prefix = escape(self.build_attrs(self.attrs, attrs).get("id", name))
        return mark_safe(
            "".join(
                f'<span class="choice"><input type="checkbox" name="{escape(name)}" '
                f'value="{escape(key)}" id="{prefix}_{index}"'
                f"{' checked' if str(key) in chosen else ''}> "
                f'<label for="{prefix}_{index}" class="inline-label">'
                f"{escape(label)}</label></span>"
                for index, (key, label) in enumerate(self.choices)
            )
        )


class TopicNamesField(forms.CharField):
    """Topic names typed as a list, cleaned to names without repeats (any case), in
    the order typed: the desk's new topics and the answer editor's topics.

    Names are separated by commas; a name in double quotes may hold commas, so the
    list shown for editing (``prepare_value``, A to Z) gives back the same topics.
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value  # nothing, or the text as typed
        names = sorted(map(str, value), key=str.casefold)  # topics or their names
        return ", ".join(f'"{name}"' if "," in name else name for name in names)

    def to_python(self, value) -> list[str]:
        names: list[str] = []
        for quoted, plain in TOPIC_NAME.findall(super().to_python(value)):
            name = " ".join((quoted or plain).split())
            if name and name.lower() not in {known.lower() for known in names}:
                names.append(name)
        return names

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise forms.ValidationError("Name at least one topic.", code="required")
        if len(value) > MAX_TOPICS:
            raise forms.ValidationError(
                f"At most {MAX_TOPICS} topics at once.", code="too_many"
            )
        for name in value:
            # A topic's address is its slug, made as taggit makes it.
            if len(name) > TOPIC_MAX_CHARS or not slugify(name, allow_unicode=True):
                raise forms.ValidationError(
                    f"“{name[:40]}” can't be a topic: use up to {TOPIC_MAX_CHARS} "
                    "characters, with letters or digits.",
                    code="invalid_name",
                )

    def run_validators(self, value) -> None:
        # CharField's length validators would measure the list, not the text.
        return None

    def has_changed(self, initial, data) -> bool:
        if self.disabled:
            return False
        before = self.to_python(self.prepare_value(initial))
        return {name.lower() for name in before} != {
            name.lower() for name in self.to_python(data)
        }
