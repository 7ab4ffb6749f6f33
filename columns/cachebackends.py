"""Cache backends that every web process shares, and that fail soft.

``ResilientRedisCache`` is Django's Redis cache with a short socket timeout and a
circuit breaker: when Redis refuses, fails or does not answer in time, it is left
alone for a few seconds (no request waits on it meanwhile), reads miss and writes
do nothing, so public pages are served uncached. With ``local_fallback`` (the
rate-limit counters) the calls go to this process's memory instead, so limits hold
per process rather than vanishing. The outage is logged at most once a minute, and
the first call that succeeds afterwards ends it, without a restart.

``SharedDatabaseCache`` is Django's database cache, the default without Redis: one
table that all processes share, with an ``incr`` that is atomic across them (the
base class reads and writes in two steps, and resets the key's expiry).
"""

import base64
import logging
import pickle
import threading
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router, transaction
from django.utils import timezone
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

from columns.dbtime import datetime_from_db

logger = logging.getLogger(__name__)

# How often an ongoing outage may be logged.
LOG_EVERY_SECONDS = 60


class _Outage:
    """Whether a Redis server is being left alone, shared by the process's threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.until = 0.0
        self.logged_at = -LOG_EVERY_SECONDS
        self.ongoing = False

    def active(self) -> bool:
        return time.monotonic() < self.until

    def begin(self, location: str, retry_seconds: float, error: Exception) -> None:
        with self.lock:
            now = time.monotonic()
            self.until = now + retry_seconds
            self.ongoing = True
            if now - self.logged_at >= LOG_EVERY_SECONDS:
                self.logged_at = now
                logger.warning(
                    "Cache %s unavailable (%s: %s): serving pages uncached, rate "
                    "limits per process; retrying every %g s",
                    location,
                    type(error).__name__,
                    error,
                    retry_seconds,
                )

    def end(self, location: str) -> None:
        with self.lock:
            if self.ongoing:
                self.ongoing = False
                logger.warning("Cache %s answers again", location)


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, degraded instead of failing when Redis is away.

    OPTIONS: ``timeout_seconds`` (socket connect and read timeout, default 0.1),
    ``retry_seconds`` (how long a failed server is left alone, default 5) and
    ``local_fallback`` (use process memory meanwhile instead of missing). Other
    options go to redis-py as with Django's backend.
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        timeout = float(options.pop("timeout_seconds", 0.1))
        self.retry_seconds = float(options.pop("retry_seconds", 5))
        local_fallback = bool(options.pop("local_fallback", False))
        options.setdefault("socket_timeout", timeout)
        options.setdefault("socket_connect_timeout", timeout)
        # redis-py retries a failed command by default: a hung server would then
        # hold a request for several timeouts and back-off sleeps.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self.location = str(server)
        self.outage = _outage_for(self.location)
        self.fallback = (
            LocMemCache(f"fallback:{self.location}", params) if local_fallback else None
        )

    def _call(self, name: str, miss: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.outage.active():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except RedisError as error:
                self.outage.begin(self.location, self.retry_seconds, error)
            else:
                self.outage.end(self.location)
                return result
        if self.fallback is not None:
            return getattr(self.fallback, name)(*args, **kwargs)
        if isinstance(miss, Exception):
            raise miss
        return miss

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def incr(self, key, delta=1, version=None):
        missing = ValueError(f"Key {key!r} not found (cache unavailable).")
        return self._call("incr", missing, key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def clear(self):
        return self._call("clear", False)


class SharedDatabaseCache(DatabaseCache):
    """Django's database cache with ``add`` and ``set`` in one statement each (the
    base class counts the table, reads, then writes), and an ``incr`` that is
    atomic across processes and keeps the key's expiry (rate-limit counters live
    for their window). Expired entries are deleted whenever a key is added (the
    first hit of every rate-limit window), through the index on ``expires``."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self._upsert(key, value, timeout, version, only_over_expired=True)
        if added:
            self._delete_expired()
        return added

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._upsert(key, value, timeout, version, only_over_expired=False)

    def _upsert(self, key, value, timeout, version, *, only_over_expired) -> bool:
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._connection_and_table()
        deadline = self.get_backend_timeout(timeout)
        expires = (
            datetime.max
            if deadline is None
            else datetime.fromtimestamp(deadline, tz=UTC if settings.USE_TZ else None)
        )
        adapt = connection.ops.adapt_datetimefield_value
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol))
        parameters = [
            key,
            encoded.decode("latin1"),
            adapt(expires.replace(microsecond=0)),
        ]
        condition = ""
        if only_over_expired:  # a live entry stays
            condition = f" WHERE {table}.expires < %s"
            parameters.append(adapt(timezone.now().replace(microsecond=0)))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
                "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, "
                f"expires = excluded.expires{condition}",
                parameters,
            )
            return cursor.rowcount == 1

    def _delete_expired(self) -> None:
        connection, table = self._connection_and_table()
        now = connection.ops.adapt_datetimefield_value(
            timezone.now().replace(microsecond=0)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._connection_and_table()
        # SQLite takes the write lock when the transaction begins (IMMEDIATE mode,
        # see settings); other databases lock the row.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value, expires FROM {table} WHERE cache_key = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or datetime_from_db(row[1], connection) < timezone.now():
                raise ValueError(f"Key {key!r} not found.")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol))
            cursor.execute(
                f"UPDATE {table} SET value = %s WHERE cache_key = %s",
                [encoded.decode("latin1"), key],
            )
        return value

    def _connection_and_table(self):
        connection = connections[router.db_for_write(self.cache_model_class)]
        return connection, connection.ops.quote_name(self._table)
