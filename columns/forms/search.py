"""The public search form: a query and optional column and topic filters."""

from django import forms

from columns.models import Column, Topic
from columns.search.parsing import MAX_QUERY_CHARS


class SearchForm(forms.Form):
    """``?q=&column=&topic=``; the filters' choices are passed in, so rendering and
    validating them costs no query of its own."""

    q = forms.CharField(
        label="Search answers",
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    column = forms.ChoiceField(label="Column", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)

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
