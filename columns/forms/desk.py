"""The desk's forms: queue filters, the triage page's edits and actions, bulk actions.

Every form that changes a letter carries the ``version`` the editor saw, so a page
left open while someone else changed the letter is refused instead of overwriting.
Letters and answers picked by id are looked up within what the page offers (the
letter's column, drafts still being written), so a forged or foreign id is a form
error, never a change. Every id and number is checked against the range its model
field holds before any query sees it (``columns.forms.desk_fields``).
"""

from django import forms
from django.http import QueryDict

from columns import workflow
from columns.forms.desk_fields import (
    AnswerChoiceField,
    AuthorChoiceField,
    IdChoiceField,
    IdMultipleChoiceField,
    QuickCheckboxes,
    QuickSelect,
    StoredIntegerField,
    TopicNamesField,
    VersionField,
    answer_authors,
    drafting_answers,
)
from columns.forms.intake import ReaderTextField
from columns.models import Answer, Column, ContentWarning, Question, Topic

Status = Question.Status
MAX_BULK = 500
AGES = [(1, "a day"), (3, "3 days"), (7, "a week"), (14, "2 weeks"), (30, "a month")]
PAGE_SIZES = [25, 50, 100, 200]


class QueueFilterForm(forms.Form):
    """The review queue's filters, sort and paging cursor (sent by GET)."""

    q = forms.CharField(label="Search letters", required=False, max_length=200)
    # Columns, topics and assignees are choices read once per page (ids, or slugs
    # for topics, and names): validating a pick then costs no query of its own,
    # so the queue's query count stays the same whichever filters are set.
    column = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, widget=QuickSelect
    )
    status = forms.ChoiceField(
        choices=[
            ("waiting", "Waiting (new or shortlisted)"),
            *Status.choices,
            ("all", "Any status"),
        ],
        widget=QuickSelect,
    )
    topic = forms.ChoiceField(required=False, widget=QuickSelect)
    assignee = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, widget=QuickSelect
    )
    flagged = forms.ChoiceField(
        label="Safety flag",
        choices=[
            ("", "Flagged or not"),
            ("yes", "Flagged only"),
            ("no", "Not flagged"),
        ],
        required=False,
        widget=QuickSelect,
    )
    age = forms.TypedChoiceField(
        label="Waiting longer than",
        choices=[("", "Any time"), *AGES],
        coerce=int,
        empty_value=None,
        required=False,
        widget=QuickSelect,
    )
    sort = forms.ChoiceField(
        choices=[("oldest", "Oldest first"), ("newest", "Newest first")],
        widget=QuickSelect,
    )
    size = forms.TypedChoiceField(
        label="Per page",
        choices=[(size, size) for size in PAGE_SIZES],
        coerce=int,
        widget=QuickSelect,
    )
    after = StoredIntegerField(
        Question._meta.pk, required=False, widget=forms.HiddenInput
    )
    before = StoredIntegerField(
        Question._meta.pk, required=False, widget=forms.HiddenInput
    )

    # What an empty query string means: the waiting letters, oldest first.
    DEFAULTS = {"status": "waiting", "sort": "oldest", "size": "50"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        columns = Column.objects.values_list("pk", "name")
        topics = Topic.objects.order_by("name").values_list("slug", "name")
        self.fields["column"].choices = [("", "All columns"), *columns]
        self.fields["topic"].choices = [("", "Any topic"), *topics]
        self.fields["assignee"].choices = [
            ("", "Anyone or no one"),
            *((person.pk, person.byline) for person in answer_authors()),
        ]

    @classmethod
    def from_query(cls, query: QueryDict) -> "QueueFilterForm":
        """The form bound to ``query``, the defaults filling what it leaves out (so
        the filters show what the page lists)."""
        data = query.copy()
        for name, value in cls.DEFAULTS.items():
            if not data.get(name):
                data[name] = value
        return cls(data)


class LetterEditForm(forms.Form):
    """The letter as it will be printed, its classification and internal notes."""

    version = VersionField(Question)
    headline = forms.CharField(max_length=200, required=False)
    public_text = ReaderTextField(
        label="Public text",
        max_length=20_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="What will be printed. Remove names, places and anything else "
        "that could identify the reader or others.",
    )
    sign_off = ReaderTextField(label="Sign-off", max_length=80)
    topics = IdMultipleChoiceField(
        Topic.objects.order_by("name"), widget=QuickCheckboxes, required=False
    )
    new_topics = TopicNamesField(
        label="Add new topics", help_text="Comma-separated, e.g. “jealousy, trust”."
    )
    content_warnings = IdMultipleChoiceField(
        ContentWarning.objects.all(), widget=QuickCheckboxes, required=False
    )
    internal_notes = forms.CharField(
        label="Internal notes",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For the desk only; never shown to readers or columnists.",
    )

    @classmethod
    def initial_for(cls, letter: Question) -> dict:
        return {
            "version": letter.version,
            "headline": letter.headline,
            "public_text": letter.public_text,
            "sign_off": letter.sign_off,
            "topics": list(letter.topics.all()),
            "content_warnings": list(letter.content_warnings.all()),
            "internal_notes": letter.internal_notes,
        }

    def clean_sign_off(self) -> str:
        return " ".join(self.cleaned_data["sign_off"].split())

    def clean_public_text(self) -> str:
        text = self.cleaned_data["public_text"]
        if not text:
            raise forms.ValidationError("The public text can't be empty.")
        return text

    def to_edit(self) -> workflow.LetterEdit:
        data = self.cleaned_data
        names = [topic.name for topic in data["topics"]]
        names += [
            name
            for name in data["new_topics"]
            if name.lower() not in {known.lower() for known in names}
        ]
        return workflow.LetterEdit(
            headline=data["headline"].strip(),
            public_text=data["public_text"],
            sign_off=data["sign_off"],
            internal_notes=data["internal_notes"],
            topics=tuple(names),
            content_warnings=tuple(data["content_warnings"]),
        )


class ActionForm(forms.Form):
    """A transition of one letter: the version seen and an optional internal note.

    The triage page is one HTML form (every button sends the letter's edited text
    along, ``columns.views.desk.actions``), holding the fields of every action; so
    each action's note has a name of its own, "<action>-note" ("decline-note",
    "assign-note"). The version is the page's one ``version`` field.
    """

    action = "action"

    version = VersionField(Question)
    note = forms.CharField(
        label="Internal note", max_length=1000, required=False, strip=True
    )

    def __init__(self, *args, action: str | None = None, **kwargs) -> None:
        if action is not None:
            self.action = action
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name: str) -> str:
        if field_name == "note":
            return f"{self.action}-note"
        return super().add_prefix(field_name)


