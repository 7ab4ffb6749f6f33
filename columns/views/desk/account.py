"""A staff member's own sign-in: the desk's sign-in page and the two-step sign-in
settings (authenticator app, recovery codes, turning it off).

Recovery codes are rendered in the response to the POST that made them and nowhere
else: they are shown once, and the page is never cached.
"""

from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from columns import twofactor
from columns.access import (
    VERIFY,
    staff_required,
    two_factor_required,
    two_factor_step,
)
from columns.forms.signin import AuthenticatorCodeForm, DeskSignInForm, TurnOffForm

SIGN_IN_AGAIN = (
    "To change two-step sign-in, sign out and sign in again with a code from your "
    "authenticator app or a recovery code."
)


class DeskLoginView(LoginView):
    """The desk's sign-in page: password and, once turned on, a one-time code."""

    form_class = DeskSignInForm
    template_name = "desk/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Someone the desk sends back for a code is signed in already: sending
        # them on to the page they came from would send them back here.
        if two_factor_step(request.user) == VERIFY:
            self.redirect_authenticated_user = False
        return super().dispatch(request, *args, **kwargs)


def _render(
    request: HttpRequest,
    *,
    confirm_form: AuthenticatorCodeForm | None = None,
    off_form: TurnOffForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    device = twofactor.authenticator(user)
    pending = None if device else twofactor.pending_authenticator(user)
    context = {
        "authenticator": device,
        "pending": pending,
        "may_change": twofactor.may_change(user),
        "required": two_factor_required(user),
        "confirm_form": confirm_form or AuthenticatorCodeForm(),
        "off_form": off_form or TurnOffForm(request),
    }
    if device:
        context["codes_left"] = twofactor.recovery_codes_left(user)
    if pending:
        context["qr_code"] = twofactor.qr_code_svg(pending)
        context["secret"] = twofactor.secret_text(pending)
    return render(request, "desk/two_factor.html", context, status=status)


def _codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return render(request, "desk/recovery_codes.html", {"codes": codes})


@require_GET
@never_cache
@staff_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Whether two-step sign-in is on, and the forms to set it up or change it."""
    return _render(request)


@require_POST
@staff_required
def two_factor_start(request: HttpRequest) -> HttpResponse:
    """Make a new authenticator secret to scan (unconfirmed until a code is typed)."""
    if twofactor.authenticator(request.user):
        messages.error(request, "Two-step sign-in is on already.")
    else:
        twofactor.start_authenticator(request.user)
    return redirect("desk:two_factor")


@require_POST
@never_cache
@staff_required
def two_factor_confirm(request: HttpRequest) -> HttpResponse:
    """Turn two-step sign-in on with a code from the new authenticator; show the
    recovery codes."""
    device = twofactor.pending_authenticator(request.user)
    if device is None:
        messages.error(request, "Start the setup first: there is no new app to check.")
        return redirect("desk:two_factor")
    form = AuthenticatorCodeForm(request.POST)
    codes = None
    if form.is_valid():
        codes = twofactor.confirm_authenticator(device, form.cleaned_data["code"])
        if codes is None:
            form.add_error(
                "code",
                "That is not the app's current code. Check the app shows the "
                "account you just added, then type the code it shows now.",
            )
    if codes is None:
        return _render(request, confirm_form=form, status=400)
    otp_login(request, device)  # this session has just proved it holds the app
    messages.success(request, "Two-step sign-in is on.")
    return _codes_page(request, codes)


@require_POST
@never_cache
@staff_required
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes (the old ones stop working) and show the new."""
    if not twofactor.authenticator(request.user):
        messages.error(request, "Turn on two-step sign-in first.")
        return redirect("desk:two_factor")
    if not twofactor.may_change(request.user):
        messages.error(request, SIGN_IN_AGAIN)
        return redirect("desk:two_factor")
    codes = twofactor.new_recovery_codes(request.user)
    messages.success(request, "New recovery codes made; the old ones no longer work.")
    return _codes_page(request, codes)


@require_POST
@staff_required
def two_factor_off(request: HttpRequest) -> HttpResponse:
    """Turn two-step sign-in off, given a current code or the password."""
    if not twofactor.has_device(request.user):
        return redirect("desk:two_factor")
    if not twofactor.may_change(request.user):
        messages.error(request, SIGN_IN_AGAIN)
        return redirect("desk:two_factor")
    form = TurnOffForm(request, request.POST)
    if not form.is_valid():
        return _render(request, off_form=form, status=400)
    twofactor.turn_off(request.user)
    messages.success(
        request, "Two-step sign-in is off: you sign in with your password."
    )
    return redirect("desk:two_factor")
