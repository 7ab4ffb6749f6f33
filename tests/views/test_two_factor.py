"""Two-step sign-in (``columns.twofactor``): set up on the desk's page, then asked
for at both sign-in pages, and required of editors with ``ADVICE_REQUIRE_2FA``."""

import re
import time
from base64 import b32decode
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from columns.forms.signin import CODE_MISSING, CODE_WRONG
from columns.models import AuditEntry
from tests.htmlcheck import nu_errors

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOCKED = "Too many failed sign-ins. Try again in 15 minutes."
PAGES = [pytest.param("desk:login", id="desk"), pytest.param("admin:login", id="admin")]
SETUP = reverse("desk:two_factor")


def app_code(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The code the app shows now, or ``ahead`` steps of 30 seconds later (each
    code is accepted once, a step either side of the server's clock)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    accepted = {app_code(device, ahead=ahead) for ahead in range(-2, 3)}
    return next(code for code in ("123456", "654321", "111111") if code not in accepted)


def set_up(client: Client, user) -> tuple[TOTPDevice, list[str]]:
    """Turn two-step sign-in on through the page: the app and its recovery codes."""
    client.force_login(user)
    client.post(reverse("desk:two_factor_start"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        reverse("desk:two_factor_confirm"), {"code": app_code(device)}
    )
    assert response.status_code == 200
    codes = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode()
    )
    return device, codes


def sign_in(client: Client, page: str, username: str, code: str = "", **extra):
    data = {"username": username, "password": PASSWORD, "code": code}
    return client.post(reverse(page), data, **extra)


def verified(client: Client) -> bool:
    response = client.get(SETUP)
    user = response.wsgi_request.user
    return user.is_authenticated and user.is_verified()


# Setting it up ---------------------------------------------------------------------


def test_setting_up_shows_a_qr_code_and_the_secret_to_type(client, editor):
    client.force_login(editor)
    client.post(reverse("desk:two_factor_start"))

    page = client.get(SETUP).content.decode()

    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert '<svg width="' in page and "<title>QR code</title>" in page
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert b32decode(secret.replace(" ", "")) == device.bin_key


def test_the_desk_navigation_links_to_the_page(client, editor):
    client.force_login(editor)

    page = client.get(reverse("desk:dashboard")).content.decode()

    assert f'href="{SETUP}"' in page


def test_a_wrong_code_does_not_turn_it_on(client, editor):
    client.force_login(editor)
    client.post(reverse("desk:two_factor_start"))
    device = TOTPDevice.objects.get(user=editor)

    response = client.post(
        reverse("desk:two_factor_confirm"), {"code": wrong_code(device)}
    )

    assert response.status_code == 400
    assert "Check the app shows the account you just added" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_confirming_turns_it_on_and_shows_ten_recovery_codes_once(client, editor):
    device, codes = set_up(client, editor)

    device.refresh_from_db()
    assert device.confirmed
    assert len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)
    )
    page = client.get(SETUP).content.decode()
    assert "10 unused recovery codes left" in page
    assert not any(code in page for code in codes)
    assert verified(client)  # the session that proved it holds the app
    assert AuditEntry.objects.for_object(editor).get().action == "two_factor_on"


def test_the_page_needs_a_signed_in_staff_member(client, reader_account):
    assert client.get(SETUP).url.startswith(reverse("desk:login"))
    client.force_login(reader_account)
    assert client.get(SETUP).status_code == 403


# Signing in with it ----------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_once_on_a_password_alone_is_refused(client, editor, page):
    set_up(client, editor)
    client.logout()

    response = sign_in(client, page, "editor")

    assert response.status_code == 200
    assert CODE_MISSING in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("page", PAGES)
def test_with_the_apps_code_the_sign_in_is_verified(client, editor, page):
    device, _ = set_up(client, editor)
    client.logout()

    response = sign_in(client, page, "editor", app_code(device, ahead=1))

    assert response.status_code == 302
    assert verified(client)


def test_an_app_code_works_once(client, editor):
    device, _ = set_up(client, editor)
    client.logout()
    code = app_code(device, ahead=1)
    sign_in(client, "desk:login", "editor", code)
    client.logout()

    response = sign_in(client, "desk:login", "editor", code)

    assert CODE_WRONG in response.content.decode()


@pytest.fixture
def no_back_off(settings):
    """Without django-otp's own back-off after a wrong code (tested on its own)."""
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_a_recovery_code_works_once_only(client, editor, no_back_off):
    _, codes = set_up(client, editor)
    client.logout()

    first = sign_in(client, "desk:login", "editor", codes[0].upper())
    assert first.status_code == 302 and verified(client)
    client.logout()
    again = sign_in(client, "desk:login", "editor", codes[0])

    assert CODE_WRONG in again.content.decode()
    sign_in(client, "desk:login", "editor", codes[1])
    assert "8 unused recovery codes left" in client.get(SETUP).content.decode()


def test_after_a_wrong_code_the_next_waits_a_moment(client, editor):
    _, codes = set_up(client, editor)
    client.logout()
    sign_in(client, "desk:login", "editor", "zzzzzzzz")

    too_soon = sign_in(client, "desk:login", "editor", codes[0])
    StaticDevice.objects.filter(user=editor).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=2)
    )
    later = sign_in(client, "desk:login", "editor", codes[0])

    assert "Too many wrong codes in a row: wait 1 second, then" in (
        too_soon.content.decode()
    )
    assert later.status_code == 302


