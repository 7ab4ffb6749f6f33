"""Running a few servers together from one management command (``serve``,
``serve_site``) until Ctrl-C or SIGTERM."""

import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence

# How long a child may take to finish what it is doing (a worker its task) once
# told to stop, before it is killed.
STOP_TIMEOUT = 30


def run_together(
    commands: Sequence[Sequence[str]],
    *,
    env: dict[str, str] | None = None,
    cwd: str | os.PathLike | None = None,
    started: Callable[[], None] | None = None,
) -> None:
    """Run ``commands`` (in ``env`` and ``cwd``, or this process's) until Ctrl-C
    or SIGTERM, or until any of them stops on its own; then stop the others and
    wait for them. ``started`` is called once all are running.

    Each child runs in a process group of its own: Ctrl-C reaches only this
    process, which then stops each group (a child's own children, such as
    runserver's reloader or gunicorn's workers, included) with one SIGTERM, so a
    task worker finishes its task.
    """
    stopping = False

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    previous = {
        number: signal.signal(number, stop)
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    children: list[subprocess.Popen] = []
    try:
        for command in commands:
            children.append(
                subprocess.Popen(
                    list(command), env=env, cwd=cwd, start_new_session=True
                )
            )
        if started:
            started()
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                _signal_group(child, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.wait()
        for number, handler in previous.items():
            signal.signal(number, handler)


def _signal_group(child: subprocess.Popen, number: int) -> None:
    try:
        os.killpg(child.pid, number)
    except ProcessLookupError:  # it stopped meanwhile
        pass
