"""Passwords (R-PPL-2; docs/people.md): reset by an emailed single-use link, throttled and never
revealing whether an address has an account; change on the profile page. Every new password
passes Django's validators (AUTH_PASSWORD_VALIDATORS).

A reset link works once and for RESET_LINK_MINUTES; at most RESET_LINKS_PER_HOUR links are
emailed to one address in an hour (more requests are answered the same way and send nothing).
Like invitations, expiry is real time: interfaces pass `at=clock.real_now()`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from planserv.accounts.errors import PasswordRejected, ResetLinkInvalid
from planserv.accounts.models import PasswordResetLink, User
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.notifications.messages import (
    PasswordChangedMessage,
    PasswordResetMessage,
    Recipient,
    send,
)

RESET_LINK_MINUTES = 60
RESET_LINKS_PER_HOUR = 3


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def password_check(
    password: str, *, email: str = "", full_name: str = "", user: User | None = None
) -> None:
    """Django's password validators; PasswordRejected names what is wrong (R-PPL-2)."""
    probe = user or User(email=email, full_name=full_name)
    try:
        password_validation.validate_password(password or "", user=probe)
    except ValidationError as error:
        raise PasswordRejected(
            " ".join(error.messages), details={"problems": list(error.messages)}
        ) from None


def _user_actor(user: User) -> Actor:
    return Actor(
        user_id=user.pk,
        email=user.email,
        organisation_id=None,
        organisation_kind=None,
        organisation_name="",
        role=None,
    )


@transaction.atomic
def password_reset_request(*, email: str, at: dt.datetime, today: dt.date) -> bool:
    """Email a reset link to the active account with this address, unless RESET_LINKS_PER_HOUR
    were sent in the last hour. Returns whether a link was sent; interfaces never show it
    (R-PPL-2: the answer is the same for every address)."""
    user = (
        User.objects.select_for_update()
        .filter(email__iexact=(email or "").strip(), is_active=True)
        .order_by("pk")
        .first()
    )
    if user is None:
        return False
    recent = PasswordResetLink.objects.filter(user=user, created_at__gt=at - dt.timedelta(hours=1))
    if recent.count() >= RESET_LINKS_PER_HOUR:
        return False
    secret = secrets.token_urlsafe(32)
    link = PasswordResetLink.objects.create(
        user=user,
        token_hash=_hash(secret),
        created_at=at,
        expires_at=at + dt.timedelta(minutes=RESET_LINK_MINUTES),
    )
    audit_record(
        actor=_user_actor(user),
        action=AuditEventType.PASSWORD_RESET_REQUESTED,
        subject=user,
        at=at,
        program_date=today,
        subject_label=user.email,
        after={"link": link.pk, "expires_at": link.expires_at},
    )
    url = settings.PLANSERV_SITE_URL.rstrip("/") + reverse(
        "portal:password_reset_confirm", args=[secret]
    )
    send(
        PasswordResetMessage(
            recipients=[Recipient.of_user(user, None)],
            link=url,
            expires_at=link.expires_at,
            link_id=link.pk,
        ),
        at=at,
    )
    return True


def reset_link_user(*, secret: str, at: dt.datetime) -> User:
    """The account of a usable reset link; ResetLinkInvalid for unknown, used or expired ones."""
    link = (
        PasswordResetLink.objects.select_related("user")
        .filter(token_hash=_hash(secret or ""), used_at__isnull=True, expires_at__gt=at)
        .filter(user__is_active=True)
        .first()
    )
    if link is None:
        raise ResetLinkInvalid(
            _(
                "This password reset link does not work any more: it was used or is more than "
                "%(minutes)s minutes old. Ask for a new one (R-PPL-2)."
            )
            % {"minutes": RESET_LINK_MINUTES}
        )
    return link.user


def _set_password(
    user: User, password: str, action: AuditEventType, at: dt.datetime, today: dt.date, actor: Actor
) -> None:
    password_check(password, user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        action=action,
        subject=user,
        at=at,
        program_date=today,
        subject_label=user.email,
        before={"password": "(set)"},
        after={"password": "(changed)"},
    )
    send(
        PasswordChangedMessage(
            recipients=[Recipient.of_user(user, None)],
            changed_at=at,
            user_id=user.pk,
        ),
        at=at,
    )


@transaction.atomic
def password_reset_complete(*, secret: str, password: str, at: dt.datetime, today: dt.date) -> User:
    """Set a new password through a reset link, once (R-PPL-2); every other open link of the
    account stops working too. Raises ResetLinkInvalid, PasswordRejected."""
    user = reset_link_user(secret=secret, at=at)
    link = PasswordResetLink.objects.select_for_update().get(token_hash=_hash(secret))
    if link.used_at is not None:
        raise ResetLinkInvalid(_("This password reset link was used a moment ago (R-PPL-2)."))
    _set_password(user, password, AuditEventType.PASSWORD_RESET, at, today, _user_actor(user))
    PasswordResetLink.objects.filter(user=user, used_at__isnull=True).update(used_at=at)
    return user


@transaction.atomic
def password_change(
    *, user: User, current: str, password: str, actor: Actor, at: dt.datetime, today: dt.date
) -> None:
    """A signed-in person changes their own password (R-PPL-2). Raises PasswordRejected."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(current or ""):
        raise PasswordRejected(_("Your current password is not right."))
    _set_password(user, password, AuditEventType.PASSWORD_CHANGED, at, today, actor)


def reset_links_purge_expired(*, before: dt.datetime) -> QuerySet[PasswordResetLink]:
    """Reset links used or expired before `before`: the retention job deletes them."""
    return PasswordResetLink.objects.filter(Q(expires_at__lt=before) | Q(used_at__lt=before))
