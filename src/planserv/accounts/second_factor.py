"""The second factor (R-PPL-3): TOTP with one-time recovery codes, through django-otp.

A person's factor is one confirmed `TOTPDevice` (an authenticator app) and one `StaticDevice`
holding ten single-use recovery codes. Operator staff (any operator membership, or the Django
admin's staff flag) must have one; anyone registering payment details must have passed it in
the session or token that acts; everyone else may turn it on and off on the profile page. A lost
factor is reset by the organisation's managing member or a program admin. Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from planserv.accounts.errors import (
    SecondFactorAlreadyOn,
    SecondFactorCodeWrong,
    SecondFactorNotOn,
    SecondFactorRequired,
    SecondFactorResetNotAllowed,
    SecondFactorStillRequired,
)
from planserv.accounts.models import Membership, User
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import OrganisationKind, Role
from planserv.notifications.messages import Recipient, SecondFactorResetMessage, send

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
# The role that manages an organisation's people (R-PPL-1, R-ROLE-3), per kind: it may reset a
# member's lost factor. The operator's program admin may reset anyone's.
MANAGING_ROLES: dict[str, str] = {
    OrganisationKind.OPERATOR: Role.PROGRAM_ADMIN,
    OrganisationKind.PARTNER: Role.GLOBAL_ADMIN,
    OrganisationKind.CUSTOMER: Role.BENEFITS_ADMIN,
}


def has_second_factor(user: User) -> bool:
    """Whether the person has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_use_second_factor(user: User) -> bool:
    """Operator staff must use a second factor to sign in at all (R-PPL-3, REL-12)."""
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, is_active=True, organisation__kind=OrganisationKind.OPERATOR
    ).exists()


def require_second_factor(actor: Actor, *, action: str) -> None:
    """Refuse unless the acting session or token passed the second factor (R-PPL-3)."""
    if actor.is_system or actor.second_factor:
        return
    raise SecondFactorRequired(
        _(
            "To %(action)s you must sign in with your second factor (an authenticator app code) "
            "(R-PPL-3)."
        )
        % {"action": action},
        details={"action": action},
    )


