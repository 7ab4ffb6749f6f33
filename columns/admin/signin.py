"""The back office's sign-in: the desk's throttled form with its code field, and,
with ``ADVICE_REQUIRE_2FA``, only users who signed in with a code.

Set on the default ``admin.site`` object itself (every admin module registers on it,
and so do other apps): its documented ``login_form`` and ``login_template``, and
its ``has_permission`` and ``login`` extended on the instance.
"""

from types import MethodType

from django.contrib import admin, messages
from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from columns.access import SET_UP, SET_UP_FIRST, two_factor_step
from columns.forms.signin import AdminSignInForm


def has_permission(site: AdminSite, request: HttpRequest) -> bool:
    """Django's rule (active staff), and a code at sign-in when it is required."""
    return (
        AdminSite.has_permission(site, request)
        and two_factor_step(request.user, everyone=True) is None
    )


def login(
    site: AdminSite, request: HttpRequest, extra_context: dict | None = None
) -> HttpResponse:
    """Django's admin sign-in page, except that staff who must set up two-step
    sign-in first are sent to do so (signing in again would not help them)."""
    user = request.user
    if user.is_staff and two_factor_step(user, everyone=True) == SET_UP:
        messages.info(request, SET_UP_FIRST)
        return redirect("desk:two_factor")
    return AdminSite.login(site, request, extra_context)


def guard(site: AdminSite = admin.site) -> None:
    site.login_form = AdminSignInForm
    site.login_template = "admin/signin.html"
    site.has_permission = MethodType(has_permission, site)
    site.login = MethodType(login, site)
