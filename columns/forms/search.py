"""The public search form: a query and optional column and topic filters."""

from django import forms

from columns.models import Column, Topic
from columns.search.parsing import MAX_QUERY_CHARS, without_control_characters


class WithoutControlCharacters:
    """A field mixin: control and format characters are removed from the value
    before it is checked or shown again, so a stray NUL changes nothing rather
    than failing."""

    def to_python(self, value):
        return super().to_python(_visible(value))

    def bound_data(self, data, initial):
        return _visible(super().bound_data(data, initial))


def _visible(value: object) -> object:
    return without_control_characters(value) if isinstance(value, str) else value


class QueryField(WithoutControlCharacters, forms.CharField):
    pass


class FilterField(WithoutControlCharacters, forms.ChoiceField):
    pass


class SearchForm(forms.Form):
    """``?q=&column=&topic=``; the filters' choices are passed in, so rendering and
    validating them costs no query of its own."""

    q = QueryField(
        label="Search answers",
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    column = FilterField(
        label="Column",
        required=False,
        error_messages={
            "invalid_choice": "There is no such column. Pick one from the list, "
            "or search all columns."
        },
    )
    topic = FilterField(
        label="Topic",
        required=False,
        error_messages={
            "invalid_choice": "No published answer has that topic. Pick one from "
            "the list, or search all topics."
        },
    )

    def __init__(self, *args, columns: list[Column], topics: list[Topic], **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = {column.slug: column for column in columns}
        self.topics = {topic.slug: topic for topic in topics}
        self.fields["column"].choices = [("", "All columns")] + [
            (column.slug, column.name) for column in columns
        ]
        self.fields["topic"].choices = [("", "All topics")] + [
            (topic.slug, topic.name) for topic in topics
        ]

    def clean_q(self) -> str:
        # Over-long queries are cut, not refused (the parser would cut them anyway).
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]

    def clean_column(self) -> Column | None:
        return self.columns.get(self.cleaned_data["column"])

    def clean_topic(self) -> Topic | None:
        return self.topics.get(self.cleaned_data["topic"])
