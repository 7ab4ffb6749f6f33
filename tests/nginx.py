"""Real nginx for the tests that need it (Debian's, at /usr/sbin/nginx).

Without nginx these tests are skipped on a developer machine and fail in CI
(CI=true), so a missing nginx can never pass for a green run; .ci/run installs it.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from columns.management.commands.serve_site import nginx_binary, nginx_command
from tests.servers import running


def nginx_or_skip() -> str:
    """The nginx program; skips the test without it, or fails it in CI."""
    try:
        return nginx_binary()
    except CommandError as error:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(str(error))
        pytest.skip(str(error))


@contextmanager
def nginx(config: Path, prefix: Path, port: int, env: dict[str, str]):
    """nginx with ``config`` (written for ``prefix``) listening on ``port`` until
    the block ends; its logs are in ``prefix``."""
    command = nginx_command(nginx_or_skip(), prefix, config, "-g", "daemon off;")
    with running([str(part) for part in command], env, prefix / "output", port):
        yield f"http://127.0.0.1:{port}"
