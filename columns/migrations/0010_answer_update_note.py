"""An answer's note for readers on its latest update.

On SQLite, adding a NOT NULL column rebuilds ``columns_answer``, which the search
index's triggers on other tables refer to: the index comes off first and is put
back (and re-filled) after, as ``columns.search.schema`` asks. PostgreSQL adds the
column in place and keeps its index.
"""

from django.db import migrations, models

from columns.search import schema


def _on_sqlite(step):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            step(schema_editor.connection)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0009_question_arrival_indexes"),
    ]

    operations = [
        migrations.RunPython(_on_sqlite(schema.uninstall), _on_sqlite(schema.install)),
        migrations.AddField(
            model_name="answer",
            name="update_note",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
        migrations.RunPython(_on_sqlite(schema.install), _on_sqlite(schema.uninstall)),
    ]
