"""The staff sign-in throttle (``columns.signin``), through the real sign-in pages
of the desk and of the back office."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from columns import ratelimit

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOCKED = "Too many failed sign-ins. Try again in 15 minutes."
HERE, ELSEWHERE = "203.0.113.77", "198.51.100.9"
PAGES = [pytest.param("desk:login", id="desk"), pytest.param("admin:login", id="admin")]


def sign_in(client, page: str, username: str, password: str, *, address=HERE):
    return client.post(
        reverse(page),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, page: str, username: str, times: int, *, address=HERE):
    for _ in range(times):
        response = sign_in(client, page, username, "wrong", address=address)
    return response


def travel(monkeypatch, seconds: float) -> None:
    """Move the limiter's clock ``seconds`` ahead."""
    real = ratelimit.now
    monkeypatch.setattr(ratelimit, "now", lambda: real() + seconds)


def every_stored_value() -> str:
    """Every row of every table (the cache table included), and every Redis key and
    value when the caches are in Redis, as text."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows.extend(repr(row) for row in cursor.fetchall())
    if settings.REDIS_URL:
        client = caches["shared"]._cache.get_client(None, write=False)
        rows.extend(repr((key, client.get(key))) for key in client.scan_iter("*"))
    return "\n".join(rows)


@pytest.mark.parametrize("page", PAGES)
def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    client, editor, page
):
    assert LOCKED not in fail(client, page, "editor", 4).content.decode()

    fifth = sign_in(client, page, "editor", "wrong")
    right = sign_in(client, page, "editor", PASSWORD)

    assert LOCKED in fifth.content.decode()
    assert right.status_code == 200
    assert LOCKED in right.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("page", PAGES)
def test_the_lockout_ends_by_itself(client, editor, page, settings, monkeypatch):
    settings.ADVICE_LOGIN_LOCKOUT_SECONDS = 60
    fail(client, page, "editor", 5)
    assert (
        "Try again in 1 minute."
        in sign_in(client, page, "editor", PASSWORD).content.decode()
    )

    travel(monkeypatch, 61)
    response = sign_in(client, page, "editor", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_message_says_how_many_minutes_are_left(client, editor, monkeypatch):
    fail(client, "desk:login", "editor", 5)

    travel(monkeypatch, 10 * 60 + 1)
    response = sign_in(client, "desk:login", "editor", PASSWORD)

    assert (
        "Too many failed sign-ins. Try again in 5 minutes." in response.content.decode()
    )


def test_after_the_lockout_the_count_starts_afresh(client, editor, monkeypatch):
    fail(client, "desk:login", "editor", 5)
    travel(monkeypatch, 15 * 60 + 1)

    response = fail(client, "desk:login", "editor", 4)

    assert LOCKED not in response.content.decode()
    assert sign_in(client, "desk:login", "editor", PASSWORD).status_code == 302


def test_failures_count_against_the_account_whatever_case_and_spacing_it_is_typed_in(
    client, editor
):
    for typed in ["editor", "Editor", "EDITOR", " editor", "EdItOr"]:
        sign_in(client, "desk:login", typed, "wrong")

    assert LOCKED in sign_in(client, "desk:login", "editor", PASSWORD).content.decode()


def test_failures_at_the_desk_and_in_the_back_office_add_up(client, editor):
    fail(client, "desk:login", "editor", 3)
    fail(client, "admin:login", "editor", 2)

    assert LOCKED in sign_in(client, "desk:login", "editor", PASSWORD).content.decode()


def test_a_locked_account_leaves_other_accounts_alone(client, editor, columnist):
    fail(client, "desk:login", "editor", 5)

    assert sign_in(client, "desk:login", "columnist", PASSWORD).status_code == 302


@pytest.mark.parametrize("page", PAGES)
def test_one_client_trying_many_usernames_is_locked_out_but_another_client_is_not(
    client, editor, page
):
    limit = settings.ADVICE_LOGIN_FAILURES_PER_CLIENT
    for number in range(limit - 1):
        response = sign_in(client, page, f"guess{number}", "wrong")
        assert LOCKED not in response.content.decode()

    last = sign_in(client, page, "one-guess-too-many", "wrong")
    right_here = sign_in(client, page, "editor", PASSWORD)
    right_elsewhere = sign_in(client, page, "editor", PASSWORD, address=ELSEWHERE)

    assert LOCKED in last.content.decode()
    assert LOCKED in right_here.content.decode()
    assert right_elsewhere.status_code == 302


def test_the_client_address_and_tried_usernames_are_stored_nowhere(client, editor):
    fail(client, "desk:login", "a-distinctive-guessed-name", 3)
    fail(client, "admin:login", "editor", 5)
    sign_in(client, "desk:login", "editor", PASSWORD)

    stored = every_stored_value()
    assert "ratelimit:signin-client:" in stored  # the scan does see the counters...
    assert HERE not in stored  # ...but not whom they count
    assert "a-distinctive-guessed-name" not in stored


def test_the_counter_keys_are_keyed_hashes(client, editor, settings):
    fail(client, "desk:login", "editor", 2)
    keys = every_stored_value()

    assert ratelimit.name_key("signin-account", "editor") in keys
    settings.SECRET_KEY = "another secret key of the same long enough length 1234567"
    assert ratelimit.name_key("signin-account", "editor") not in keys


def test_a_successful_sign_in_clears_the_accounts_failures(client, editor):
    fail(client, "desk:login", "editor", 4)
    assert sign_in(client, "desk:login", "editor", PASSWORD).status_code == 302
    client.logout()

    response = fail(client, "desk:login", "editor", 4)

    assert LOCKED not in response.content.decode()
    assert sign_in(client, "desk:login", "editor", PASSWORD).status_code == 302


def test_unknown_usernames_are_locked_like_real_ones(client):
    response = fail(client, "desk:login", "nobody-by-this-name", 5)

    assert LOCKED in response.content.decode()


def test_a_right_password_on_an_account_the_admin_refuses_is_not_a_failure(
    client, columnist
):
    # A columnist without back-office access: refused, but not for guessing.
    for _ in range(5):
        response = sign_in(client, "admin:login", "columnist", PASSWORD)

    assert LOCKED not in response.content.decode()
    assert sign_in(client, "desk:login", "columnist", PASSWORD).status_code == 302


def test_the_sign_in_page_shows_the_lockout_as_an_alert(client, editor):
    fail(client, "desk:login", "editor", 5)

    page = sign_in(client, "desk:login", "editor", PASSWORD).content.decode()

    alert = page[page.index('role="alert"') :]
    assert alert.index(LOCKED) < alert.index("</div>")


def test_no_limit_is_no_lock(client, editor, settings):
    settings.ADVICE_LOGIN_FAILURES_PER_ACCOUNT = 0
    settings.ADVICE_LOGIN_FAILURES_PER_CLIENT = 0
    fail(client, "desk:login", "editor", 30)

    assert sign_in(client, "desk:login", "editor", PASSWORD).status_code == 302
