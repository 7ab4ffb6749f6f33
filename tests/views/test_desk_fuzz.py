"""Out-of-range numbers and ids sent to the desk and the answer editor: refused as
bad input (a 400, or a redirect with a message), never a 500 and never half-saved.

SQLite can't bind an integer past 2**63 - 1 and fails the whole query with
``OverflowError``; versions are ``PositiveIntegerField``s, up to 2**31 - 1.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, reverse
from django.urls.converters import IntConverter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from columns import desk_urls, editor_urls
from columns.forms.desk_fields import stored_range
from columns.models import Answer, AuditEntry, Question, Revision, User
from tests.factories import make_content_warning, make_draft, make_question

pytestmark = pytest.mark.django_db

BIGGEST_ID = 2**63 - 1
BIGGEST_VERSION = 2**31 - 1
# Past SQLite's INTEGER, zero and below, and the edges in between.
BAD_NUMBERS = st.one_of(
    st.integers(min_value=2**63, max_value=10**40),
    st.integers(min_value=-(10**40), max_value=0),
    st.sampled_from([BIGGEST_ID, 2**64, 10**30, BIGGEST_VERSION + 1]),
)


@dataclass(frozen=True)
class World:
    """What the endpoints act on: a waiting letter, another of its column, and a
    draft answer of that column with a topic, a warning and a columnist to pick."""

    letter: Question
    sibling: Question
    answer: Answer
    columnist: User
    topic_pk: int
    warning_pk: int


@dataclass(frozen=True)
class Endpoint:
    """A desk or editor endpoint, the valid data it is sent and its number fields."""

    method: str
    url: Callable[[World], str]
    data: Callable[[World], dict]
    fields: tuple[str, ...]


def _letter_url(name: str, *extra) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.letter.pk, *extra])


def _answer_url(name: str, *extra) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.answer.pk, *extra])


def _letter_edit(world: World) -> dict:
    return {
        "version": 1,
        "headline": "Snoring",
        "public_text": "My partner snores, and I rewrote this.",
        "sign_off": "Sleepless",
        "topics": [world.topic_pk],
        "content_warnings": [world.warning_pk],
    }


def _answer_edit(world: World) -> dict:
    return {
        "title": world.answer.title,
        "slug": world.answer.slug,
        "body": "A new paragraph.",
        "content_warnings": [world.warning_pk],
        "version": 1,
    }


ENDPOINTS = {
    "queue": Endpoint(
        "get",
        lambda world: reverse("desk:queue"),
        lambda world: {
            "column": world.letter.column_id,
            "assignee": world.columnist.pk,
            "age": 1,
            "size": 25,
            "after": world.letter.pk,
        },
        ("column", "assignee", "age", "size", "after", "before"),
    ),
    "bulk": Endpoint(
        "post",
        lambda world: reverse("desk:bulk"),
        lambda world: {
            "letters": [world.letter.pk],
            "action": "assign",
            "confirmed": "on",
            "columnist": world.columnist.pk,
            "answer": world.answer.pk,
        },
        ("letters", "columnist", "answer"),
    ),
    "letter": Endpoint(
        "get", _letter_url("desk:letter"), lambda world: {"find": "#1"}, ("find",)
    ),
    "letter_edit": Endpoint(
        "post",
        _letter_url("desk:letter_edit"),
        _letter_edit,
        ("version", "topics", "content_warnings"),
    ),
    "letter_decide": Endpoint(
        "post",
        _letter_url("desk:letter_decide", "shortlist"),
        lambda world: {"version": 1},
        ("version",),
    ),
    "letter_assign": Endpoint(
        "post",
        _letter_url("desk:letter_assign"),
        lambda world: {
            "version": 1,
            "columnist": world.columnist.pk,
            "answer": world.answer.pk,
            "confirm_anonymity": "on",
        },
        ("version", "columnist", "answer"),
    ),
    "letter_duplicate": Endpoint(
        "post",
        _letter_url("desk:letter_duplicate"),
        lambda world: {"version": 1, "original": world.sibling.pk},
        ("version", "original"),
    ),
    "letter_merge": Endpoint(
        "post",
        _letter_url("desk:letter_merge"),
        lambda world: {"version": 1, "duplicates": [world.sibling.pk]},
        ("version", "duplicates"),
    ),
    "answer_list": Endpoint(
        "get",
        lambda world: reverse("editor:answer_list"),
        lambda world: {"page": 1},
        ("page",),
    ),
    "answer_edit": Endpoint(
        "post",
        _answer_url("editor:answer_edit"),
        _answer_edit,
        ("version", "content_warnings"),
    ),
    "revision_list": Endpoint(
        "get", _answer_url("editor:revision_list"), lambda world: {"page": 1}, ("page",)
    ),
    "revision_diff": Endpoint(
        "get",
        _answer_url("editor:revision_diff"),
        lambda world: {"old": 1, "new": 1},
        ("old", "new"),
    ),
    "revision_restore": Endpoint(
        "post",
        _answer_url("editor:revision_restore", 1),
        lambda world: {"version": 1},
        ("version",),
    ),
}
NUMBER_FIELDS = [
    pytest.param(name, field, id=f"{name}-{field}")
    for name, endpoint in ENDPOINTS.items()
    for field in endpoint.fields
]


@pytest.fixture
def world(columnist) -> World:
    letter = make_question(public_text="My partner snores.")
    letter.topics.add("Sleep")
    answer = make_draft(
        author=columnist, questions=[make_question(column=letter.column)]
    )
    return World(
        letter=letter,
        sibling=make_question(column=letter.column),
        answer=answer,
        columnist=columnist,
        topic_pk=letter.topics.get().pk,
        warning_pk=make_content_warning().pk,
    )


@pytest.fixture
def desk(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def send(client: Client, endpoint: Endpoint, world: World, **changes):
    data = {**endpoint.data(world), **changes}
    return getattr(client, endpoint.method)(endpoint.url(world), data)


def snapshot() -> tuple:
    """What any desk or editor action changes: letters, answers, their revisions
    and the audit log."""
    return (
        list(
            Question.objects.order_by("pk").values_list(
                "pk", "version", "status", "public_text", "assignee", "duplicate_of"
            )
        ),
        list(Answer.objects.order_by("pk").values_list("pk", "version", "body")),
        Revision.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("model_field", "expected"),
    [
        (Question._meta.pk, (1, BIGGEST_ID)),
        (Question._meta.get_field("version"), (0, BIGGEST_VERSION)),
        (models.PositiveSmallIntegerField(), (0, 32767)),
        (models.BigIntegerField(), (-(2**63), BIGGEST_ID)),
    ],
)
def test_a_fields_stored_range_is_its_column_types_with_ids_from_one(
    model_field, expected
):
    assert stored_range(model_field) == expected


@pytest.mark.parametrize("name", ENDPOINTS)
def test_each_fuzzed_endpoint_accepts_its_untouched_data(desk, world, name):
    before = snapshot()
    response = send(desk, ENDPOINTS[name], world)
    if ENDPOINTS[name].method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert snapshot() != before


@pytest.mark.parametrize(("name", "field"), NUMBER_FIELDS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(number=BAD_NUMBERS)
def test_an_out_of_range_number_is_refused_and_changes_nothing(
    desk, world, name, field, number
):
    endpoint = ENDPOINTS[name]
    before = snapshot()
    response = send(desk, endpoint, world, **{field: str(number)})
    assert response.status_code < 500
    assert snapshot() == before


def _with_ids(pattern: URLPattern, number: int) -> str:
    """The pattern's URL with ``number`` for each id in its path."""
    namespace = "desk" if pattern in desk_urls.urlpatterns else "editor"
    kwargs = {
        name: number if isinstance(converter, IntConverter) else "shortlist"
        for name, converter in pattern.pattern.converters.items()
    }
    return reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)


