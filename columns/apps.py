from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "columns"
    verbose_name = "Advice columns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from columns import checks  # noqa: F401  (registers the system checks)
        from columns.baking import sitepages, sitewide  # noqa: F401  (signals)
