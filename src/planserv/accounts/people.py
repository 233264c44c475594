"""An organisation's people (R-PPL-1, R-PPL-4; docs/people.md): who is a member with which roles,
changing those roles and removing a member. Invitations are in accounts/invitations.py.

A person's roles in an organisation are its active memberships there (one per role). Removing a
role or a member deactivates the membership (history and API tokens stay, the tokens stop
working); inviting again reactivates it. The organisation's row is locked first, so two managers
demoting each other at once can never leave it without a managing member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from planserv.accounts.errors import (
    InvalidRoleForOrganisation,
    LastManagingMember,
    MemberNotFound,
    RolesRequired,
)
from planserv.accounts.models import Membership, Organisation, User
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import NotFound
from planserv.core.types import MANAGING_ROLE, ROLES_BY_KIND, Role
from planserv.notifications.messages import (
    MemberRemovedMessage,
    MemberRolesChangedMessage,
    Recipient,
    StrOrPromise,
    send,
)


@dataclass(frozen=True)
class Member:
    """One person of an organisation: their active roles there and their last sign-in."""

    user_id: int
    email: str
    full_name: str
    roles: tuple[str, ...]
    last_login: dt.datetime | None
    is_active: bool

    @classmethod
    def of(cls, user: User) -> Member:
        memberships: list[Membership] = getattr(user, "organisation_memberships", [])
        return cls(
            user_id=user.pk,
            email=user.email,
            full_name=user.full_name,
            roles=tuple(sorted({m.role for m in memberships}, key=_role_order)),
            last_login=user.last_login,
            is_active=user.is_active,
        )

    @property
    def role_labels(self) -> list[StrOrPromise]:
        """Lazy labels: read in the language of whoever reads them (page or email)."""
        return [Role(role).label for role in self.roles]


def _role_order(role: str) -> int:
    return list(Role.values).index(role)


def managing_role(organisation: Organisation) -> str:
    """The role that manages this organisation's people (R-PPL-1)."""
    return MANAGING_ROLE[organisation.kind]


def require_manager(actor: Actor, organisation: Organisation, *, action: str) -> None:
    """The actor manages this very organisation's people, as its own member (R-PPL-1, R-PPL-4).
    Raises Forbidden, or NotFound for another organisation (R-ROLE-1)."""
    if not actor.is_system and actor.organisation_id != organisation.pk:
        raise NotFound(_("No such organisation."))
    actor.require_role(managing_role(organisation), action=action)
    actor.refuse_when_acting_for(action=action)


def clean_roles(organisation: Organisation, roles: Iterable[str]) -> tuple[str, ...]:
    """The distinct roles, each one of the organisation's kind; at least one (R-PPL-1)."""
    chosen = tuple(sorted({str(role) for role in roles}, key=lambda r: (r not in Role.values, r)))
    if not chosen:
        raise RolesRequired(
            _("Choose at least one role; to take every role away, remove the member.")
        )
    allowed = ROLES_BY_KIND[organisation.kind]
    for role in chosen:
        if role not in allowed:
            raise InvalidRoleForOrganisation(
                _("The role %(role)s does not exist for a %(kind)s; its roles are %(roles)s.")
                % {
                    "role": role[:40],
                    "kind": organisation.get_kind_display().lower(),
                    "roles": ", ".join(str(Role(r).label).lower() for r in allowed),
                },
                details={"role": role[:40], "allowed": list(allowed)},
            )
    return chosen


def member_users(*, organisation: Organisation) -> QuerySet[User]:
    """The people with an active role in the organisation, each with `organisation_memberships`
    (their active memberships there) prefetched: two queries whatever the count."""
    active = Membership.objects.filter(organisation=organisation, is_active=True).order_by("pk")
    return (
        User.objects.filter(memberships__in=active)
        .distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=active, to_attr="organisation_memberships")
        )
    )


def members_list(*, organisation: Organisation) -> list[Member]:
    """Every member of the organisation, by email."""
    return [Member.of(user) for user in member_users(organisation=organisation).order_by("email")]


def member_get(*, organisation: Organisation, user_id: int) -> Member:
    """One member; MemberNotFound when the person holds no active role here (R-ROLE-1)."""
    if not 0 < user_id < 2**63:
        raise MemberNotFound(_("No such member of your organisation."))
    user = member_users(organisation=organisation).filter(pk=user_id).first()
    if user is None:
        raise MemberNotFound(_("No such member of your organisation."))
    return Member.of(user)


def _lock(organisation: Organisation, user_id: int) -> tuple[Organisation, list[Membership]]:
    if not 0 < user_id < 2**63:  # no row has such an id (and SQLite cannot even compare it)
        raise MemberNotFound(_("No such member of your organisation."))
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    rows = list(
        Membership.objects.select_for_update()
        .filter(organisation=locked, user_id=user_id)
        .select_related("user")
        .order_by("pk")
    )
    if not any(row.is_active for row in rows):
        raise MemberNotFound(_("No such member of your organisation."))
    return locked, rows


