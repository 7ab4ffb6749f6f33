"""Bad input to the back office (``columns.admin``) is refused with a 4xx, a message
or a form error, never a 500: ids no row can have in actions, forms, filters and
addresses, on every registered admin."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from columns.admin.base import GuardedInputMixin, is_stored_id
from columns.models import (
    Answer,
    AuditEntry,
    Column,
    Question,
    User,
)
from tests.factories import make_answer, make_column, make_question
from tests.test_admin import (
    MODEL_IDS,
    REGISTERED_MODELS,
    admin_url,
    desk,  # noqa: F401 (a fixture, used by name)
    form_data,
    messages_of,
)

HUGE = "99999999999999999999"  # past 2**64: SQLite cannot even bind it
BAD_IDS = {"huge": HUGE, "minus-huge": f"-{HUGE}", "minus-1": "-1", "text": "abc"}
REFUSED = "Nothing was changed: the selection held an id that no {} can have."


def cases(rows: list[tuple]) -> list:
    """``rows`` (a model first) with each bad id."""
    return [
        pytest.param(
            *row,
            BAD_IDS[name],
            id="-".join([row[0]._meta.label, *map(str, row[1:]), name]),
        )
        for row in rows
        for name in BAD_IDS
    ]


def snapshot() -> dict:
    """Every row of every model in the back office, to check nothing changed."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in REGISTERED_MODELS
    }


def relations(form) -> set[str]:
    return {name for name, field in form.fields.items() if hasattr(field, "queryset")}


@pytest.fixture
def browser(superuser) -> Client:
    """A superuser's client that returns a server error instead of raising it."""
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        (str(2**63 - 1), True),
        (str(2**63), False),
        (HUGE, False),
        ("0", False),
        ("-1", False),
        (f"-{HUGE}", False),
        ("abc", False),
        ("1.5", False),
        ("", False),
    ],
)
def test_is_stored_id_accepts_only_ids_an_automatic_id_can_take(value, expected):
    assert is_stored_id(Question, value) is expected


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
def test_every_admin_in_the_back_office_guards_its_input(model):
    assert isinstance(admin.site._registry[model], GuardedInputMixin)


@pytest.mark.parametrize(
    ("model", "value"), cases([(model,) for model in REGISTERED_MODELS])
)
@pytest.mark.usefixtures("desk")
def test_an_action_on_a_selection_with_a_bad_id_changes_nothing(
    browser, rf, superuser, model, value
):
    request = rf.get("/")
    request.user = superuser
    actions = list(admin.site._registry[model].get_actions(request))
    # Deleting is what the valid id in the selection would suffer if the bad one
    # were ignored; "post" skips the confirmation page.
    action = "delete_selected" if "delete_selected" in actions else "nothing"
    valid = model._default_manager.order_by("pk").first().pk
    before = snapshot()
    response = browser.post(
        admin_url(model, "changelist"),
        {
            "action": action,
            "_selected_action": [str(valid), value],
            "index": "0",
            "post": "yes",
        },
    )
    assert response.status_code < 500
    if isinstance(admin.site._registry[model], GuardedInputMixin):
        # Other admins act on the rows that exist and ignore the other ids.
        assert snapshot() == before


@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", "abc"])
@pytest.mark.parametrize(
    ("model", "action", "make"),
    [
        (Question, "shortlist", make_question),
        (Answer, "submit_for_review", make_answer),
    ],
)
def test_a_workflow_action_with_a_bad_id_changes_nothing_and_says_why(
    client, editor, model, action, make, value
):
    good = make()
    client.force_login(editor)
    before = snapshot()
    response = client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [good.pk, value], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    noun = model._meta.verbose_name
    assert messages_of(response) == [("error", REFUSED.format(noun))]
    assert snapshot() == before


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ids=st.lists(st.integers(-(2**70), 2**70), min_size=1, max_size=3))
@pytest.mark.usefixtures("desk")
def test_shortlisting_any_integers_is_never_a_server_error(browser, ids):
    before = snapshot()
    response = browser.post(
        admin_url(Question, "changelist"),
        {"action": "shortlist", "_selected_action": ids, "index": "0"},
    )
    assert response.status_code < 500
    refused = any(not 1 <= number < 2**63 for number in ids)
    if refused or not Question.objects.filter(pk__in=ids).exists():
        assert snapshot() == before


