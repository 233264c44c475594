"""The operator admin of accounts (R-PPL-5): people, roles and passwords change only through the
portal's People pages, the API and `planserv user` (each audited), so users, memberships and API
tokens are read-only here; an organisation's name and country may be corrected, audited with
before and after. Invitations and reset links are not shown (their secrets are hashes anyway)."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from planserv.accounts.models import ApiToken, Membership, Organisation, User
from planserv.audit.admin_mixins import AuditedModelAdmin, ReadOnlyMixin


@admin.register(User)
class UserAdmin(ReadOnlyMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "full_name")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "last_login")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "full_name", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ["is_staff", "is_active"]


class MembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "is_active", "created_at"]
    readonly_fields = ["user", "role", "is_active", "created_at"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "country", "public_id"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "public_id"]
    readonly_fields = ["kind", "public_id", "created_at"]
    inlines = [MembershipInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # organisations are created by the services (imports, onboarding)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # an organisation's history (audit, vouchers, ledger) refers to it


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "prefix", "membership", "created_at", "last_used_at", "revoked_at"]


# Roles are memberships: Django's groups and permissions are unused, so their admin goes.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

# django-axes' sign-in lockouts are shown read-only: a lockout ends after AXES_COOLOFF_TIME, or
# `planserv axes_reset_username EMAIL` ends it (docs/operations.md), which deleting rows here
# would do without an audit event.
for _model, _base in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, type(f"ReadOnly{_base.__name__}", (ReadOnlyMixin, _base), {}))

# A second factor changes only through accounts/second_factor.py (audited, R-PPL-3). django-otp's
# own admin pages would show and edit device secrets unaudited (R-PPL-5): not offered.
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)