@pytest.mark.parametrize("kind", ["empty", "wrong app code", "wrong recovery code"])
def test_wrong_codes_count_toward_the_lockout(client, editor, kind):
    device, _ = set_up(client, editor)
    client.logout()
    code = {"empty": "", "wrong app code": wrong_code(device)}.get(kind, "zzzzzzzz")

    for _ in range(5):
        last = sign_in(client, "desk:login", "editor", code)
    right = sign_in(client, "desk:login", "editor", app_code(device, ahead=1))

    assert LOCKED in last.content.decode()
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_new_recovery_codes_replace_the_old_ones(client, editor, no_back_off):
    _, old = set_up(client, editor)

    response = client.post(reverse("desk:recovery_codes_renew"))

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()
    assert (
        CODE_WRONG in sign_in(client, "desk:login", "editor", old[0]).content.decode()
    )
    assert sign_in(client, "desk:login", "editor", new[0]).status_code == 302


def test_a_session_without_a_code_cannot_change_it(client, editor):
    device, codes = set_up(client, editor)
    other = Client()
    other.force_login(editor)  # e.g. a session from before it was turned on

    renewed = other.post(reverse("desk:recovery_codes_renew"))
    off = other.post(reverse("desk:two_factor_off"), {"proof": PASSWORD})

    assert renewed.status_code == off.status_code == 302
    assert StaticToken.objects.filter(token=codes[0]).exists()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_turning_it_off_needs_a_code_or_the_password(client, editor):
    device, _ = set_up(client, editor)

    refused = client.post(reverse("desk:two_factor_off"), {"proof": "not it"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    done = client.post(reverse("desk:two_factor_off"), {"proof": PASSWORD})

    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    client.logout()
    assert sign_in(client, "desk:login", "editor").status_code == 302


def test_turning_it_off_with_the_apps_code(client, editor):
    device, _ = set_up(client, editor)

    client.post(reverse("desk:two_factor_off"), {"proof": app_code(device, ahead=1)})

    assert not TOTPDevice.objects.filter(user=editor).exists()


# Required (ADVICE_REQUIRE_2FA) -----------------------------------------------------


@pytest.fixture
def required(settings):
    settings.ADVICE_REQUIRE_2FA = True


@pytest.mark.parametrize("place", ["desk:dashboard", "desk:queue", "admin:index"])
def test_required_sends_an_editor_without_it_to_set_it_up(
    client, editor, required, place
):
    assert sign_in(client, "desk:login", "editor").status_code == 302

    response = client.get(reverse(place), follow=True)

    assert response.redirect_chain[-1][0] == SETUP
    assert "Your account needs two-step sign-in" in response.content.decode()


def test_required_a_superuser_without_it_is_sent_to_set_it_up(
    client, superuser, required
):
    sign_in(client, "admin:login", "admin")

    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0] == SETUP


def test_required_once_set_up_the_desk_and_back_office_open(client, editor, required):
    sign_in(client, "desk:login", "editor")
    set_up(client, editor)

    assert client.get(reverse("desk:dashboard")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_required_an_editor_who_has_it_but_signed_in_without_a_code_signs_in_again(
    client, editor, required
):
    device, _ = set_up(Client(), editor)
    client.force_login(editor)  # a session without the code

    desk = client.get(reverse("desk:dashboard"))
    admin = client.get(reverse("admin:index"))
    login_page = client.get(desk.url)

    assert desk.url.startswith(reverse("desk:login"))
    assert admin.url.startswith(reverse("admin:login"))
    assert login_page.status_code == 200  # not sent on to the dashboard again
    response = sign_in(client, "desk:login", "editor", app_code(device, ahead=1))
    assert response.status_code == 302
    assert client.get(reverse("desk:dashboard")).status_code == 200


def test_required_the_editors_live_preview_refuses_until_it_is_set_up(
    client, editor, required
):
    sign_in(client, "desk:login", "editor")

    response = client.post(reverse("editor:markdownify"), {"content": "Hi"})

    assert response.status_code == 403


def test_required_a_columnist_is_not_forced(client, columnist, required):
    assert sign_in(client, "desk:login", "columnist").status_code == 302

    assert client.get(reverse("desk:dashboard")).status_code == 200


def test_by_default_a_password_alone_still_signs_staff_in(client, editor, superuser):
    assert sign_in(client, "desk:login", "editor").status_code == 302
    assert client.get(reverse("desk:dashboard")).status_code == 200
    admin = Client()
    assert sign_in(admin, "admin:login", "admin").status_code == 302
    assert admin.get(reverse("admin:index")).status_code == 200


# Markup ----------------------------------------------------------------------------


def test_the_two_step_pages_are_valid_html(client, editor):
    client.force_login(editor)
    pages = {"off": client.get(SETUP).content.decode()}
    client.post(reverse("desk:two_factor_start"))
    pages["setting up"] = client.get(SETUP).content.decode()
    pages["wrong code"] = client.post(
        reverse("desk:two_factor_confirm"), {"code": "12"}
    ).content.decode()
    device = TOTPDevice.objects.get(user=editor)
    pages["recovery codes"] = client.post(
        reverse("desk:two_factor_confirm"), {"code": app_code(device)}
    ).content.decode()
    pages["on"] = client.get(SETUP).content.decode()
    pages["turning off refused"] = client.post(
        reverse("desk:two_factor_off"), {"proof": "x"}
    ).content.decode()
    pages["sign-in, code missing"] = sign_in(
        Client(), "desk:login", "editor"
    ).content.decode()

    assert nu_errors(pages) == {}
