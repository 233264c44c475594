"""Small shared vocabulary: organisation kinds and roles (domain.md section 1)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    OPERATOR = "operator", _("Program operator")
    PARTNER = "partner", _("Partner firm")
    CUSTOMER = "customer", _("Customer")


class Role(models.TextChoices):
    PROGRAM_ADMIN = "program_admin", _("Program admin")
    PAYMENT_REVIEWER = "payment_reviewer", _("Payment reviewer")
    SUPPORT = "support", _("Support")
    AUDITOR = "auditor", _("Auditor")
    GLOBAL_ADMIN = "global_admin", _("Global admin")
    PARTNER_ADMIN = "partner_admin", _("Partner admin")
    PROFILE_ADMIN = "profile_admin", _("Profile admin")
    MEMBER = "member", _("Member")
    BENEFITS_ADMIN = "benefits_admin", _("Benefits admin")
    PROJECT_MANAGER = "project_manager", _("Project manager")


ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.OPERATOR: (
        Role.PROGRAM_ADMIN,
        Role.PAYMENT_REVIEWER,
        Role.SUPPORT,
        Role.AUDITOR,
    ),
    OrganisationKind.PARTNER: (
        Role.GLOBAL_ADMIN,
        Role.PARTNER_ADMIN,
        Role.PROFILE_ADMIN,
        Role.MEMBER,
    ),
    OrganisationKind.CUSTOMER: (Role.BENEFITS_ADMIN, Role.PROJECT_MANAGER),
}


# R-ROLE-3: a partner's global admin may do everything the firm's other roles may do, so a
# one-person firm can finish every step alone. A role "holds" itself and the roles listed here.
ROLES_INCLUDED: dict[str, frozenset[str]] = {
    Role.GLOBAL_ADMIN: frozenset({Role.PARTNER_ADMIN, Role.PROFILE_ADMIN, Role.MEMBER}),
}

# R-PPL-1: the role that manages an organisation's people (invites, changes roles, removes). The
# customer's is its benefits admin, the SAB administrator who already runs the benefit
# (docs/people.md).
MANAGING_ROLE: dict[str, str] = {
    OrganisationKind.OPERATOR: Role.PROGRAM_ADMIN,
    OrganisationKind.PARTNER: Role.GLOBAL_ADMIN,
    OrganisationKind.CUSTOMER: Role.BENEFITS_ADMIN,
}


def role_holds(role: str | None, *required: str) -> bool:
    """True when `role` is one of `required` or includes one of them (R-ROLE-3)."""
    if role is None:
        return False
    included = ROLES_INCLUDED.get(role, frozenset())
    return any(wanted == role or wanted in included for wanted in required)


def roles_holding(role: str) -> tuple[str, ...]:
    """`role` and every role that includes it (R-ROLE-3), e.g. the recipients of a partner
    admin's email: partner admins and global admins."""
    return (role, *sorted(r for r, included in ROLES_INCLUDED.items() if role in included))
