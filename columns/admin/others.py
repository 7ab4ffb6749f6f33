"""Other apps' back-office pages (roles, two-step sign-in devices), registered again
with the input guard every admin of ours has: a bad id is refused, not a 500."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from columns.admin.base import GuardedInputMixin

for model in (Group, StaticDevice, TOTPDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(Group)
class RoleAdmin(GuardedInputMixin, GroupAdmin):
    pass


@admin.register(StaticDevice)
class RecoveryCodesAdmin(GuardedInputMixin, StaticDeviceAdmin):
    pass


@admin.register(TOTPDevice)
class AuthenticatorAdmin(GuardedInputMixin, TOTPDeviceAdmin):
    pass
