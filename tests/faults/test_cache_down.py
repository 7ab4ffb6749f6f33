"""With Redis refusing or hung, the product serves uncached, counts per process and
loses nothing; the outage is logged once, not per request."""

import logging
import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from advice.settings import redis_caches
from columns import ratelimit
from columns.models import Answer, Question
from tests.factories import make_column, make_published_answer

LETTER = "My partner and I keep arguing about condoms and I want to know who is right."
PASSWORD = "correct horse battery"


def form_field(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


@pytest.fixture
def column(db):
    return make_column(slug="sheets", name="Between the Sheets")


@pytest.fixture
def published(column):
    return make_published_answer(
        column=column, title="The condom split", topics=("contraception",)
    )


def reader_pages(answer: Answer) -> list[str]:
    return [
        "/",
        answer.get_absolute_url(),
        reverse("columns:column_detail", args=[answer.column.slug]),
        reverse("columns:topic_detail", args=["contraception"]),
        "/search/?q=condom",
        reverse("columns:feed"),
        "/sitemap.xml",
    ]


def send_letter(client: Client, column) -> str:
    """Send a letter through the ask form; the receipt code shown."""
    url = reverse("columns:ask", args=[column.slug])
    token = form_field(client.get(url).content.decode(), "form_token")
    response = client.post(url, {"text": LETTER, "sign_off": "", "form_token": token})
    assert response.status_code == 200
    return re.search(r"([A-Z2-7]{4}-){6}[A-Z2-7]{4}", response.content.decode())[0]


def signed_in(username: str) -> Client:
    desk = Client()
    response = desk.post(
        reverse("desk:login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    return desk


def test_with_redis_refusing_a_reader_and_an_editor_get_through_without_an_error(
    redis_refusing, published, column, editor, columnist, run_tasks, mailoutbox
):
    reader = Client()
    for url in reader_pages(published):
        assert reader.get(url).status_code == 200, url
    code = send_letter(reader, column)
    status = reader.post(reverse("columns:letter_status"), {"code": code})
    assert "received" in status.content.decode().lower()
    suggestions = reverse("columns:suggestions", args=[column.slug])
    assert reader.post(suggestions, {"text": LETTER}).status_code == 200

    letter = Question.objects.get(original_text=LETTER)
    columnist.email = "sam@example.org"
    columnist.save()
    desk = signed_in("editor")
    for url in [
        reverse("desk:dashboard"),
        reverse("desk:queue"),
        reverse("desk:letter", args=[letter.pk]),
    ]:
        assert desk.get(url).status_code == 200, url
    assigned = desk.post(
        reverse("desk:letter_assign", args=[letter.pk]),
        {"version": letter.version, "columnist": columnist.pk},
    )
    assert assigned.status_code == 302
    answer = Answer.objects.exclude(pk=published.pk).get()

    writer = signed_in("columnist")
    assert (
        writer.get(reverse("editor:answer_edit", args=[answer.pk])).status_code == 200
    )
    assert writer.post(reverse("editor:presence", args=[answer.pk])).status_code == 200
    for client, step in [(writer, "submit_for_review"), (desk, "approve")]:
        response = client.post(reverse(f"editor:{step}", args=[answer.pk]))
        assert response.status_code == 302, step
    assert desk.post(reverse("editor:publish", args=[answer.pk])).status_code == 302

    answer.refresh_from_db()
    assert answer.state == Answer.State.PUBLISHED
    assert reader.get(answer.get_absolute_url()).status_code == 200
    assert answer.title in reader.get("/").content.decode()
    run_tasks()
    assert [m.to for m in mailoutbox][:1] == [["sam@example.org"]]


def test_an_unreachable_redis_is_logged_once_not_per_request(
    redis_refusing, published, client, caplog
):
    with caplog.at_level(logging.WARNING, logger="columns.cachebackends"):
        for _ in range(20):
            assert client.get("/").status_code == 200
    [record] = caplog.records
    assert "unavailable" in record.getMessage()


def test_a_hung_redis_is_asked_once_then_left_alone(redis_hung, published, client):
    for url in reader_pages(published) * 3:
        assert client.get(url).status_code == 200, url
    # One connection timed out; every later call skipped Redis until it is retried.
    assert len(redis_hung.connections) == 1


def test_rate_limits_hold_per_process_while_redis_is_away(redis_refusing, rf, settings):
    request = rf.post("/ask/status/", REMOTE_ADDR="203.0.113.9")
    outcomes = [
        ratelimit.exceeded(request, "status", limit=30, window=3600) for _ in range(40)
    ]
    assert outcomes == [False] * 30 + [True] * 10


def test_everything_returns_to_normal_when_redis_answers_again(
    settings, published, client, redis_server
):
    """A real Redis stopped, then started again: no restart of ours."""
    url = f"redis://127.0.0.1:{redis_server.port}/0"
    settings.CACHES = redis_caches(url, timeout=0.5, retry_seconds=0)
    pages = caches["default"]
    redis_server.down()
    assert client.get("/").status_code == 200
    assert pages.get("anything", "missed") == "missed"
    redis_server.up()
    pages.set("probe", "stored")
    assert pages.get("probe") == "stored"
    client.get("/")
    assert any(key.startswith(b"advice:default") for key in redis_server.keys())


def test_the_health_endpoint_calls_the_cache_degraded_not_down(
    redis_refusing, client, db
):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cache"]) == (
        "degraded",
        "degraded",
    )
