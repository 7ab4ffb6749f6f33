"""Answers keep what their pages show from other tables on their row
(``columns.pageparts``); the public answers get theirs now."""

from django.db import migrations, models


def store_page_parts(apps, schema_editor):
    # The live module: the parts are written exactly as the workflow writes them.
    from columns import pageparts

    pageparts.store_all()


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0006_archive_pages_and_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="page_parts",
            field=models.JSONField(editable=False, null=True),
        ),
        migrations.RunPython(store_page_parts, migrations.RunPython.noop),
    ]
