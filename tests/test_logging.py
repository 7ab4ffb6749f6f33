"""Logs keep the reader's secrets: no line holds a client address or the time of a
reader's request (README, "Privacy"). The servers run for real, in subprocesses on
free ports, and are always stopped; requests go over raw sockets and are read to the
end of the connection, which the servers close only after writing their log line."""

import logging
import re
import socket
import sys
from pathlib import Path

import pytest

from bench.http_load import free_port
from columns.logfilters import ReaderPrivacyFilter
from tests.servers import gunicorn, running, site_env

ROOT = Path(__file__).resolve().parent.parent
TIME_OF_DAY = re.compile(r"\d\d:\d\d:\d\d")
REQUEST_LINE = re.compile(r'"(GET|POST) /')
READERS_REQUESTS = [
    ("POST", "/ask/status/"),
    ("GET", "/ask/"),
    ("GET", "/columns/no-such-column/ask/"),
]


def exchange(port: int, raw: bytes) -> bytes:
    """Send ``raw`` and read the answer until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as conn:
        conn.sendall(raw)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def request(method: str, path: str) -> bytes:
    return (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.fixture(scope="module")
def server_env(tmp_path_factory) -> dict[str, str]:
    return site_env(tmp_path_factory.mktemp("logging"))


@pytest.fixture(scope="module")
def dev_server(server_env, tmp_path_factory) -> dict:
    """``manage.py runserver`` asked for the home page and for readers' URLs: the
    answers' status codes and what it wrote to stderr."""
    port = free_port()
    logs = tmp_path_factory.mktemp("runserver")
    command = [sys.executable, "manage.py", "runserver", "--noreload"]
    with running([*command, f"127.0.0.1:{port}"], server_env, logs, port):
        statuses = {
            (method, path): status(exchange(port, request(method, path)))
            for method, path in [("GET", "/"), *READERS_REQUESTS]
        }
    return {"statuses": statuses, "log": (logs / "stderr.log").read_text()}


def run_gunicorn(env: dict[str, str], logs: Path, *options: str) -> tuple[str, str]:
    """gunicorn with the production configuration, sent two malformed requests, the
    home page and readers' URLs; what it wrote to stdout and stderr."""
    port = free_port()
    env = {**env, "WEB_CONCURRENCY": "1"}
    with running(gunicorn(port, *options), env, logs, port):
        exchange(port, b"GARBAGE\r\n\r\n")
        exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
        assert status(exchange(port, request("GET", "/"))) == 200
        for method, path in READERS_REQUESTS:
            exchange(port, request(method, path))
    return (logs / "stdout.log").read_text(), (logs / "stderr.log").read_text()


@pytest.fixture(scope="module")
def gunicorn_logs(server_env, tmp_path_factory) -> tuple[str, str]:
    return run_gunicorn(server_env, tmp_path_factory.mktemp("gunicorn"))


@pytest.fixture(scope="module")
def gunicorn_logs_with_access_log(server_env, tmp_path_factory) -> tuple[str, str]:
    logs = tmp_path_factory.mktemp("gunicorn_access")
    return run_gunicorn(server_env, logs, "--access-logfile", "-")


# The development server


def test_dev_server_logs_request_lines_without_the_time(dev_server):
    lines = [line for line in dev_server["log"].splitlines() if '"GET / ' in line]
    assert lines, dev_server["log"]
    assert not [line for line in lines if TIME_OF_DAY.search(line)]


def test_dev_server_logs_no_readers_request_with_a_time_of_day(dev_server):
    assert dev_server["statuses"][("POST", "/ask/status/")] == 403  # no CSRF token
    lines = dev_server["log"].splitlines()
    assert [line for line in lines if "/ask/status/" in line], "the 403 is logged"
    assert not [line for line in lines if "/ask" in line and TIME_OF_DAY.search(line)]


def test_dev_server_writes_no_request_line_for_a_readers_url(dev_server):
    assert not [
        line
        for line in dev_server["log"].splitlines()
        if REQUEST_LINE.search(line) and "/ask" in line
    ]


def test_dev_server_log_holds_no_client_address(dev_server):
    assert "127.0.0.1" not in dev_server["log"]


