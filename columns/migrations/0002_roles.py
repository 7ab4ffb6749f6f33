"""Create the Editor and Columnist groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "triage_question",
    "assign_question",
    "draft_answer",
    "review_answer",
    "publish_answer",
    *(
        f"{action}_{model}"
        for model in [
            "column",
            "question",
            "answer",
            "answerletter",
            "contentwarning",
            "topic",
            "reviewcomment",
        ]
        for action in ["view", "add", "change"]
    ),
    "delete_answerletter",
    "view_revision",
    "view_auditentry",
    "view_taggedquestion",
    "view_taggedanswer",
]

COLUMNIST_PERMISSIONS = [
    "draft_answer",
    "view_question",
    "view_answer",
    "change_answer",
    "view_column",
    "view_topic",
    "add_topic",
    "view_contentwarning",
    "view_revision",
    "view_reviewcomment",
    "add_reviewcomment",
]

ROLES = {"Editor": EDITOR_PERMISSIONS, "Columnist": COLUMNIST_PERMISSIONS}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure ours exist.
    app_config = apps.get_app_config("columns")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="columns", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