class AssignForm(ActionForm):
    """Assign the letter to a columnist, in a new draft or an existing one."""

    action = "assign"

    columnist = AuthorChoiceField(
        answer_authors(), empty_label="Choose…", widget=QuickSelect
    )
    answer = AnswerChoiceField(
        Answer.objects.none(),
        required=False,
        label="Print it in",
        empty_label="A new draft answer",
        widget=QuickSelect,
    )
    confirm_anonymity = forms.BooleanField(
        required=False,
        label="I checked the highlighted possible identifiers: they may stay.",
    )

    def __init__(self, *args, letter: Question, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].queryset = drafting_answers(letter.column_id)


class DuplicateForm(ActionForm):
    """Mark the letter as a duplicate of another letter of its column."""

    action = "duplicate"

    original = IdChoiceField(
        Question.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose a letter of the same column."},
    )

    def __init__(self, *args, letter: Question, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["original"].queryset = Question.objects.filter(
            column_id=letter.column_id
        ).exclude(pk=letter.pk)


class MergeForm(ActionForm):
    """Merge a cluster of similar letters into this one."""

    action = "merge"

    duplicates = IdMultipleChoiceField(
        Question.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "invalid_choice": "Only letters of the same column can be merged.",
            "required": "Tick the letters to merge into this one.",
        },
    )

    def __init__(self, *args, letter: Question, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = Question.objects.filter(
            column_id=letter.column_id
        ).exclude(pk=letter.pk)


class BulkForm(forms.Form):
    """A bulk action on letters ticked in the queue.

    Sent twice: first from the queue (letters and action), which shows a
    confirmation page; then, with ``confirmed`` and the action's details, to act.
    """

    ACTIONS = [
        ("shortlist", "Shortlist"),
        ("decline", "Decline"),
        ("mark_spam", "Mark as spam"),
        ("tag", "Add topics"),
        ("assign", "Assign to a columnist"),
    ]

    letters = IdMultipleChoiceField(
        Question.objects.select_related("column", "assignee"),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": "Tick at least one letter.",
            "invalid_choice": "Letter %(value)s does not exist.",
            "invalid_pk_value": "“%(pk)s” is not a letter number.",
        },
    )
    action = forms.ChoiceField(label="With the ticked letters", choices=ACTIONS)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(label="Internal note", max_length=1000, required=False)
    topics = TopicNamesField(
        label="Topics to add", help_text="Comma-separated; new names become topics."
    )
    columnist = AuthorChoiceField(
        answer_authors(), required=False, empty_label="Choose…", widget=QuickSelect
    )
    answer = AnswerChoiceField(
        drafting_answers(),
        required=False,
        label="Print them in",
        empty_label="New draft answers",
        widget=QuickSelect,
    )
    together = forms.BooleanField(
        required=False, label="Print them together, in one new roundup answer"
    )
    return_to = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_letters(self) -> list[Question]:
        letters = list(self.cleaned_data["letters"])
        if len(letters) > MAX_BULK:
            raise forms.ValidationError(
                f"At most {MAX_BULK} letters at once (you ticked {len(letters)})."
            )
        return letters

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("confirmed"):
            return data
        if data.get("action") == "tag" and not data.get("topics"):
            self.add_error("topics", "Name at least one topic to add.")
        if data.get("action") == "assign" and not data.get("columnist"):
            self.add_error("columnist", "Choose the columnist.")
        return data


class TextCheckForm(forms.Form):
    """The printed parts of the letter as the editor is typing them, for a live
    anonymity check (limits as in ``LetterEditForm``)."""

    headline = forms.CharField(max_length=200, required=False)
    public_text = ReaderTextField(max_length=20_000, required=False, strip=False)
    sign_off = ReaderTextField(max_length=80, required=False, strip=False)


class LetterFindForm(forms.Form):
    """Search for the letter this one duplicates (words or a letter number).

    Its field stands inside the triage page's form but belongs to a GET form of its
    own (``form=``), so a search never sends the letter's text along.
    """

    find = forms.CharField(
        label="Find the original letter",
        max_length=200,
        required=False,
        help_text="Words from it, or its number.",
        widget=forms.TextInput(attrs={"form": "letter-find-form"}),
    )