def _refuse_losing_last_manager(organisation: Organisation, user: User, *, removing: bool) -> None:
    role = managing_role(organisation)
    others = (
        Membership.objects.filter(
            organisation=organisation, role=role, is_active=True, user__is_active=True
        )
        .exclude(user=user)
        .exists()
    )
    if not others:
        values = {
            "person": user.full_name or user.email,
            "role": str(Role(role).label).lower(),
            "organisation": organisation.name,
        }
        raise LastManagingMember(
            (
                _(
                    "%(person)s is the last %(role)s of %(organisation)s and cannot be removed: "
                    "an organisation always keeps one member who manages its people. Give the "
                    "role to someone else first (R-PPL-1)."
                )
                if removing
                else _(
                    "%(person)s is the last %(role)s of %(organisation)s and cannot be lose the "
                    "%(role)s role: an organisation always keeps one member who manages its "
                    "people. Give the role to someone else first (R-PPL-1)."
                )
            )
            % values,
            details={"managing_role": role},
        )


def _recipient(user: User, organisation: Organisation) -> list[Recipient]:
    return [Recipient.of_user(user, organisation.pk)]


@transaction.atomic
def member_roles_set(
    *,
    actor: Actor,
    organisation: Organisation,
    user_id: int,
    roles: Iterable[str],
    at: dt.datetime,
    today: dt.date,
) -> Member:
    """Give a member exactly `roles` here (R-PPL-1). Raises Forbidden, MemberNotFound,
    RolesRequired, InvalidRoleForOrganisation, LastManagingMember."""
    require_manager(actor, organisation, action=_("change the roles of your organisation's people"))
    organisation, rows = _lock(organisation, user_id)
    chosen = clean_roles(organisation, roles)
    user = rows[0].user
    before = tuple(sorted((row.role for row in rows if row.is_active), key=_role_order))
    if before == tuple(sorted(chosen, key=_role_order)):
        return member_get(organisation=organisation, user_id=user_id)
    if managing_role(organisation) in before and managing_role(organisation) not in chosen:
        _refuse_losing_last_manager(organisation, user, removing=False)
    memberships_activate(user=user, organisation=organisation, roles=chosen)
    Membership.objects.filter(organisation=organisation, user=user, is_active=True).exclude(
        role__in=chosen
    ).update(is_active=False)
    member = member_get(organisation=organisation, user_id=user_id)
    audit_record(
        actor=actor,
        action=AuditEventType.MEMBER_ROLES_CHANGED,
        subject=user,
        at=at,
        program_date=today,
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
        subject_label=user.email,
        before={"roles": list(before)},
        after={"roles": list(member.roles)},
    )
    send(
        MemberRolesChangedMessage(
            recipients=_recipient(user, organisation),
            organisation_name=organisation.name,
            roles=tuple(member.role_labels),
            changed_by=actor.email,
            organisation_id=organisation.pk,
            user_id=user.pk,
            changed_at=at.isoformat(),
        ),
        at=at,
    )
    return member


@transaction.atomic
def member_remove(
    *, actor: Actor, organisation: Organisation, user_id: int, at: dt.datetime, today: dt.date
) -> None:
    """Take every role here away from a member (R-PPL-1); their account stays. Raises Forbidden,
    MemberNotFound, LastManagingMember."""
    require_manager(actor, organisation, action=_("remove people from your organisation"))
    organisation, rows = _lock(organisation, user_id)
    user = rows[0].user
    before = sorted((row.role for row in rows if row.is_active), key=_role_order)
    if managing_role(organisation) in before:
        _refuse_losing_last_manager(organisation, user, removing=True)
    Membership.objects.filter(organisation=organisation, user=user).update(is_active=False)
    audit_record(
        actor=actor,
        action=AuditEventType.MEMBER_REMOVED,
        subject=user,
        at=at,
        program_date=today,
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
        subject_label=user.email,
        before={"roles": before},
        after={"roles": []},
    )
    send(
        MemberRemovedMessage(
            recipients=_recipient(user, organisation),
            organisation_name=organisation.name,
            removed_by=actor.email,
            organisation_id=organisation.pk,
            user_id=user.pk,
            removed_at=at.isoformat(),
        ),
        at=at,
    )


def memberships_activate(*, user: User, organisation: Organisation, roles: Iterable[str]) -> None:
    """Give `user` each of `roles` here, reactivating a removed membership (callers audit)."""
    for role in roles:
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role, defaults={"is_active": True}
        )
        if not created and not membership.is_active:
            Membership.objects.filter(pk=membership.pk).update(is_active=True)
