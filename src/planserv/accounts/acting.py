"""Support acting for an organisation (domain.md section 1: support "acts for a partner or
customer only with a recorded reason"; docs/operator.md).

A support user starts a session for one partner or customer organisation, in one of its roles
(default: its admin role), with a reason. While it lasts, the portal builds an Actor for the
target organisation (tenant checks see only that organisation) that still names the support user
and role, and carries the reason into every audit event (`audit_record`). Starting and stopping
are audit events. A session ends when the user stops it, logs out, or after ACTING_HOURS of
real time: interfaces pass `at=clock.real_now()` (a security limit, not a program rule, so a
pinned sandbox date neither stretches nor shortens it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from planserv.accounts.errors import ActingNotAllowed, ActingReasonRequired, ActingSessionNotFound
from planserv.accounts.models import (
    ActingEndReason,
    Membership,
    Organisation,
    SupportActingSession,
)
from planserv.accounts.selectors import actor_for_membership
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.core.types import ROLES_BY_KIND, OrganisationKind, Role

ACTING_HOURS = 2
MIN_REASON = 10
DEFAULT_ROLE: dict[str, str] = {
    OrganisationKind.PARTNER: Role.PARTNER_ADMIN,
    OrganisationKind.CUSTOMER: Role.BENEFITS_ADMIN,
}


def _note(session: SupportActingSession) -> str:
    return (
        f"Support acting for {session.organisation.name} as {session.role} "
        f"(session {session.pk}): {session.reason}"
    )


@transaction.atomic
def support_acting_start(
    *,
    actor: Actor,
    organisation: Organisation,
    role: str = "",
    reason: str,
    at: dt.datetime,
    today: dt.date,
) -> SupportActingSession:
    """A support user starts acting for a partner or customer organisation (R-ROLE-1).
    Raises Forbidden (not support), ActingReasonRequired, ActingNotAllowed."""
    if not actor.is_operator or actor.role != Role.SUPPORT or actor.acting_session_id is not None:
        raise Forbidden(
            _(
                "Your role (%(role)s) may not act for an organisation; only an operator "
                "support user may, with a reason (R-ROLE-1)."
            )
            % {"role": actor.role},
            details={"required_roles": [Role.SUPPORT], "role": actor.role},
        )
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise ActingReasonRequired(
            _(
                "Say why you act for this organisation, in at least %(count)s characters: the "
                "reason is recorded in the audit of everything you change while acting."
            )
            % {"count": MIN_REASON},
            details={"min_length": MIN_REASON},
        )
    if organisation.kind not in DEFAULT_ROLE:
        raise ActingNotAllowed(_("Support acts only for a partner firm or a customer."))
    role = role or DEFAULT_ROLE[organisation.kind]
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise ActingNotAllowed(
            _("%(role)s is not a role of a %(kind)s.")
            % {"role": role, "kind": organisation.get_kind_display().lower()},
            details={"role": role[:40]},
        )
    assert actor.membership_id is not None  # a support user acts through their membership
    session = SupportActingSession.objects.create(
        support_membership_id=actor.membership_id,
        organisation=organisation,
        role=role,
        reason=text[:2000],
        started_at=at,
        expires_at=at + dt.timedelta(hours=ACTING_HOURS),
    )
    audit_record(
        actor=actor,
        action=AuditEventType.ACTING_STARTED,
        subject=session,
        at=at,
        program_date=today,
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
        after={"organisation": organisation.name, "role": role, "expires_at": session.expires_at},
        reason=_note(session),
    )
    return session


@transaction.atomic
def support_acting_stop(
    *,
    session: SupportActingSession,
    how: str = ActingEndReason.STOPPED,
    at: dt.datetime,
    today: dt.date,
) -> SupportActingSession:
    """End an acting session (stopped, logout, or time limit); ending it twice changes nothing."""
    session = (
        SupportActingSession.objects.select_for_update()
        .select_related(
            "organisation", "support_membership__user", "support_membership__organisation"
        )
        .get(pk=session.pk)
    )
    if session.ended_at is not None:
        return session
    session.ended_at = min(at, session.expires_at) if how == ActingEndReason.EXPIRED else at
    session.ended_reason = how
    session.save(update_fields=["ended_at", "ended_reason"])
    audit_record(
        actor=_support_actor(session.support_membership),
        action=AuditEventType.ACTING_STOPPED,
        subject=session,
        at=at,
        program_date=today,
        organisation_id=session.organisation_id,
        organisation_label=session.organisation.name,
        after={"organisation": session.organisation.name, "ended": how},
        reason=_note(session),
    )
    return session


def _support_actor(membership: Membership) -> Actor:
    return actor_for_membership(membership)


def acting_session_for(
    *, membership: Membership, session_id: int | None
) -> SupportActingSession | None:
    """The open acting session `session_id` of this support membership, if any (ended or
    foreign sessions, and non-support memberships, get None)."""
    if session_id is None or membership.role != Role.SUPPORT:
        return None
    if membership.organisation.kind != OrganisationKind.OPERATOR:
        return None
    return (
        SupportActingSession.objects.select_related("organisation")
        .filter(pk=session_id, support_membership=membership, ended_at__isnull=True)
        .order_by("pk")
        .first()
    )


def acting_session_open(*, user_id: int, session_id: int | None) -> SupportActingSession | None:
    """An open acting session of this user (through any of its memberships), if any."""
    if session_id is None:
        return None
    return (
        SupportActingSession.objects.filter(
            pk=session_id, support_membership__user_id=user_id, ended_at__isnull=True
        )
        .order_by("pk")
        .first()
    )


def actor_acting_for(actor: Actor, session: SupportActingSession) -> Actor:
    """The support actor seen as the target organisation, still naming the support user."""
    organisation = session.organisation
    return replace(
        actor,
        organisation_id=organisation.pk,
        organisation_kind=organisation.kind,
        organisation_name=organisation.name,
        organisation_country=str(organisation.country),
        role=session.role,
        on_behalf_reason=_note(session),
        acting_session_id=session.pk,
        support_role=actor.role or "",
    )


def organisations_for_acting() -> QuerySet[Organisation]:
    """The partner firms and customers a support user may act for."""
    return Organisation.objects.filter(kind__in=list(DEFAULT_ROLE)).order_by("name", "pk")


def organisation_for_acting(*, public_id: str) -> Organisation:
    """One partner firm or customer by its public id; ActingSessionNotFound otherwise."""
    found = organisations_for_acting().filter(public_id=public_id.strip()).first()
    if found is None:
        raise ActingSessionNotFound(
            _("There is no partner firm or customer with the number %(number)s.")
            % {"number": repr(public_id.strip()[:32])}
        )
    return found
