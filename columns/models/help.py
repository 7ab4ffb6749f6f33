from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

# The countries a help resource can be for. A callable (not a fixed list) so that
# adding one needs no migration.
COUNTRIES = {
    "AU": "Australia",
    "CA": "Canada",
    "DE": "Germany",
    "ES": "Spain",
    "FR": "France",
    "IE": "Ireland",
    "IN": "India",
    "NL": "Netherlands",
    "NZ": "New Zealand",
    "GB": "United Kingdom",
    "US": "United States",
    "ZA": "South Africa",
}
EVERYWHERE = ""


def country_choices() -> list[tuple[str, str]]:
    return [(EVERYWHERE, "Everywhere"), *sorted(COUNTRIES.items(), key=lambda c: c[1])]


phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{1,30}$",
    "Digits, spaces, hyphens and brackets only, e.g. 0808 2000 247 or +44 116 123.",
)


class HelpResourceQuerySet(models.QuerySet):
    def active(self) -> "HelpResourceQuerySet":
        return self.filter(is_active=True)

    def shown_by(self, column) -> "HelpResourceQuerySet":
        """The resources ``column`` chose, or every one if it chose none."""
        chosen = HelpResource.columns.through.objects.filter(column_id=column.pk)
        return self.filter(
            Exists(chosen.filter(helpresource_id=OuterRef("pk"))) | ~Exists(chosen)
        )

    def helping_with(self, categories) -> "HelpResourceQuerySet":
        """Resources for ``categories``, with the emergency and general lines that
        belong beside any of them."""
        always = {HelpResource.Category.EMERGENCY, HelpResource.Category.GENERAL}
        return self.filter(category__in={*always, *categories})

    def by_country(self) -> list[tuple[str, list["HelpResource"]]]:
        """The resources grouped by country name (those for everywhere last), the
        emergency line first in each group, then by position."""
        emergency = HelpResource.Category.EMERGENCY
        resources = sorted(
            self,
            key=lambda r: (
                r.country == EVERYWHERE,
                r.get_country_display(),
                r.category != emergency,
                r.position,
                r.name,
            ),
        )
        groups: dict[str, list[HelpResource]] = {}
        for resource in resources:
            groups.setdefault(resource.region, []).append(resource)
        return list(groups.items())


class HelpResource(models.Model):
    """A crisis line or support service shown to readers who may need it now: on
    the receipt of a safety-flagged letter and beside answers whose content
    warnings call for help (``ContentWarning.help_category``)."""

    class Category(models.TextChoices):
        EMERGENCY = "emergency", "Emergency"
        SELF_HARM = "self_harm", "Self-harm or suicide"
        ABUSE = "abuse", "Abuse or domestic abuse"
        SEXUAL_ASSAULT = "sexual_assault", "Sexual assault"
        GENERAL = "general", "General or mental health"

    name = models.CharField(max_length=120)
    category = models.CharField("helps with", max_length=20, choices=Category.choices)
    country = models.CharField(
        max_length=2,
        choices=country_choices,
        blank=True,
        help_text="Where the service can be reached; “Everywhere” for a worldwide one.",
    )
    phone = models.CharField(
        max_length=32, blank=True, validators=[phone_number], help_text="To call."
    )
    text_number = models.CharField(
        "text (SMS) number", max_length=32, blank=True, validators=[phone_number]
    )
    text_keyword = models.CharField(
        max_length=20,
        blank=True,
        help_text="The word to text, if the service asks for one (e.g. SHOUT).",
    )
    url = models.URLField(
        "web link",
        blank=True,
        validators=[
            URLValidator(
                schemes=["https"], message="Enter an https:// link.", code="not_https"
            )
        ],
    )
    hours = models.CharField(
        max_length=120, blank=True, help_text="Free text, e.g. “24 hours, every day”."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower first, after the emergency line."
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Inactive resources are shown nowhere."
    )

    objects = HelpResourceQuerySet.as_manager()

    class Meta:
        ordering = ["country", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    category__in=[
                        "emergency",
                        "self_harm",
                        "abuse",
                        "sexual_assault",
                        "general",
                    ]
                ),
                name="helpresource_category_valid",
            ),
            models.CheckConstraint(
                condition=~Q(phone="", text_number="", url=""),
                name="helpresource_has_a_way_in",
                violation_error_message="Give a phone number, a text number or a "
                "web link.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_country_display()})"

    @property
    def region(self) -> str:
        """The group heading the resource is shown under."""
        return "Anywhere" if self.country == EVERYWHERE else self.get_country_display()

    @property
    def phone_uri(self) -> str:
        return _dialled("tel", self.phone)

    @property
    def text_uri(self) -> str:
        return _dialled("sms", self.text_number)


def _dialled(scheme: str, number: str) -> str:
    """A ``tel:`` or ``sms:`` address: the digits, and a leading + if any."""
    digits = "".join(c for c in number if c.isdigit())
    return f"{scheme}:{'+' if number.startswith('+') else ''}{digits}"
