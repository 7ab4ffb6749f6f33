"""The shared database cache's one-statement add and set and its atomic incr; the
resilient Redis cache's misses and fallback while Redis is away."""

import pytest
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture
def shared(db, settings):
    """The shared cache in the database, also where the suite runs with Redis."""
    call_command("createcachetable", "advice_cache", verbosity=0)
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "columns.cachebackends.SharedDatabaseCache",
            "LOCATION": "advice_cache",
        },
    }
    return caches["shared"]


def test_add_stores_only_a_new_key(shared):
    assert shared.add("counter", 1, timeout=60)
    assert not shared.add("counter", 5, timeout=60)
    assert shared.get("counter") == 1


def test_add_takes_over_an_expired_key(shared):
    shared.set("counter", 9, timeout=-1)  # already expired
    assert shared.add("counter", 1, timeout=60)
    assert shared.get("counter") == 1


def test_set_overwrites_and_incr_counts_on(shared):
    shared.set("presence", {"7": ["Sam", 1]}, timeout=60)
    shared.set("presence", {"8": ["Priya", 2]}, timeout=60)
    assert shared.get("presence") == {"8": ["Priya", 2]}
    shared.add("hits", 0, timeout=60)
    assert [shared.incr("hits") for _ in range(3)] == [1, 2, 3]


def expires_of(cache, name: str):
    with cache._connection_and_table()[0].cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM advice_cache WHERE cache_key = %s",
            [cache.make_key(name)],
        )
        return cursor.fetchone()[0]


def test_incr_keeps_the_expiry_of_the_key(shared):
    shared.add("hits", 0, timeout=3600)
    before = expires_of(shared, "hits")
    shared.incr("hits")
    assert expires_of(shared, "hits") == before


def test_incr_of_a_missing_or_expired_key_is_a_value_error(shared):
    with pytest.raises(ValueError):
        shared.incr("nothing")
    shared.set("gone", 1, timeout=-1)
    with pytest.raises(ValueError):
        shared.incr("gone")


def test_adding_a_key_deletes_the_expired_ones(shared):
    shared.set("old", 1, timeout=-1)
    shared.add("new", 1, timeout=60)
    with shared._connection_and_table()[0].cursor() as cursor:
        cursor.execute("SELECT cache_key FROM advice_cache")
        keys = [key for (key,) in cursor.fetchall()]
    assert any(key.endswith("new") for key in keys)
    assert not any(key.endswith("old") for key in keys)
