"""``manage.py serve_site`` (``make serve``): the site baked and served by nginx in
front of gunicorn, with a task worker, all stopped by one Ctrl-C."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.http_load import free_port
from tests.nginx import nginx_or_skip
from tests.servers import ROOT, site_env


def children_of(pid: int) -> list[int]:
    return [
        int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    ]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def stop(serve: subprocess.Popen, children: list[int]) -> None:
    """Ctrl-C, as a person would; whatever survives it (the test failed) is killed,
    each child with its own process group."""
    if serve.poll() is None:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
    for pid in children:
        if alive(pid):
            os.killpg(pid, signal.SIGKILL)


def test_serve_site_bakes_serves_through_nginx_and_ctrl_c_stops_all_three(tmp_path):
    nginx_or_skip()
    site = tmp_path / "site"
    env = site_env(tmp_path, ADVICE_BAKED_ROOT=str(site))
    port, app_port = free_port(), free_port()
    command = [sys.executable, "manage.py", "serve_site", "--port", str(port)]
    command += ["--app-port", str(app_port), "--prefix", str(tmp_path / "nginx")]
    children: list[int] = []
    with open(tmp_path / "output.log", "w+") as output:
        serve = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 120
            while not (listening(port) and listening(app_port)):
                assert serve.poll() is None, (tmp_path / "output.log").read_text()
                assert time.monotonic() < deadline, "serve_site did not start"
                time.sleep(0.2)
            children = children_of(serve.pid)
            programs = sorted(
                Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
                for pid in children
            )
            home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30)
            assert home.read() == (site / "index.html").read_bytes()
            health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz")
            assert health.headers["Content-Type"].startswith("application/json")
        finally:
            stop(serve, children)
        output.seek(0)
        printed = output.read()
    assert serve.returncode == 0, printed
    assert f"Serving on http://127.0.0.1:{port}/" in printed
    assert "nginx, gunicorn and the task worker stopped." in printed
    gunicorn, worker, nginx = programs  # "-m gunicorn", "manage.py", "nginx: ..."
    assert " -m gunicorn advice.wsgi " in gunicorn
    assert worker.endswith("manage.py worker --interval 1 ")
    assert nginx.startswith("nginx: master process ")
    assert children and not any(alive(pid) for pid in children)
