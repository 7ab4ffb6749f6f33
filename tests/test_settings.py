"""Settings come from the environment and refuse unsafe production setups."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from columns.checks import check_shared_caches

ROOT = Path(__file__).resolve().parent.parent
REAL_SECRET = "x7Gq-2mVt9LpZr4cWy8NbKd3Hs6Jf1Qa5Ue0Io-Px2Mv7Lz9Rt4Cw8Nb3Kd6Hs1Jf"


def run_django(expression: str, **env: str) -> subprocess.CompletedProcess:
    """Print ``expression`` (of ``settings``) in a fresh interpreter with ``env``."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="advice.settings")
    script = (
        "import django; django.setup(); from django.conf import settings; "
        f"print({expression})"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "secret",
    ["", "django-insecure-development-only-key-do-not-use-in-production", "short"],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = run_django("'started'", DEBUG="0", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "Refusing to start" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_django(
        "settings.DEBUG",
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="advice.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_settings_pass_the_deploy_checks():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}} | {
        "DEBUG": "0",
        "SECRET_KEY": REAL_SECRET,
        "ALLOWED_HOSTS": "advice.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_redis_url_puts_both_caches_in_redis_and_only_counters_fall_back_locally():
    result = run_django(
        "*(f\"{alias}={config['BACKEND']},{config['LOCATION']},"
        "{config['OPTIONS']['local_fallback']}\" "
        "for alias, config in settings.CACHES.items())",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    backend = "columns.cachebackends.ResilientRedisCache"
    assert result.stdout.split() == [
        f"default={backend},redis://127.0.0.1:6379/3,False",
        f"shared={backend},redis://127.0.0.1:6379/3,True",
    ]


def test_without_redis_url_pages_stay_in_memory_and_counters_in_the_database():
    result = run_django(
        "*(f\"{alias}={config['BACKEND']}\" for alias, config in "
        "settings.CACHES.items())",
        REDIS_URL="",
    )
    assert result.stdout.split() == [
        "default=django.core.cache.backends.locmem.LocMemCache",
        "shared=columns.cachebackends.SharedDatabaseCache",
    ]


def test_the_deploy_check_warns_when_shared_counters_are_kept_per_process(settings):
    assert check_shared_caches() == []
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    [warning] = check_shared_caches()
    assert warning.id == "columns.W001" and "per process" in warning.msg


def test_database_url_selects_postgresql():
    result = run_django(
        "*(settings.DATABASES['default'][key] for key in ['ENGINE', 'NAME', 'HOST'])",
        DATABASE_URL="postgres://postgres@db.internal:5432/advice",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "advice",
        "db.internal",
    ]


def test_without_database_url_the_database_is_a_sqlite_file_under_var():
    result = run_django(
        "settings.DATABASES['default']['NAME']",
        DATABASE_URL="",
    )
    assert result.stdout.strip() == str(ROOT / "var" / "advice.sqlite3")


def test_email_goes_to_the_console_by_default():
    result = run_django(
        "settings.EMAIL_BACKEND",
        EMAIL_BACKEND="",
    )
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


def test_a_malformed_number_gives_a_clear_error():
    result = run_django("'started'", EMAIL_PORT="twenty-five")
    assert result.returncode != 0
    assert "EMAIL_PORT must be a whole number" in result.stderr