# Every foreign key and many-to-many on an admin form, by the view showing it
# (the next test checks that the table is complete).
FORM_RELATIONS = [
    (Answer, "change", "content_warnings"),
    (Column, "add", "hosts"),
    (Column, "add", "topics"),
    (Column, "add", "help_resources"),
    (Column, "change", "hosts"),
    (Column, "change", "topics"),
    (Column, "change", "help_resources"),
    (Question, "change", "content_warnings"),
    (User, "change", "groups"),
    (User, "change", "user_permissions"),
    (Group, "add", "permissions"),
    (Group, "change", "permissions"),
    (StaticDevice, "add", "user"),
    (StaticDevice, "change", "user"),
    (TOTPDevice, "add", "user"),
    (TOTPDevice, "change", "user"),
]


def form_url(model, view: str) -> str:
    if view == "add":
        return admin_url(model, "add")
    return admin_url(model, "change", model._default_manager.order_by("pk")[0].pk)


@pytest.mark.usefixtures("desk")
def test_the_table_of_form_relations_lists_every_admin_form(client, superuser):
    client.force_login(superuser)
    found = set()
    for model in REGISTERED_MODELS:
        for view in ("add", "change"):
            response = client.get(form_url(model, view))
            if response.status_code == 200:
                form = response.context["adminform"].form
                found |= {(model, view, name) for name in relations(form)}
    assert found == set(FORM_RELATIONS)


@pytest.mark.parametrize(("model", "view", "name", "value"), cases(FORM_RELATIONS))
@pytest.mark.usefixtures("desk")
def test_a_form_with_a_bad_id_is_shown_again_with_an_error(
    browser, model, view, name, value
):
    url = form_url(model, view)
    page = browser.get(url)
    data = form_data(page)
    field = page.context["adminform"].form.fields[name]
    if isinstance(field, forms.ModelMultipleChoiceField):
        value = [*data.get(name, []), value]  # with the ones already chosen
    before = snapshot()
    response = browser.post(url, {**data, name: value})
    assert response.status_code == 200
    assert name in response.context["adminform"].form.errors
    assert snapshot() == before


@pytest.mark.parametrize(
    ("model", "value"), cases([(model,) for model in REGISTERED_MODELS])
)
@pytest.mark.usefixtures("desk")
def test_an_address_with_a_bad_id_is_not_a_server_error(browser, model, value):
    for view in ("change", "history", "delete"):
        assert browser.get(admin_url(model, view, value)).status_code < 500
    before = snapshot()
    response = browser.post(admin_url(model, "delete", value), {"post": "yes"})
    assert response.status_code < 500
    assert snapshot() == before


def lookups(model) -> list[str]:
    """Filters a crafted address could hold on the number, date and relation
    fields: the lookups that fail SQLite with a bad number (``__in`` and relations
    are not range-checked, a year must fit a date, ``__range`` needs two values)."""
    found = []
    for field in model._meta.get_fields():
        if isinstance(field, models.IntegerField | models.DateField):
            found += [f"{field.name}__in", f"{field.name}__range"]
            found += [f"{field.name}__year", f"{field.name}__year__in"]
        elif field.is_relation and field.related_model is not None:
            pk = field.related_model._meta.pk.name
            found += [field.name, f"{field.name}__in", f"{field.name}__gt"]
            found += [f"{field.name}__{pk}__exact", f"{field.name}__{pk}__in"]
    return found


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
@pytest.mark.usefixtures("desk")
def test_a_changelist_filter_with_a_bad_number_is_not_a_server_error(browser, model):
    url = admin_url(model, "changelist")
    failures = [
        (lookup, value)
        for lookup in lookups(model)
        for value in (HUGE, f"1,-{HUGE}")
        if browser.get(url, {lookup: value}).status_code >= 500
    ]
    assert failures == []


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (Question, "column__id__exact"),
        (Question, "assignee__id__exact"),
        (Question, "content_warnings__id__exact"),
        (Answer, "authors__id__exact"),
    ],
)
@pytest.mark.usefixtures("desk")
def test_a_filter_django_range_checks_lists_nothing(browser, model, lookup):
    make_column()  # a filter on one column only is not shown, and not applied
    response = browser.get(admin_url(model, "changelist"), {lookup: HUGE})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (Question, "column"),
        (Question, "content_warnings__in"),
        (Question, "id__in"),
        (Answer, "authors"),
        (Answer, "column__id__in"),
        (AuditEntry, "actor__in"),
    ],
)
@pytest.mark.usefixtures("desk")
def test_a_filter_that_would_fail_the_query_is_dropped_or_finds_nothing(
    browser, model, lookup
):
    response = browser.get(admin_url(model, "changelist"), {lookup: HUGE})
    if response.status_code == 302:  # SQLite can't even bind such a number
        assert response.url.endswith("?e=1")  # Django's "incorrect lookup" page
    else:  # PostgreSQL compares it and finds no row
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == []
