"""``manage.py rebuild_search_index``: reinstall the search triggers and refill the
index from the tables.

Never needed in normal running (the database keeps the index in sync); useful after
restoring a dump made without the triggers, or if a migration rebuilt a table on
SQLite and dropped its triggers.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from columns.search import schema


class Command(BaseCommand):
    help = (
        "Reinstall the full-text search triggers and refill the index of answers "
        "and letters from the tables (SQLite FTS5 or PostgreSQL tsvector). Safe to "
        "run at any time; the site keeps working meanwhile."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            schema.install(connection)
        self.stdout.write(self.style.SUCCESS("The search index is rebuilt."))