def pending_app_device(user: User) -> TOTPDevice:
    """The authenticator app being set up: its secret is shown until a code confirms it.

    Not audited: an unconfirmed device signs nobody in; confirming it is the change."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class Enrolled:
    device: TOTPDevice
    recovery_codes: tuple[str, ...]


def _subject_label(user: User) -> str:
    return f"Second factor of {user.email}"


def second_factor_enroll(
    *, user: User, device_id: int, code: str, actor: Actor, at: dt.datetime, today: dt.date
) -> Enrolled:
    """Confirm the pending authenticator app with a code from it; issue ten recovery codes.

    Raises SecondFactorAlreadyOn (a confirmed app exists) or SecondFactorCodeWrong (the failed
    try is kept: django-otp's throttle counts it)."""
    with transaction.atomic():
        enrolled = _enroll(
            user=user, device_id=device_id, code=code, actor=actor, at=at, today=today
        )
    if enrolled is None:
        raise SecondFactorCodeWrong(
            _(
                "That code does not match your authenticator app; enter the 6 digits it shows "
                "now (R-PPL-3)."
            ),
        )
    return enrolled


def _enroll(
    *, user: User, device_id: int, code: str, actor: Actor, at: dt.datetime, today: dt.date
) -> Enrolled | None:
    User.objects.select_for_update().filter(pk=user.pk).get()
    if has_second_factor(user):
        raise SecondFactorAlreadyOn(
            _(
                "Your second factor is already on; turn it off first to set up another app "
                "(R-PPL-3)."
            )
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()
    if device is None or not device.verify_token(_digits(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _issue_recovery_codes(user)
    audit_record(
        actor=actor,
        action=AuditEventType.SECOND_FACTOR_ENROLLED,
        subject=user,
        subject_label=_subject_label(user),
        at=at,
        program_date=today,
        before={"second_factor": False},
        after={"second_factor": True, "recovery_codes": len(codes)},
    )
    return Enrolled(device=device, recovery_codes=codes)


def _issue_recovery_codes(user: User) -> tuple[str, ...]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = tuple(StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT))
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def _digits(code: str) -> str:
    return "".join(code.split())


@dataclass(frozen=True)
class Verified:
    device: TOTPDevice | StaticDevice
    used_recovery_code: bool
    recovery_codes_left: int


def second_factor_verify(
    *, user: User, code: str, actor: Actor, at: dt.datetime, today: dt.date
) -> Verified:
    """Check a code from the app, or a recovery code (used once, then gone; audited).

    Raises SecondFactorNotOn or SecondFactorCodeWrong. django-otp throttles wrong codes per
    device (1, 2, 4, ... seconds; the failed try is kept) and refuses an app code already used."""
    with transaction.atomic():
        verified = _verify(user=user, code=code, actor=actor, at=at, today=today)
    if verified is None:
        raise SecondFactorCodeWrong(
            _(
                "That code is not right: enter the 6 digits your authenticator app shows now, or "
                "one of your recovery codes (R-PPL-3)."
            ),
        )
    return verified


def _verify(
    *, user: User, code: str, actor: Actor, at: dt.datetime, today: dt.date
) -> Verified | None:
    User.objects.select_for_update().filter(pk=user.pk).get()
    app = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if app is None:
        raise SecondFactorNotOn(_("You have no second factor to check (R-PPL-3)."))
    cleaned = _digits(code).lower()
    if cleaned.isdigit() and app.verify_token(cleaned):
        return Verified(device=app, used_recovery_code=False, recovery_codes_left=-1)
    static = StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if static is not None and not cleaned.isdigit() and static.verify_token(cleaned):
        left = StaticToken.objects.filter(device=static).count()
        audit_record(
            actor=actor,
            action=AuditEventType.SECOND_FACTOR_RECOVERY_CODE_USED,
            subject=user,
            subject_label=_subject_label(user),
            at=at,
            program_date=today,
            before={"recovery_codes": left + 1},
            after={"recovery_codes": left},
        )
        return Verified(device=static, used_recovery_code=True, recovery_codes_left=left)
    return None


def _remove_devices(user: User) -> int:
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    return removed


@transaction.atomic
def second_factor_disable(*, user: User, actor: Actor, at: dt.datetime, today: dt.date) -> None:
    """Turn one's own second factor off; refused for operator staff (R-PPL-3)."""
    User.objects.select_for_update().filter(pk=user.pk).get()
    if not has_second_factor(user):
        raise SecondFactorNotOn(_("Your second factor is already off (R-PPL-3)."))
    if must_use_second_factor(user):
        raise SecondFactorStillRequired(
            _("Program staff must keep a second factor; it cannot be turned off (R-PPL-3).")
        )
    _remove_devices(user)
    audit_record(
        actor=actor,
        action=AuditEventType.SECOND_FACTOR_DISABLED,
        subject=user,
        subject_label=_subject_label(user),
        at=at,
        program_date=today,
        before={"second_factor": True},
        after={"second_factor": False},
    )


def is_managing(actor: Actor) -> bool:
    """The organisation's managing member, or a program admin; never while acting (R-PPL-4)."""
    if actor.acting_session_id is not None or actor.is_system:
        return False
    if actor.is_operator and actor.role == Role.PROGRAM_ADMIN:
        return True
    return actor.role == MANAGING_ROLES.get(actor.organisation_kind or "")


def may_reset_for(actor: Actor, membership: Membership) -> bool:
    """A program admin resets anyone's factor; an organisation's managing member its members'.
    Never while acting for an organisation (R-PPL-4), never one's own (that is turning it off)."""
    if not is_managing(actor) or actor.user_id == membership.user_id:
        return False
    if actor.is_operator and actor.role == Role.PROGRAM_ADMIN:
        return True
    return actor.organisation_id == membership.organisation_id


@transaction.atomic
def second_factor_reset(
    *, membership: Membership, actor: Actor, at: dt.datetime, today: dt.date
) -> None:
    """Reset a member's lost factor: the app and recovery codes are removed, so the person sets
    up a new one at the next sign-in (operator staff must); the person is emailed. Raises SecondFactorResetNotAllowed or
    SecondFactorNotOn."""
    if not may_reset_for(actor, membership):
        raise SecondFactorResetNotAllowed(
            _(
                "Only your organisation's managing member or a program admin may reset another "
                "person's second factor, never while acting for an organisation "
                "(R-PPL-3, R-PPL-4)."
            ),
            details={"role": actor.role},
        )
    user = User.objects.select_for_update().get(pk=membership.user_id)
    if _remove_devices(user) == 0:
        raise SecondFactorNotOn(
            _("%(email)s has no second factor to reset (R-PPL-3).") % {"email": user.email},
            details={"user": user.email},
        )
    audit_record(
        actor=actor,
        action=AuditEventType.SECOND_FACTOR_RESET,
        subject=user,
        subject_label=_subject_label(user),
        at=at,
        program_date=today,
        organisation_id=membership.organisation_id,
        organisation_label=membership.organisation.name,
        before={"second_factor": True},
        after={"second_factor": False},
    )
    send(
        SecondFactorResetMessage(
            recipients=[
                Recipient(
                    email=user.email,
                    name=user.full_name,
                    organisation_id=membership.organisation_id,
                )
            ],
            person_name=user.full_name,
            organisation_name=actor.organisation_name,
            reset_by=actor.email,
            reset_on=today,
            user_id=user.pk,
            reset_at=at.isoformat(),
        ),
        at=at,
    )
