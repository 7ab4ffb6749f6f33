"""Parts that really fail: a Redis port nobody listens on, a Redis that accepts
connections and never answers, a mail server that is down or hangs."""

import asyncio
import os
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager

import pytest
import redis
from aiosmtpd.controller import Controller

from advice.settings import redis_caches
from bench.failures import SilentServer
from bench.http_load import free_port


@pytest.fixture
def redis_refusing(settings) -> int:
    """Both caches pointed at a port where nothing listens; the port."""
    port = free_port()
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{port}/0", 0.1, 5)
    return port


@pytest.fixture
def redis_hung(settings):
    """Both caches pointed at a server that accepts and never answers."""
    server = SilentServer()
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{server.port}/0", 0.1, 5)
    yield server
    server.close()


class RedisServer:
    """A private redis-server on a free port that a test can stop and start."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def up(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    pytest.fail("redis-server did not start within 30 s")
                time.sleep(0.05)

    def down(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def keys(self) -> list[bytes]:
        return redis.Redis(port=self.port).keys()


@pytest.fixture
def redis_server():
    """A real Redis of the test's own (Debian's redis-server; CI installs it)."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(binary):
        message = "redis-server is missing (apt-get install -y redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer(binary)
    server.up()
    yield server
    if server.process.poll() is None:
        server.down()


class Mailbox:
    """What an SMTP server accepted. With ``hang_first``, the first message is held
    (the sender waits for an answer) until ``release`` is set, then refused."""

    def __init__(self, *, hang_first: bool = False) -> None:
        self.accepted: list[bytes] = []
        self.hang_first = hang_first
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.hang_first and not self.held.is_set():
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait)
            return "451 Not taken"
        self.accepted.append(envelope.content)
        return "250 Message accepted"

    def subjects(self) -> list[str]:
        return [
            line.split(":", 1)[1].strip()
            for message in self.accepted
            for line in message.decode().splitlines()
            if line.startswith("Subject:")
        ]


@contextmanager
def smtp_server(port: int, mailbox: Mailbox):
    """A real SMTP server on 127.0.0.1:``port`` until the block ends."""
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller
    finally:
        mailbox.release.set()
        controller.stop()
