"""The full-text search index and the triggers that keep it in sync.

SQLite: FTS5 tables + triggers; PostgreSQL: tsvector columns + triggers + GIN
indexes. The SQL lives in ``columns.search.schema`` (one place for the migration
and for repairs); ``install`` is idempotent and fills the index from the tables.
"""

from django.db import migrations

from columns.search import schema


def install_search_index(apps, schema_editor):
    schema.install(schema_editor.connection)


def uninstall_search_index(apps, schema_editor):
    schema.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0003_question_intake_index_topic_labels"),
    ]

    operations = [
        migrations.RunPython(install_search_index, uninstall_search_index),
    ]
