"""Invitations (R-PPL-1; docs/people.md): a managing member invites a person by email with roles;
the emailed link works once and for 7 days; it may be resent (a new link, the old one stops
working) or revoked. Accepting creates the account, or links the existing account with that
email. Only a SHA-256 hash of a link's secret is stored.

Expiry is a security limit, not a program rule: interfaces pass `at=clock.real_now()`, so a pinned
sandbox date neither stretches nor shortens it (as with support acting).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from planserv.accounts.errors import (
    AlreadyMember,
    InvitationAlreadyPending,
    InvitationNotFound,
    InvitationNotPending,
)
from planserv.accounts.models import Invitation, Membership, Organisation, User
from planserv.accounts.passwords import password_check
from planserv.accounts.people import clean_roles, memberships_activate, require_manager
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput
from planserv.core.types import Role
from planserv.notifications.messages import InvitationMessage, Recipient, send

INVITATION_DAYS = 7


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    link: str


def _clean_email(email: str) -> str:
    text = (email or "").strip().lower()
    if "@" not in text or len(text) > 254 or any(c.isspace() for c in text):
        raise InvalidInput(_("Give the email address of the person to invite."))
    return text


def invitations_pending(*, organisation: Organisation, at: dt.datetime) -> QuerySet[Invitation]:
    """The organisation's invitations not yet accepted, revoked or expired."""
    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
    ).filter(expires_at__gt=at)


def access_invitation(*, organisation: Organisation, invitation_id: int) -> Invitation:
    """One invitation of the organisation; InvitationNotFound otherwise (R-ROLE-1)."""
    found = Invitation.objects.filter(organisation=organisation, pk=invitation_id).first()
    if found is None:
        raise InvitationNotFound(_("No such invitation in your organisation."))
    return found


def _issue(invitation: Invitation, at: dt.datetime) -> str:
    secret = secrets.token_urlsafe(32)
    invitation.token_hash = secret_hash(secret)
    invitation.sent_at = at
    invitation.expires_at = at + dt.timedelta(days=INVITATION_DAYS)
    return settings.PLANSERV_SITE_URL.rstrip("/") + reverse(
        "portal:invitation_accept", args=[secret]
    )


def _email(invitation: Invitation, link: str, actor: Actor) -> None:
    send(
        InvitationMessage(
            recipients=[Recipient.of_user(invitation, invitation.organisation_id)],
            organisation_name=invitation.organisation.name,
            roles=tuple(Role(role).label for role in invitation.roles),
            invited_by=actor.email,
            link=link,
            expires_at=invitation.expires_at,
            invitation_id=invitation.pk,
            sent_at=invitation.sent_at.isoformat(),
        ),
        at=invitation.sent_at,
    )


def _audit(
    invitation: Invitation,
    action: AuditEventType,
    actor: Actor,
    at: dt.datetime,
    today: dt.date,
    before: dict[str, Any] | None = None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=invitation,
        at=at,
        program_date=today,
        organisation_id=invitation.organisation_id,
        organisation_label=invitation.organisation.name,
        subject_label=invitation.email,
        before=before,
        after={
            "email": invitation.email,
            "roles": list(invitation.roles),
            "expires_at": invitation.expires_at,
            "accepted_at": invitation.accepted_at,
            "revoked_at": invitation.revoked_at,
        },
    )


@transaction.atomic
def invitation_create(
    *,
    actor: Actor,
    organisation: Organisation,
    email: str,
    roles: Iterable[str],
    full_name: str = "",
    at: dt.datetime,
    today: dt.date,
) -> IssuedInvitation:
    """Invite a person by email with roles (R-PPL-1). Raises Forbidden, InvalidInput,
    RolesRequired, InvalidRoleForOrganisation, AlreadyMember, InvitationAlreadyPending."""
    require_manager(actor, organisation, action=_("invite people to your organisation"))
    address = _clean_email(email)
    chosen = clean_roles(organisation, roles)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=address, is_active=True
    ).exists():
        raise AlreadyMember(
            _("%(email)s is already a member of %(organisation)s; change their roles instead.")
            % {"email": address, "organisation": organisation.name},
            details={"email": address},
        )
    if invitations_pending(organisation=organisation, at=at).filter(email=address).exists():
        raise InvitationAlreadyPending(
            _("%(email)s already has an invitation waiting; resend it or revoke it first.")
            % {"email": address},
            details={"email": address},
        )
    invitation = Invitation(
        organisation=organisation,
        email=address,
        full_name=" ".join((full_name or "").split())[:150],
        roles=list(chosen),
        invited_by_id=actor.user_id,
        created_at=at,
    )
    link = _issue(invitation, at)
    invitation.save()
    _audit(invitation, AuditEventType.INVITATION_CREATED, actor, at, today)
    _email(invitation, link, actor)
    return IssuedInvitation(invitation=invitation, link=link)


def _lock_pending(organisation: Organisation, invitation_id: int, at: dt.datetime) -> Invitation:
    access_invitation(organisation=organisation, invitation_id=invitation_id)
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation_id)
    )
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        state = "accepted" if invitation.accepted_at is not None else "revoked"
        raise InvitationNotPending(
            (
                _("The invitation of %(email)s was already accepted.")
                if state == "accepted"
                else _("The invitation of %(email)s was already revoked.")
            )
            % {"email": invitation.email},
            details={"state": state},
        )
    return invitation


