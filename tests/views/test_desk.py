"""The desk over HTTP: who may open what, the dashboard and the review queue."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from columns import workflow
from columns.models import AuditEntry, Question, Topic
from columns.tasks import send_staff_email
from tests.factories import (
    make_column,
    make_published_answer,
    make_question,
    make_questions,
)

pytestmark = pytest.mark.django_db
Status = Question.Status


# The permission matrix -------------------------------------------------------------
#
# Every desk URL and action, for each kind of visitor. ``setup`` builds what the
# request needs and returns (url, POST data or None for GET).


def _letter_post(name: str, extra=None):
    def setup(world):
        letter = world["letter"]
        data = {"version": letter.version, **(extra(world) if extra else {})}
        return reverse(name, args=[letter.pk]), data

    return setup


def _decide(action: str, status: str = Status.NEW):
    def setup(world):
        letter = world["letter"]
        Question.objects.filter(pk=letter.pk).update(status=status)
        return reverse("desk:letter_decide", args=[letter.pk, action]), {
            "version": letter.version
        }

    return setup


ENDPOINTS = {
    "dashboard": (lambda world: (reverse("desk:dashboard"), None), 200),
    "queue": (lambda world: (reverse("desk:queue"), None), 200),
    "letter": (
        lambda world: (reverse("desk:letter", args=[world["letter"].pk]), None),
        200,
    ),
    "edit": (
        _letter_post(
            "desk:letter_edit",
            lambda world: {
                "public_text": "Edited.",
                "sign_off": "Anon",
                "headline": "",
            },
        ),
        302,
    ),
    "check": (_letter_post("desk:letter_check", lambda w: {"public_text": "x"}), 200),
    "assign": (
        _letter_post(
            "desk:letter_assign", lambda world: {"columnist": world["columnist"].pk}
        ),
        302,
    ),
    "duplicate": (
        _letter_post(
            "desk:letter_duplicate", lambda world: {"original": world["other"].pk}
        ),
        302,
    ),
    "merge": (
        _letter_post(
            "desk:letter_merge", lambda world: {"duplicates": [world["other"].pk]}
        ),
        302,
    ),
    "shortlist": (_decide("shortlist"), 302),
    "decline": (_decide("decline"), 302),
    "mark_spam": (_decide("mark_spam"), 302),
    "reopen": (_decide("reopen", Status.DECLINED), 302),
    "bulk": (
        lambda world: (
            reverse("desk:bulk"),
            {"letters": [world["letter"].pk], "action": "shortlist"},
        ),
        200,
    ),
    "bulk_confirmed": (
        lambda world: (
            reverse("desk:bulk"),
            {"letters": [world["letter"].pk], "action": "decline", "confirmed": "1"},
        ),
        302,
    ),
}
# For a columnist: the dashboard is theirs; a letter not assigned to them is 404.
COLUMNIST_STATUS = {"dashboard": 200, "letter": 404}


@pytest.fixture
def world(columnist):
    column = make_column()
    return {
        "letter": make_question(column=column),
        "other": make_question(column=column),
        "columnist": columnist,
    }


def send(client, url, data):
    return client.get(url) if data is None else client.post(url, data)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_visitors_are_sent_to_the_desk_login(client, world, endpoint):
    setup, _ = ENDPOINTS[endpoint]
    url, data = setup(world)
    response = send(client, url, data)
    assert response.status_code == 302
    assert response.url.startswith(f"{reverse('desk:login')}?next=")
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_signed_in_users_without_a_role_are_forbidden(
    client, world, reader_account, endpoint
):
    setup, _ = ENDPOINTS[endpoint]
    client.force_login(reader_account)
    response = send(client, *setup(world))
    assert response.status_code == 403
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_columnists_get_their_dashboard_and_nothing_of_triage(
    client, world, columnist, endpoint
):
    setup, _ = ENDPOINTS[endpoint]
    client.force_login(columnist)
    response = send(client, *setup(world))
    assert response.status_code == COLUMNIST_STATUS.get(endpoint, 403)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", ["editor", "superuser"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_editors_and_superusers_may_use_every_desk_page_and_action(
    client, world, request, role, endpoint
):
    setup, expected = ENDPOINTS[endpoint]
    user = request.getfixturevalue(role)
    client.force_login(user)
    url, data = setup(world)
    response = send(client, url, data)
    assert response.status_code == expected
    if expected == 302:  # an action was taken, and audited as theirs
        assert AuditEntry.objects.filter(actor=user).exists()


@pytest.mark.parametrize(
    "name", ["desk:letter_edit", "desk:letter_assign", "desk:letter_merge"]
)
def test_actions_refuse_get(client, editor, name):
    client.force_login(editor)
    assert client.get(reverse(name, args=[make_question().pk])).status_code == 405


def test_a_columnist_may_read_the_public_text_of_a_letter_assigned_to_them(
    client, editor, columnist
):
    letter = make_question(
        original_text="I'm Jo from Leeds, jo@example.com.",
        public_text="I'm a reader from the north.",
        internal_notes="Reader seems young; check.",
    )
    answer = workflow.assign(letter, to=columnist, by=editor)
    client.force_login(columnist)
    page = client.get(reverse("desk:letter", args=[letter.pk])).content.decode()
    assert "I&#x27;m a reader from the north." in page
    assert "Leeds" not in page and "jo@example.com" not in page
    assert "Reader seems young" not in page
    assert reverse("editor:answer_edit", args=[answer.pk]) in page


def test_the_columnist_sees_only_letters_assigned_to_them(
    client, editor, columnist, other_columnist
):
    letter = make_question()
    workflow.assign(letter, to=other_columnist, by=editor)
    client.force_login(columnist)
    assert client.get(reverse("desk:letter", args=[letter.pk])).status_code == 404


def test_an_unknown_letter_is_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("desk:letter", args=[999999])).status_code == 404
    response = client.post(
        reverse("desk:letter_decide", args=[999999, "shortlist"]), {"version": 1}
    )
    assert response.status_code == 404


def test_an_unknown_action_is_404(client, editor):
    client.force_login(editor)
    letter = make_question()
    url = reverse("desk:letter_decide", args=[letter.pk, "publish"])
    assert client.post(url, {"version": 1}).status_code == 404


def test_actions_need_the_csrf_token(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    letter = make_question()
    url = reverse("desk:letter_decide", args=[letter.pk, "decline"])
    assert client.post(url, {"version": 1}).status_code == 403
    letter.refresh_from_db()
    assert letter.status == Status.NEW


def test_signing_in_at_the_desk_leads_to_the_dashboard(client, editor):
    response = client.post(
        reverse("desk:login"),
        {"username": "editor", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response.url == reverse("desk:dashboard")


# The dashboard ---------------------------------------------------------------------


def test_the_dashboard_counts_letters_per_column_and_puts_flagged_letters_first(
    client, editor
):
    column = make_column(name="Between the Sheets")
    oldest, *_ = make_questions(3, column=column)
    Question.objects.filter(pk=oldest.pk).update(
        submitted_at=timezone.now() - timedelta(days=3, minutes=5)
    )
    flagged = make_question(column=column, safety_flag=True, headline="Scared")
    workflow.decline(make_question(column=column), by=editor)
    client.force_login(editor)

    page = client.get(reverse("desk:dashboard")).content.decode()

    assert page.index("Safety-flagged") < page.index("Columns")
    assert f"#{flagged.pk} Scared" in page
    row = page[page.index("Between the Sheets") :]
    assert f'?column={column.pk}&amp;status=new">4</a>' in row
    assert f'?column={column.pk}&amp;status=declined">1</a>' in row
    assert "<td>3\xa0days</td>" in row  # the oldest waiting letter


def test_the_dashboard_warns_editors_of_failed_and_stuck_background_tasks(
    client, editor
):
    client.force_login(editor)
    assert (
        "Background tasks" not in client.get(reverse("desk:dashboard")).content.decode()
    )

    send_staff_email.enqueue("Subject", "Body", ["ed@example.org"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=20))
    DBTaskResult.objects.create(
        task_path="columns.tasks.send_staff_email",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
        finished_at=timezone.now(),
        traceback="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    page = client.get(reverse("desk:dashboard")).content.decode()

    assert "Background tasks need attention" in page
    assert "1 task waiting, the oldest for 1200 seconds" in page
    assert "1 attempt failed in the last day" in page
    assert reverse("admin:django_tasks_database_dbtaskresult_changelist") in page


def test_the_dashboard_lists_reviews_schedules_and_recent_publications(
    client, editor, columnist
):
    published = make_published_answer(title="Out already")
    scheduled = make_published_answer(
        title="Out next week", publish_at=timezone.now() + timedelta(days=7)
    )
    answer = workflow.assign(make_question(), to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    client.force_login(editor)

    page = client.get(reverse("desk:dashboard")).content.decode()

    review = page[page.index("Answers awaiting review") :]
    assert answer.title in review[: review.index("Scheduled answers")]
    assert scheduled.title in page[page.index("Scheduled answers") :]
    assert published.title in page[page.index("Recently published") :]


def test_a_columnist_dashboard_shows_their_own_work_only(
    client, editor, columnist, other_columnist
):
    mine = make_question(headline="Mine to answer")
    theirs = make_question(headline="Someone else's")
    workflow.assign(mine, to=columnist, by=editor)
    workflow.assign(theirs, to=other_columnist, by=editor)
    make_question(safety_flag=True, headline="Flagged, unassigned")
    client.force_login(columnist)

    page = client.get(reverse("desk:dashboard")).content.decode()

    assert "Mine to answer" in page
    assert "Someone else" not in page
    assert "Flagged, unassigned" not in page
    assert "Review queue" not in page


def _count_queries(client, url: str) -> int:
    cache.clear()  # the dashboard's counts are cached; measure them cold
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow_to(count: int, column, topic) -> None:
    letters = make_questions(count - Question.objects.count(), column=column)
    for letter in letters:
        letter.topics.add(topic)


@pytest.mark.parametrize("name", ["desk:dashboard", "desk:queue"])
def test_the_dashboard_and_queue_cost_the_same_queries_for_10_or_200_letters(
    client, editor, columnist, name
):
    column, topic = make_column(), Topic.objects.create(name="Trust", slug="trust")
    client.force_login(editor)
    _grow_to(10, column, topic)
    for letter in Question.objects.all()[:3]:
        workflow.assign(letter, to=editor, by=editor)
    small = _count_queries(client, reverse(name) + "?status=all&size=200")
    _grow_to(200, column, topic)
    for letter in Question.objects.waiting()[:20]:
        workflow.assign(letter, to=editor, by=editor)
    assert _count_queries(client, reverse(name) + "?status=all&size=200") == small


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=something&column={column}&topic=trust&assignee={editor}&flagged=yes"
        "&age=7&sort=newest&status=all",
    ],
)
def test_the_queue_stays_within_ten_queries_whatever_the_filters(client, editor, query):
    column, topic = make_column(), Topic.objects.create(name="Trust", slug="trust")
    _grow_to(60, column, topic)
    client.force_login(editor)
    url = reverse("desk:queue") + query.format(column=column.pk, editor=editor.pk)
    assert _count_queries(client, url) <= 10


# What a refused user is told, and the navigation ----------------------------------


def test_a_columnist_opening_the_queue_is_told_where_their_work_is(client, columnist):
    client.force_login(columnist)
    response = client.get(reverse("desk:queue"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "The review queue is for editors. Your answers are under Answers" in html
    assert "no role on the desk" not in html
    assert f'href="{reverse("editor:answer_list")}"' in html
    assert f'href="{reverse("desk:dashboard")}"' in html


def test_a_columnist_refused_a_letter_action_is_told_it_is_for_editors(
    client, columnist
):
    letter = make_question()
    client.force_login(columnist)
    url = reverse("desk:letter_edit", args=[letter.pk])
    response = client.post(url, {"version": letter.version})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Deciding on letters is for editors." in html
    assert "no role on the desk" not in html


def test_a_user_without_a_role_is_told_so_and_sent_nowhere_on_the_desk(
    client, reader_account
):
    client.force_login(reader_account)
    response = client.get(reverse("desk:dashboard"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your account has no role on the desk" in html
    assert reverse("editor:answer_list") not in html
    assert f'href="{reverse("columns:home")}"' in html


@pytest.mark.parametrize("role", ["columnist", "editor"])
@pytest.mark.parametrize("name", ["desk:dashboard", "desk:two_factor"])
def test_every_desk_page_links_to_the_answers(client, request, role, name):
    client.force_login(request.getfixturevalue(role))
    html = client.get(reverse(name)).content.decode()
    link = f'<a href="{reverse("editor:answer_list")}">Answers</a>'
    assert html.count(link) == 1


def test_the_queue_links_to_the_answers_once(client, editor):
    client.force_login(editor)
    html = client.get(reverse("desk:queue")).content.decode()
    assert html.count(f'<a href="{reverse("editor:answer_list")}">Answers</a>') == 1
