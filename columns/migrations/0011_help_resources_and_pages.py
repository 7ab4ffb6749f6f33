"""Help resources (crisis lines, support services), the ones a column chooses, the
help a content warning calls for, and pages about the site (About, Privacy).

New tables and a column added to ``columns_contentwarning``, which no search-index
trigger reads: nothing to take off and put back around them.
"""

import columns.models.help
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0010_answer_update_note"),
    ]

    operations = [
        migrations.CreateModel(
            name="SitePage",
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
                (
                    "slug",
                    models.SlugField(
                        help_text="“about” and “privacy” are at /about/ and /privacy/; any other page at /pages/<slug>/.",
                        max_length=80,
                        unique=True,
                    ),
                ),
                ("title", models.CharField(max_length=120)),
                ("body", models.TextField(help_text="Markdown, as in answers.")),
                ("body_html", models.TextField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["title"],
            },
        ),
        migrations.AddField(
            model_name="contentwarning",
            name="help_category",
            field=models.CharField(
                blank=True,
                choices=[
                    ("emergency", "Emergency"),
                    ("self_harm", "Self-harm or suicide"),
                    ("abuse", "Abuse or domestic abuse"),
                    ("sexual_assault", "Sexual assault"),
                    ("general", "General or mental health"),
                ],
                help_text="Answers with this warning end with the help resources for it.",
                max_length=20,
            ),
        ),
        migrations.CreateModel(
            name="HelpResource",
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
                ("name", models.CharField(max_length=120)),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("emergency", "Emergency"),
                            ("self_harm", "Self-harm or suicide"),
                            ("abuse", "Abuse or domestic abuse"),
                            ("sexual_assault", "Sexual assault"),
                            ("general", "General or mental health"),
                        ],
                        max_length=20,
                        verbose_name="helps with",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        choices=columns.models.help.country_choices,
                        help_text="Where the service can be reached; “Everywhere” for a worldwide one.",
                        max_length=2,
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        help_text="To call.",
                        max_length=32,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\+?[0-9][0-9 ()-]{1,30}$",
                                "Digits, spaces, hyphens and brackets only, e.g. 0808 2000 247 or +44 116 123.",
                            )
                        ],
                    ),
                ),
                (
                    "text_number",
                    models.CharField(
                        blank=True,
                        max_length=32,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\+?[0-9][0-9 ()-]{1,30}$",
                                "Digits, spaces, hyphens and brackets only, e.g. 0808 2000 247 or +44 116 123.",
                            )
                        ],
                        verbose_name="text (SMS) number",
                    ),
                ),
                (
                    "text_keyword",
                    models.CharField(
                        blank=True,
                        help_text="The word to text, if the service asks for one (e.g. SHOUT).",
                        max_length=20,
                    ),
                ),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        validators=[
                            django.core.validators.URLValidator(
                                code="not_https",
                                message="Enter an https:// link.",
                                schemes=["https"],
                            )
                        ],
                        verbose_name="web link",
                    ),
                ),
                (
                    "hours",
                    models.CharField(
                        blank=True,
                        help_text="Free text, e.g. “24 hours, every day”.",
                        max_length=120,
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Lower first, after the emergency line."
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Inactive resources are shown nowhere.",
                        verbose_name="active",
                    ),
                ),
            ],
            options={
                "ordering": ["country", "position", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "category__in",
                                [
                                    "emergency",
                                    "self_harm",
                                    "abuse",
                                    "sexual_assault",
                                    "general",
                                ],
                            )
                        ),
                        name="helpresource_category_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("phone", ""),
                            ("text_number", ""),
                            ("url", ""),
                            _negated=True,
                        ),
                        name="helpresource_has_a_way_in",
                        violation_error_message="Give a phone number, a text number or a web link.",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="column",
            name="help_resources",
            field=models.ManyToManyField(
                blank=True,
                help_text="Shown to its readers who may need help; none chosen: every active one.",
                related_name="columns",
                to="columns.helpresource",
            ),
        ),
    ]