# gunicorn with deploy/gunicorn.conf.py


def test_gunicorn_logs_a_malformed_request_without_the_client_address(gunicorn_logs):
    stdout, stderr = gunicorn_logs
    assert "Invalid request from ip=[address]" in stderr
    assert "127.0.0.1" not in stdout + stderr


def test_gunicorn_writes_no_access_log_by_default(gunicorn_logs):
    stdout, stderr = gunicorn_logs
    assert not REQUEST_LINE.search(stdout + stderr)


def test_gunicorn_access_log_if_enabled_has_no_address_time_or_readers_url(
    gunicorn_logs_with_access_log,
):
    stdout, stderr = gunicorn_logs_with_access_log
    assert '"GET / HTTP/1.1" 200' in stdout
    assert "127.0.0.1" not in stdout + stderr
    assert not TIME_OF_DAY.search(stdout)
    assert "/ask" not in stdout


# The filter on single records


def filtered(record: logging.LogRecord) -> str | None:
    """The record's final message after the filter, None if it was dropped."""
    return record.getMessage() if ReaderPrivacyFilter().filter(record) else None


def make_record(msg: str, *args, name: str = "gunicorn.error", exc_info=None):
    return logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args, exc_info)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "Invalid request from ip=127.0.0.1: Invalid HTTP request line: 'GARBAGE'",
            "Invalid request from ip=[address]: Invalid HTTP request line: 'GARBAGE'",
        ),
        ("Invalid request from ip=::1: bad", "Invalid request from ip=[address]: bad"),
        ("peer 2001:db8::8a2e:370:7334 left", "peer [address] left"),
        ("peer fe80::1%eth0 left", "peer [address] left"),
        ("peer ::ffff:192.0.2.1 left", "peer [address] left"),
        ("Listening at: http://[::1]:8000", "Listening at: http://[[address]]:8000"),
        ("10.0.0.1:443 at 10:11:12", "[address]:443 at 10:11:12"),
        ("[2026-11-22 10:11:12 +0000] Booting", "[2026-11-22 10:11:12 +0000] Booting"),
    ],
)
def test_filter_redacts_ip_addresses_from_the_message(message, expected):
    assert filtered(make_record(message)) == expected


def test_filter_redacts_an_address_passed_as_an_argument():
    record = make_record("- Broken pipe from %s", ("127.0.0.1", 54321))
    assert filtered(record) == "- Broken pipe from ('[address]', 54321)"


def test_filter_redacts_an_address_in_a_traceback():
    try:
        raise ConnectionError("reset by 192.0.2.7")
    except ConnectionError:
        record = make_record("Error handling request", exc_info=sys.exc_info())
    ReaderPrivacyFilter().filter(record)
    text = logging.Formatter().format(record)
    assert "reset by [address]" in text
    assert "192.0.2.7" not in text


@pytest.mark.parametrize(
    "request_line",
    [
        "POST /ask/ HTTP/1.1",
        "GET /ask/status/ HTTP/1.1",
        "POST /columns/dear-abby/ask/ HTTP/1.1",
        "POST /columns/dear-abby/ask/suggestions/?q=my+letter HTTP/1.1",
        "POST /%61sk/ HTTP/1.1",
    ],
)
def test_filter_drops_the_dev_servers_line_for_a_readers_url(request_line):
    record = make_record('"%s" %s %s', request_line, "302", "0", name="django.server")
    assert filtered(record) is None


def test_filter_drops_gunicorns_access_line_for_a_readers_url_without_a_path():
    atoms = {"U": "/columns/dear-abby/ask/", "s": "302", "b": "0"}
    record = make_record("%(s)s %(b)s", atoms, name="gunicorn.access")
    assert filtered(record) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("django.server", '"GET /columns/dear-abby/asking-too-much/ HTTP/1.1" 200 9'),
        ("gunicorn.access", '"GET /search/ HTTP/1.1" 200 9'),
        ("django.request", "Internal Server Error: /ask/"),
    ],
)
def test_filter_keeps_other_lines(name, message):
    assert filtered(make_record(message, name=name)) == message
