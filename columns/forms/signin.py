"""Staff sign-in and two-step sign-in settings.

``SignInFormMixin`` is the one sign-in check, used by the desk's form and the back
office's (``admin.site.login_form``): the throttle of ``columns.signin`` around
Django's password check, then the one-time code for an account that has two-step
sign-in on. On success the form puts the accepted device on the user as
``otp_device``; django-otp persists it in the session when Django's ``login()``
runs (its ``user_logged_in`` receiver calls ``django_otp.login``), so
``request.user.is_verified()`` is then true.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables
from django_otp.models import Device

from columns import twofactor
from columns.signin import Attempt, lockout_message

CODE_MISSING = (
    "This account uses two-step sign-in: enter the code from your authenticator app "
    "or one of your recovery codes."
)
CODE_WRONG = (
    "That code is not right. Enter the current code from your authenticator app or "
    "an unused recovery code."
)
CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "autocapitalize": "none",
    "spellcheck": "false",
}


class SignInFormMixin(forms.Form):
    """Throttled sign-in with an optional one-time code; mix in before an
    ``AuthenticationForm``."""

    code = forms.CharField(
        label="Authenticator or recovery code",
        required=False,
        max_length=32,
        help_text="Only if you have turned on two-step sign-in.",
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    @sensitive_variables()
    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data  # the fields' own errors say what is missing
        attempt = Attempt.of(self.request, username)
        self._refuse_if_locked(attempt.locked_for())
        try:
            super().clean()
        except ValidationError:
            if self.user_cache is None:  # a wrong username or password
                self._refuse_if_locked(attempt.failed())
            raise
        device = self._check_code(attempt)
        attempt.succeeded()
        if device is not None:
            self.user_cache.otp_device = device
        return self.cleaned_data

    def _check_code(self, attempt: Attempt) -> Device | None:
        user = self.user_cache
        if not twofactor.has_device(user):
            return None
        code = self.cleaned_data.get("code", "")
        message, reason = (CODE_WRONG, "wrong") if code else (CODE_MISSING, "missing")
        try:
            device = twofactor.verify_code(user, code) if code else None
        except twofactor.CodeThrottled as throttled:
            device, message, reason = None, str(throttled), "throttled"
        if device is None:
            self.user_cache = None
            self._refuse_if_locked(attempt.failed())
            raise ValidationError({"code": ValidationError(message, code=reason)})
        return device

    @staticmethod
    def _refuse_if_locked(seconds: float) -> None:
        if seconds:
            raise ValidationError(lockout_message(seconds), code="locked")


class DeskSignInForm(SignInFormMixin, AuthenticationForm):
    """Sign-in at /desk/login/."""


class AdminSignInForm(SignInFormMixin, AdminAuthenticationForm):
    """Sign-in at /admin/login/ (staff accounts only, as Django's admin asks)."""


class AuthenticatorCodeForm(forms.Form):
    """The code that confirms a new authenticator app."""

    code = forms.CharField(
        label="Code from the app",
        max_length=12,
        help_text="The 6 digits your authenticator app shows now.",
        widget=forms.TextInput(attrs={**CODE_ATTRS, "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = twofactor.normalise_code(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == twofactor.TOTP_DIGITS):
            raise ValidationError("Enter the 6 digits your authenticator app shows.")
        return code


class TurnOffForm(forms.Form):
    """Turning two-step sign-in off takes a current code or the password; a wrong
    one counts as a failed sign-in of the account."""

    proof = forms.CharField(
        label="Current code or your password",
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    @sensitive_variables()
    def clean_proof(self) -> str:
        proof = self.cleaned_data["proof"]
        user = self.request.user
        attempt = Attempt.of(self.request, user.get_username())
        SignInFormMixin._refuse_if_locked(attempt.locked_for())
        if not (user.check_password(proof) or self._code_accepted(user, proof)):
            SignInFormMixin._refuse_if_locked(attempt.failed())
            raise ValidationError(
                "That is neither a current code nor your password: two-step sign-in "
                "is still on."
            )
        return proof

    @staticmethod
    def _code_accepted(user, proof: str) -> bool:
        try:
            return twofactor.verify_code(user, proof) is not None
        except twofactor.CodeThrottled:
            return False
