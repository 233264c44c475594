"""Guards shared by the partners services: who may act, for which firm."""

from __future__ import annotations

from django.utils.translation import gettext as _

from planserv.accounts.models import Membership, Organisation, User
from planserv.core.actor import Actor
from planserv.core.types import OrganisationKind, Role
from planserv.notifications.messages import Recipient
from planserv.partners.errors import NotAPartnerFirm, PartnerNotFound


def require_partner_firm(organisation: Organisation) -> None:
    if organisation.kind != OrganisationKind.PARTNER:
        raise NotAPartnerFirm(
            _("%(name)s is a %(organisation)s, not a partner firm.")
            % {"name": organisation.name, "organisation": organisation.get_kind_display()}
        )


def require_operator(actor: Actor, *, action: str) -> None:
    """Competencies, locations and consultants come from the operator (program_admin)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=action)


def require_firm_role(actor: Actor, organisation: Organisation, role: Role, *, action: str) -> None:
    """The actor holds `role` in this very firm (R-ROLE-1: another firm's is not found)."""
    actor.require_role(role, action=action)
    if not actor.is_system and actor.organisation_id != organisation.pk:
        raise PartnerNotFound(_("No such partner firm."))


def require_firm_roles(
    actor: Actor, organisation: Organisation, roles: tuple[Role, ...], *, action: str
) -> None:
    """The actor holds one of `roles` in this very firm (R-ROLE-1: another firm's is not found)."""
    actor.require_role(*roles, action=action)
    if not actor.is_system and actor.organisation_id != organisation.pk:
        raise PartnerNotFound(_("No such partner firm."))


def lock_firm(organisation: Organisation) -> Organisation:
    """Serialises writes for one firm (enrollment, profile) in a fixed order: the firm first."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def user_of(actor: Actor) -> User | None:
    if actor.user_id is None:
        return None
    return User.objects.filter(pk=actor.user_id).order_by("pk").first()


def global_admin_recipients(organisation: Organisation) -> list[Recipient]:
    """Who hears about competencies and enrollment: the firm's active global admins."""
    rows = (
        Membership.objects.filter(
            organisation=organisation, role=Role.GLOBAL_ADMIN, is_active=True, user__is_active=True
        )
        .order_by("user__email", "pk")
        .values_list("user__email", "user__full_name", "user__language")
    )
    return [
        Recipient(email=email, name=name, organisation_id=organisation.pk, language=language)
        for email, name, language in rows
    ]