@transaction.atomic
def invitation_resend(
    *, actor: Actor, organisation: Organisation, invitation_id: int, at: dt.datetime, today: dt.date
) -> IssuedInvitation:
    """Email a new link, valid 7 days from now; the old link stops working (R-PPL-1). An expired
    invitation may be resent. Raises Forbidden, InvitationNotFound, InvitationNotPending."""
    require_manager(actor, organisation, action=_("resend invitations"))
    invitation = _lock_pending(organisation, invitation_id, at)
    before = {"expires_at": invitation.expires_at}
    link = _issue(invitation, at)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _audit(invitation, AuditEventType.INVITATION_RESENT, actor, at, today, before)
    _email(invitation, link, actor)
    return IssuedInvitation(invitation=invitation, link=link)


@transaction.atomic
def invitation_revoke(
    *, actor: Actor, organisation: Organisation, invitation_id: int, at: dt.datetime, today: dt.date
) -> Invitation:
    """Revoke an invitation: its link never works again (R-PPL-1). Raises Forbidden,
    InvitationNotFound, InvitationNotPending."""
    require_manager(actor, organisation, action=_("revoke invitations"))
    invitation = _lock_pending(organisation, invitation_id, at)
    invitation.revoked_at = at
    invitation.save(update_fields=["revoked_at"])
    _audit(invitation, AuditEventType.INVITATION_REVOKED, actor, at, today, {"revoked_at": None})
    return invitation


def invitation_for_link(*, secret: str, at: dt.datetime) -> Invitation:
    """The pending invitation of a link. Unknown, used, revoked and expired links all raise
    InvitationNotPending with the same sentence (a link tells nothing about others)."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=secret_hash(secret or ""))
        .first()
    )
    if invitation is None or not invitation.is_pending(at):
        raise InvitationNotPending(
            _(
                "This invitation link does not work any more: it was used, revoked or is more "
                "than %(days)s days old. Ask the person who invited you to send a new one "
                "(R-PPL-1)."
            )
            % {"days": INVITATION_DAYS}
        )
    return invitation


def existing_user_for(invitation: Invitation) -> User | None:
    return User.objects.filter(email__iexact=invitation.email).order_by("pk").first()


@transaction.atomic
def invitation_accept(
    *, secret: str, full_name: str = "", password: str = "", at: dt.datetime, today: dt.date
) -> User:
    """Accept an invitation once (R-PPL-1): the account with the invited email gets the roles, or a
    new account is created with `full_name` and `password` (Django's validators). Raises
    InvitationNotPending, PasswordRejected, InvalidInput."""
    found = invitation_for_link(secret=secret, at=at)
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=found.pk)
    )
    if not invitation.is_pending(at) or invitation.token_hash != secret_hash(secret):
        raise InvitationNotPending(_("This invitation link was used a moment ago."))
    return _accept(invitation, full_name=full_name, password=password, at=at, today=today)


@transaction.atomic
def invitation_accept_for_verified_email(
    *, organisation: Organisation, email: str, full_name: str, at: dt.datetime, today: dt.date
) -> User | None:
    """Single sign-on (R-PPL-2): the organisation's provider confirmed `email`, so its pending
    invitation of that email is accepted as if its link had been opened; a new account gets no
    password (it signs in through its organisation). None when nothing is pending: single sign-on
    never makes a membership out of nothing."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organisation")
        .filter(organisation=organisation, email__iexact=email.strip())
        .filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=at)
        .order_by("-created_at", "-pk")
        .first()
    )
    if invitation is None:
        return None
    return _accept(invitation, full_name=full_name, password=None, at=at, today=today)


def _accept(
    invitation: Invitation,
    *,
    full_name: str,
    password: str | None,
    at: dt.datetime,
    today: dt.date,
) -> User:
    """The locked, pending invitation accepted: the account found or created, the roles given,
    the invitation closed, all audited. `password` None: an account without a password."""
    user = existing_user_for(invitation)
    created = user is None
    if user is None:
        name = " ".join((full_name or invitation.full_name).split())[:150]
        if not name:
            if password is not None:
                raise InvalidInput(_("Give your name."))
            name = invitation.email.split("@", 1)[0]
        if password is not None:
            password_check(password, email=invitation.email, full_name=name)
        user = User.objects.create_user(email=invitation.email, password=password, full_name=name)
    memberships_activate(user=user, organisation=invitation.organisation, roles=invitation.roles)
    invitation.accepted_at = at
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    actor = Actor(
        user_id=user.pk,
        email=user.email,
        organisation_id=invitation.organisation_id,
        organisation_kind=invitation.organisation.kind,
        organisation_name=invitation.organisation.name,
        role=None,
    )
    if created:
        audit_record(
            actor=actor,
            action=AuditEventType.USER_CREATED,
            subject=user,
            at=at,
            program_date=today,
            organisation_id=invitation.organisation_id,
            after={"email": user.email, "full_name": user.full_name, "invitation": invitation.pk},
        )
    _audit(invitation, AuditEventType.INVITATION_ACCEPTED, actor, at, today, {"accepted_at": None})
    return user


def invitations_purge_expired(*, before: dt.datetime) -> QuerySet[Invitation]:
    """Invitations never accepted whose link expired (or that were revoked) before `before`: the
    retention job deletes them (jobs/retention.py)."""
    return Invitation.objects.filter(accepted_at__isnull=True).filter(
        Q(expires_at__lt=before) | Q(revoked_at__lt=before)
    )
