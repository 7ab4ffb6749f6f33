"""Datetimes read with raw SQL, converted as the ORM would (SQLite returns text)."""

from datetime import datetime

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

_DATETIME = models.Expression(output_field=models.DateTimeField())


def datetime_from_db(value, connection: BaseDatabaseWrapper) -> datetime | None:
    converters = connection.ops.get_db_converters(_DATETIME)
    for converter in converters + _DATETIME.get_db_converters(connection):
        value = converter(value, _DATETIME, connection)
    return value
