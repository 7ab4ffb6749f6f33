"""Two-step sign-in for staff: an authenticator app and recovery codes, kept as
django-otp devices.

A staff member has at most one authenticator (a ``TOTPDevice``) and one set of
``RECOVERY_CODES`` recovery codes (a ``StaticDevice``; each code works once). A new
authenticator is unconfirmed, and counts for nothing, until its owner types a code
it shows; confirming it makes the recovery codes, which are shown that once. Every
change is written to the audit log against the user. Who must use two-step sign-in
(``ADVICE_REQUIRE_2FA``) is decided in ``columns.access``.
"""

import math
from base64 import b32encode

import segno
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from columns.models import User
from columns.workflow.core import audit

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODES = 10
TOTP_DIGITS = 6


def has_device(user: User) -> bool:
    """Whether ``user`` has two-step sign-in on (a confirmed device of any kind)."""
    return user_has_device(user, confirmed=True)


def is_verified(user) -> bool:
    """Whether this session's user signed in with a one-time code (the attribute is
    django-otp's middleware's; users not from a request have none)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def may_change(user) -> bool:
    """Only a session that signed in with a code may change a second step that is
    on: a password alone must not be enough to remove it or mint recovery codes."""
    return is_verified(user) or not has_device(user)


def normalise_code(code: str) -> str:
    """A typed code as stored: without spaces or dashes, in lower case."""
    return "".join(code.split()).replace("-", "").lower()


class CodeThrottled(Exception):
    """django-otp's own back-off after wrong codes (1, 2, 4... seconds, kept on the
    device) is under way: the code was not even checked."""

    def __init__(self, seconds: float) -> None:
        whole = math.ceil(seconds)
        unit = "second" if whole == 1 else "seconds"
        super().__init__(
            f"Too many wrong codes in a row: wait {whole} {unit}, then enter the "
            "code again."
        )
        self.seconds = seconds


def verify_code(user: User, code: str) -> Device | None:
    """The device of ``user`` that accepts ``code`` (a recovery code is used up),
    or None; ``CodeThrottled`` while the devices it is for are backing off. Six
    digits are an authenticator's code, anything else a recovery code, so a guess
    only ever counts against one kind of device."""
    code = normalise_code(code)
    if not code:
        return None
    model = TOTPDevice if code.isdigit() and len(code) == TOTP_DIGITS else StaticDevice
    waits = []
    with transaction.atomic():
        devices = model.objects.devices_for_user(user, confirmed=True)
        candidates = list(devices.select_for_update())
        for device in candidates:
            allowed, why = device.verify_is_allowed()
            if not allowed and why and why.get("locked_until"):
                waits.append((why["locked_until"] - timezone.now()).total_seconds())
            elif device.verify_token(code):
                return device
    if waits and len(waits) == len(candidates):
        raise CodeThrottled(max(1.0, min(waits)))
    return None


def authenticator(user: User) -> TOTPDevice | None:
    """The confirmed authenticator of ``user``, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_authenticator(user: User) -> TOTPDevice | None:
    """The authenticator being set up (not yet confirmed), if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).first()


def start_authenticator(user: User) -> TOTPDevice:
    """A new unconfirmed authenticator with a fresh secret, replacing one whose
    setup was not finished."""
    with transaction.atomic():
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        return TOTPDevice.objects.create(
            user=user, name=AUTHENTICATOR_NAME, confirmed=False
        )


def confirm_authenticator(device: TOTPDevice, code: str) -> list[str] | None:
    """Turn two-step sign-in on if ``code`` is the authenticator's current one:
    the new recovery codes (to show once), or None for a wrong code."""
    code = normalise_code(code)
    with transaction.atomic():
        if device.confirmed or not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(device.user)
        audit(device.user, "two_factor_on", "off", "on", by=device.user)
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """A fresh set of recovery codes for ``user`` (to show once); the old ones stop
    working."""
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        audit(user, "recovery_codes_renewed", "on", "on", by=user)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def turn_off(user: User) -> None:
    """Remove every device of ``user``: sign-in is by password alone again."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit(user, "two_factor_off", "on", "off", by=user)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The authenticator's setup link as a QR code, inline SVG (no script, no style
    attribute: the CSP allows neither)."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr-code", title="QR code"
    )
    return mark_safe(svg)  # made by segno from our own data: nothing to escape


def _replace_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes
