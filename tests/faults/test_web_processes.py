"""Two web processes without Redis are one site: a withdrawn answer is gone from
both at once, and a reader's limits count across both."""

import re
import urllib.error

import pytest

from bench.http_load import free_port
from tests.http_client import CookieClient, field_value
from tests.servers import gunicorn, manage, running, site_env

EDITOR = {"username": "editor", "password": "demo-editor-2026"}
UNKNOWN_CODE = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"
LETTER = "My partner and I keep arguing about condoms and I want to know who is right."


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory):
    """The demo site served by two gunicorn processes of one worker each, sharing
    only the database; their base URLs and the environment."""
    directory = tmp_path_factory.mktemp("two-processes")
    env = site_env(directory, demo=True, WEB_CONCURRENCY="1")
    ports = [free_port(), free_port()]
    with (
        running(gunicorn(ports[0]), env, directory / "a", ports[0]),
        running(gunicorn(ports[1]), env, directory / "b", ports[1]),
    ):
        yield [f"http://127.0.0.1:{port}" for port in ports], env


def published_answer(env) -> tuple[int, str]:
    """A published answer of the demo without a content notice: its id and URL."""
    script = (
        "from columns.models import Answer; "
        "a = Answer.objects.published().exclude(content_warnings__is_nsfw=True)"
        ".order_by('pk').first(); print(a.pk, a.get_absolute_url())"
    )
    pk, url = manage(env, "shell", "--no-imports", "-c", script).stdout.split()
    return int(pk), url


def status_of(client: CookieClient, url: str) -> int:
    try:
        client.get(url)
    except urllib.error.HTTPError as error:
        return error.code
    return 200


def test_an_answer_withdrawn_in_one_process_is_gone_from_the_other_at_once(
    two_processes,
):
    (first, second), env = two_processes
    pk, path = published_answer(env)
    reader = CookieClient()
    assert status_of(reader, second + path) == 200  # now cached by the second
    assert status_of(reader, first + path) == 200

    editor = CookieClient()
    login = editor.get(first + "/desk/login/")
    fields = {
        **EDITOR,
        "csrfmiddlewaretoken": field_value(login, "csrfmiddlewaretoken"),
    }
    assert editor.post(first + "/desk/login/", fields)[0] == 200
    page = editor.get(f"{first}/desk/answers/{pk}/")
    status, _ = editor.post(
        f"{first}/desk/answers/{pk}/withdraw/",
        {
            "csrfmiddlewaretoken": field_value(page, "csrfmiddlewaretoken"),
            "note": "A reader recognised herself.",
        },
    )
    assert status == 200

    assert [status_of(reader, second + path) for _ in range(20)] == [410] * 20


def test_a_readers_limits_count_across_both_processes(two_processes):
    (first, second), env = two_processes
    reader = CookieClient()
    form = reader.get(first + "/ask/status/")
    token = field_value(form, "csrfmiddlewaretoken")
    statuses = [
        reader.post(
            (first, second)[number % 2] + "/ask/status/",
            {
                "csrfmiddlewaretoken": token,
                "code": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG",
            },
        )[0]
        for number in range(40)
    ]
    assert statuses == [404] * 30 + [429] * 10

    column_path = re.search(
        r'href="(/columns/[^/"]+/ask/)"', reader.get(first + "/ask/")
    )
    sent = []
    for number in range(7):
        base = (first, second)[number % 2]
        page = reader.get(base + column_path[1])
        fields = {
            name: field_value(page, name)
            for name in ("csrfmiddlewaretoken", "form_token")
        }
        status, _ = reader.post(
            base + column_path[1], {**fields, "text": f"{LETTER} ({number})"}
        )
        sent.append(status)
    assert sent == [200] * 5 + [429] * 2