ID_ROUTES = [
    pytest.param(pattern, id=pattern.name)
    for pattern in [*desk_urls.urlpatterns, *editor_urls.urlpatterns]
    if any(isinstance(c, IntConverter) for c in pattern.pattern.converters.values())
]


@pytest.mark.parametrize("number", [BIGGEST_ID + 1, 2**64, 10**30])
@pytest.mark.parametrize("pattern", ID_ROUTES)
def test_an_id_past_the_largest_in_a_desk_address_is_a_404(desk, pattern, number):
    url = _with_ids(pattern, number)
    statuses = {desk.get(url).status_code, desk.post(url).status_code}
    # 405 for the method the view doesn't take; 404 for the one it does.
    assert 404 in statuses
    assert statuses <= {404, 405}


def test_a_topic_id_past_sqlites_integers_on_a_letter_edit_is_a_400_naming_it(
    desk, world
):
    before = snapshot()
    response = send(
        desk, ENDPOINTS["letter_edit"], world, topics=["99999999999999999999"]
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please check the highlighted fields; nothing was saved." in page
    assert (
        "Select a valid choice. 99999999999999999999 is not one of the available "
        "choices." in page
    )
    assert snapshot() == before


def test_an_answer_version_past_its_range_is_a_400_asking_to_reload(desk, world):
    before = snapshot()
    response = send(desk, ENDPOINTS["answer_edit"], world, version=str(BIGGEST_ID))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not saved: please correct the marked fields." in page
    assert (
        "The page was incomplete (Ensure this value is less than or equal to "
        "2147483647.); reload it and try again." in page
    )
    assert snapshot() == before
