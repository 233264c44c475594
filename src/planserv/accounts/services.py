"""Every write to accounts: users, organisations, memberships, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.errors import (
    InvalidRoleForOrganisation,
    InvalidTokenExpiry,
    SecondFactorRequired,
    TokenAlreadyRevoked,
)
from planserv.accounts.models import ApiToken, Membership, Organisation, User
from planserv.accounts.second_factor import has_second_factor, must_use_second_factor
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.types import ROLES_BY_KIND

TOKEN_PREFIX = "psv_"  # noqa: S105 - a public marker, not a secret
# api.md: tokens expire, by default after 90 days, at most after a year.
TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None,
    actor: Actor,
    at: dt.datetime,
    today: dt.date,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a login (email is the user name)."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.USER_CREATED,
        subject=user,
        at=at,
        program_date=today,
        after={"email": user.email, "full_name": full_name},
    )
    return user


@transaction.atomic
def organisation_create(
    *,
    kind: str,
    name: str,
    country: str,
    public_id: str,
    actor: Actor,
    at: dt.datetime,
    today: dt.date,
) -> Organisation:
    """Create a tenant of one of the three kinds."""
    organisation = Organisation.objects.create(
        kind=kind, name=name, country=country, public_id=public_id
    )
    audit_record(
        actor=actor,
        action=AuditEventType.ORGANISATION_CREATED,
        subject=organisation,
        at=at,
        program_date=today,
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
        after={"kind": kind, "name": name, "country": country, "public_id": public_id},
    )
    return organisation


@transaction.atomic
def membership_grant(
    *,
    user: User,
    organisation: Organisation,
    role: str,
    actor: Actor,
    at: dt.datetime,
    today: dt.date,
) -> Membership:
    """Give a user a role in an organisation; the role must belong to its kind (R-ROLE-1)."""
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise InvalidRoleForOrganisation(
            _("The role %(role)s does not exist for a %(kind)s organisation.")
            % {"role": role, "kind": organisation.get_kind_display()},
            details={"role": role, "organisation_kind": organisation.kind},
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True}
    )
    audit_record(
        actor=actor,
        action=AuditEventType.MEMBERSHIP_GRANTED,
        subject=membership,
        at=at,
        program_date=today,
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
        after={"user": user.email, "role": role},
    )
    return membership


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


@transaction.atomic
def token_create(
    *,
    membership: Membership,
    name: str,
    actor: Actor,
    at: dt.datetime,
    today: dt.date,
    expires_in_days: int = TOKEN_DEFAULT_DAYS,
    second_factor: bool = False,
) -> IssuedToken:
    """Issue a bearer token for one membership; the secret is shown once, only its hash kept.
    It expires `expires_in_days` (1 to 365) days from now in real time, as authentication
    compares with the real time (a pinned sandbox clock does not age tokens).

    `second_factor`: the creating session passed the second factor. A person who has one, and
    operator staff, get tokens only from such a session (R-PPL-3); SecondFactorRequired else.
    The server's command line (a system actor: `planserv token create`) is trusted as the
    database is; its tokens never count as second-factor tokens (no bank details through them)."""
    if not 1 <= expires_in_days <= TOKEN_MAX_DAYS:
        raise InvalidTokenExpiry(
            _("A token expires after 1 to %(max)s days; %(asked)s was asked.")
            % {"max": TOKEN_MAX_DAYS, "asked": expires_in_days},
            details={"expires_in_days": expires_in_days, "max": TOKEN_MAX_DAYS},
        )
    user = membership.user
    needs = must_use_second_factor(user) or has_second_factor(user)
    if not second_factor and not actor.is_system and needs:
        raise SecondFactorRequired(
            _(
                "API tokens for people with a second factor, and for program staff, are created "
                "only after signing in with the second factor (R-PPL-3)."
            ),
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        membership=membership,
        name=name.strip() or "API token",
        prefix=secret[:10],
        token_hash=token_hash(secret),
        created_at=at,
        expires_at=clock.real_now() + dt.timedelta(days=expires_in_days),
        second_factor=second_factor,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.API_TOKEN_CREATED,
        subject=token,
        at=at,
        program_date=today,
        organisation_id=membership.organisation_id,
        after={
            "name": token.name,
            "prefix": token.prefix,
            "membership": membership.pk,
            "expires_at": token.expires_at,
            "second_factor": second_factor,
        },
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: Actor, at: dt.datetime, today: dt.date) -> ApiToken:
    """Revoke a token; a revoked token never authenticates again."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise TokenAlreadyRevoked(
            _("The token %(prefix)s… was already revoked.") % {"prefix": token.prefix}
        )
    token.revoked_at = at
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action=AuditEventType.API_TOKEN_REVOKED,
        subject=token,
        at=at,
        program_date=today,
        organisation_id=token.membership.organisation_id,
        before={"revoked_at": None},
        after={"revoked_at": at},
    )
    return token


def token_authenticate(*, secret: str, at: dt.datetime) -> ApiToken | None:
    """The token (with the membership it acts through), or None if unknown, revoked, expired
    (`at` is the real time) or inactive."""
    token = (
        ApiToken.objects.select_related("membership__user", "membership__organisation")
        .filter(token_hash=token_hash(secret), revoked_at__isnull=True, expires_at__gt=at)
        .filter(membership__is_active=True, membership__user__is_active=True)
        .order_by("pk")
        .first()
    )
    if token is None:
        return None
    # Bookkeeping only, not a state change: written at most once a minute and not audited.
    if token.last_used_at is None or at - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    return token
