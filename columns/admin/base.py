"""What the admins share: workflow actions, audit history, guarded saving and the
refusal of bad ids and lookups sent to any admin."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS, PAGE_VAR
from django.core.exceptions import ValidationError
from django.db import DataError, NotSupportedError, ProgrammingError, models
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from taggit.managers import TaggableManager

from columns import workflow
from columns.forms.desk_fields import (
    IdChoiceField,
    IdMultipleChoiceField,
    TopicNamesField,
    stored_range,
)
from columns.workflow.editing import EditRefused
from columns.workflow.history import history

TOPICS_HELP = 'Separated by commas; a name holding a comma goes in "double quotes".'
# What a verb raises when it refuses a change from the back office.
Refused = (workflow.WorkflowError, EditRefused)


def render_history(obj: models.Model) -> SafeString:
    """The object's audit entries, newest first, as the desk shows them."""
    return render_to_string("desk/_history.html", {"history": history(obj)})


def transition_action(
    transition: workflow.Transition,
    *,
    noun: str,
    description: str | None = None,
) -> Callable:
    """A changelist action running the workflow verb of ``transition``.

    The verb runs on the whole selection, all or nothing: one refusal and nothing
    changes, and the user is told why. The action is offered only to users with the
    transition's permission (``has_<permission>_permission`` on the admin).
    """
    verb = getattr(workflow, transition.action)

    @admin.action(
        description=description or f"{transition.label} selected {noun}s",
        permissions=[transition.permission],
    )
    def action(modeladmin, request, queryset) -> None:
        try:
            count = workflow.apply_to_all(verb, queryset, by=request.user)
        except workflow.WorkflowError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
            return
        plural = noun if count == 1 else f"{noun}s"
        done = workflow.ACTION_LABELS[transition.action].lower()
        modeladmin.message_user(request, f"{count} {plural} {done}.", messages.SUCCESS)

    action.__name__ = transition.action
    return action


class ReadOnlyMixin:
    """For records nobody edits by hand (revisions, the audit log): view only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class WorkflowPermissionsMixin:
    """The ``has_<codename>_permission`` checks that workflow actions declare."""

    def has_triage_question_permission(self, request) -> bool:
        return workflow.may(request.user, "triage_question")

    def has_assign_question_permission(self, request) -> bool:
        return workflow.may(request.user, "assign_question")

    def has_draft_answer_permission(self, request) -> bool:
        return workflow.may(request.user, "draft_answer")

    def has_review_answer_permission(self, request) -> bool:
        return workflow.may(request.user, "review_answer")

    def has_publish_answer_permission(self, request) -> bool:
        return workflow.may(request.user, "publish_answer")


class VersionedForm(forms.ModelForm):
    """A form that refuses to save over changes made since it was opened.

    The version the user saw travels in a hidden field; the object is reloaded on
    POST, so a different version there means someone else saved in between.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict:
        cleaned_data = super().clean()
        seen = cleaned_data.get("seen_version")
        if self.instance.pk and seen is not None and seen != self.instance.version:
            noun = self.instance._meta.verbose_name
            raise forms.ValidationError(
                f"Someone else changed this {noun} since you opened it. Reload the "
                "page to see their changes, then make yours again.",
                code="stale",
            )
        return cleaned_data


class WorkflowSaveMixin:
    """Letters and answers change in the back office only through workflow verbs.

    ``save_change`` (each admin's own) calls the verb, which checks the user's
    role and the object's state, writes the audit entry and makes cached public
    pages stale; the many-to-many fields are the verb's too. A refusal is shown as
    an error on the unchanged page. Nothing is added or deleted here: letters
    arrive through the ask form and answers on assignment; a published answer is
    withdrawn, not deleted, and old declined letters are purged by
    ``purge_letters``.
    """

    form = VersionedForm

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, TaggableManager):  # the desk's one topic parser
            return TopicNamesField(label="Topics", help_text=TOPICS_HELP)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refusal:
            self.message_user(request, f"Not saved: {refusal}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change) -> None:
        if set(form.changed_data) - {"seen_version"}:  # not just the inlines
            fresh = type(obj).objects.get(pk=obj.pk)
            self.save_change(fresh, form.cleaned_data, by=request.user)

    def save_related(self, request, form, formsets, change) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_change(self, obj: models.Model, data: dict, *, by) -> None:
        raise NotImplementedError


def is_stored_id(model: type[models.Model], value) -> bool:
    """Whether ``value``, as sent by a browser, could be the id of a ``model`` row:
    one the database compares with its ids without failing the query."""
    pk = model._meta.pk
    target = pk.target_field if pk.is_relation else pk
    try:
        number = target.to_python(value)
    except ValidationError:
        return False
    if number is None:
        return False
    if isinstance(target, models.IntegerField):
        low, high = stored_range(target)
        return low <= number <= high
    return True


def _shown(model: type[models.Model], item) -> bool:
    return not isinstance(item, str) or is_stored_id(model, item)


class ShowsStoredIdsMixin:
    """For id choice fields in the admin: a refused form shows again only the ids
    that could exist. The autocomplete widget looks the ids it shows up with
    ``pk__in``, which an id past 64 bits (or not a number) would fail."""

    def bound_data(self, data, initial):
        data = super().bound_data(data, initial)
        model = self.queryset.model
        if isinstance(data, list | tuple):
            return [item for item in data if _shown(model, item)]
        return data if _shown(model, data) else None


class AdminIdChoiceField(ShowsStoredIdsMixin, IdChoiceField):
    """A foreign key picked by id: an id no row can have is a form error."""


class AdminIdMultipleChoiceField(ShowsStoredIdsMixin, IdMultipleChoiceField):
    """A many-to-many picked by ids: an id no row can have is a form error."""


# Lookup errors that Django's changelist finds only when the query runs, not when
# it builds it: SQLite's OverflowError for a number past 64 bits (``__in`` and
# relation lookups are not range-checked), a year out of range, a ``__range``
# given one value, a JSON lookup SQLite lacks.
RUN_TIME_LOOKUP_ERRORS = (
    OverflowError,
    ValueError,
    DataError,
    NotSupportedError,
    ProgrammingError,
)
NOT_LOOKUPS = {*IGNORED_PARAMS, PAGE_VAR, ERROR_FLAG}


class GuardedInputMixin:
    """Bad input to an admin is refused, never a server error: every ModelAdmin of
    the app has this mixin first.

    - Foreign keys and many-to-manys are picked with range-checked id fields, so
      an id no row can have is a form error.
    - An action on a selection holding such an id changes nothing and says why.
    - Filters in the changelist's address that fail the query are Django's
      "incorrect lookup parameters": the changelist is shown without them.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.target_field == db_field.related_model._meta.pk:
            kwargs.setdefault("form_class", AdminIdChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", AdminIdMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if all(is_stored_id(self.model, value) for value in selected):
            return super().response_action(request, queryset)
        noun = self.model._meta.verbose_name
        self.message_user(
            request,
            f"Nothing was changed: the selection held an id that no {noun} can have.",
            messages.ERROR,
        )
        return None  # the changelist redirects back to itself

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except RUN_TIME_LOOKUP_ERRORS as error:
            if not set(request.GET) - NOT_LOOKUPS:
                raise  # no filter in the address: the error is ours
            raise IncorrectLookupParameters(error) from error
