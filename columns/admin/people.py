"""Staff accounts, with the public byline and biography."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from columns.admin.base import GuardedInputMixin
from columns.models import User

# Autocompletes that pick people by byline: (app, model, field) -> the permission
# that editing the field needs. Picking an author must not require the right to
# browse the staff list (usernames, emails), so these get a narrow view of it.
BYLINE_PICKERS = {
    ("columns", "answer", "authors"): "columns.change_answer",
    ("columns", "column", "hosts"): "columns.change_column",
}


def byline_picker_permission(request) -> str | None:
    """The permission needed by the byline autocomplete this request is, if any."""
    match = request.resolver_match
    if match is None or match.url_name != "autocomplete":
        return None
    source = tuple(
        request.GET.get(key, "") for key in ("app_label", "model_name", "field_name")
    )
    return BYLINE_PICKERS.get(source)


@admin.register(User)
class UserAdmin(GuardedInputMixin, BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets[:2],
        ("Byline", {"fields": ("public_name", "bio")}),
        *BaseUserAdmin.fieldsets[2:],
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "public_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = (
        "username",
        "public_name",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
    )
    search_fields = ("username", "public_name", "first_name", "last_name", "email")

    def has_view_permission(self, request, obj=None) -> bool:
        if super().has_view_permission(request, obj):
            return True
        permission = byline_picker_permission(request)
        return (
            obj is None and permission is not None and request.user.has_perm(permission)
        )

    def get_search_fields(self, request) -> tuple[str, ...]:
        if byline_picker_permission(request) and not super().has_view_permission(
            request
        ):
            return ("public_name", "first_name", "last_name", "username")
        return super().get_search_fields(request)

    def get_search_results(self, request, queryset, search_term):
        if byline_picker_permission(request):
            queryset = queryset.filter(is_active=True)
        return super().get_search_results(request, queryset, search_term)
