"""Actors and shared fixtures for the whole suite."""

import pytest
from django.core.cache import cache

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing costs ~0.3 s a user by design; tests make hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (shared Redis when REDIS_URL is set)."""
    cache.clear()
    yield
    cache.clear()


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
