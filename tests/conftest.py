"""Actors and shared fixtures for the whole suite."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django_tasks_db.management.commands import db_worker

from columns import pageparts
from tests.factories import make_user

# The live test server takes connections ten at a time by default; the concurrency
# tests connect two dozen readers at once, which on a busy machine had the kernel
# reset one of them before the server accepted it.
ThreadedWSGIServer.request_queue_size = 64


def pytest_collection_modifyitems(items):
    """Tests that run the Nu HTML checker (Java) are marked ``nu``, so that
    ``make test-fast`` can leave them out."""
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and "nu_errors" in function.__code__.co_names:
            item.add_marker(pytest.mark.nu)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing costs ~0.3 s a user by design; tests make hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_caches(request):
    """Each test starts with empty caches: memory (with the names that pages
    show, kept per process), the shared Redis when REDIS_URL is set, and the
    database's cache table for the tests that use the database."""
    # A test's database starts again at generation 1 with other rows.
    pageparts.forget_names()
    if "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        aliases = list(settings.CACHES)
    else:
        aliases = [
            alias
            for alias, config in settings.CACHES.items()
            if not config["BACKEND"].endswith("DatabaseCache")
        ]
    for alias in aliases:
        caches[alias].clear()
    yield
    pageparts.forget_names()
    for alias in aliases:
        caches[alias].clear()


@pytest.fixture
def run_tasks(db, monkeypatch):
    """Runs every background task that is due, as ``manage.py worker`` does."""
    # The worker closes "old" connections between tasks; inside a test's
    # transaction (autocommit off) PostgreSQL's would count as old and be closed.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> None:
        call_command("worker", batch=True, startup_delay=False, interval=0, verbosity=0)

    return run


@pytest.fixture
def editor(db):
    return make_user(role="Editor", username="editor", is_staff=True)


@pytest.fixture
def columnist(db):
    return make_user(role="Columnist", username="columnist")


@pytest.fixture
def other_columnist(db):
    return make_user(role="Columnist", username="other_columnist")


@pytest.fixture
def reader_account(db):
    """A logged-in user with no role: readers never need one, so it may do nothing."""
    return make_user(username="nobody")


@pytest.fixture
def superuser(db):
    return make_user(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def baked_root(settings, tmp_path):
    """Baked pages go to a folder of the test's own, never to var/site/."""
    root = tmp_path / "site"
    settings.ADVICE_BAKED_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "baked": {**settings.STORAGES["baked"], "OPTIONS": {"location": root}},
    }
    return root
