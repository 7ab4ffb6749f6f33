"""The public pages' generation in the database, the shared cache table, and the
Editor role's view of background tasks."""

from django.contrib.auth.management import create_permissions
from django.core.management import call_command
from django.db import migrations, models


def create_generation_and_cache_table(apps, schema_editor):
    apps.get_model("columns", "PageGeneration").objects.get_or_create(pk=1)
    # Only database caches have a table; with Redis configured this does nothing.
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0
    )


def let_editors_see_tasks(apps, schema_editor):
    app_config = apps.get_app_config("django_tasks_database")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(
        content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
    )
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(view)


def forget_editors_tasks(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="django_tasks_database",
                codename="view_dbtaskresult",
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0004_search_index"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.CreateModel(
            name="PageGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=1)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)),
                        name="pagegeneration_single_row",
                    )
                ],
            },
        ),
        migrations.RunPython(create_generation_and_cache_table, migrations.RunPython.noop),
        migrations.RunPython(let_editors_see_tasks, forget_editors_tasks),
    ]
