"""Small shared vocabulary: organisation kinds and roles (domain.md section 1)."""

from __future__ import annotations

from django.db import models


class OrganisationKind(models.TextChoices):
    OPERATOR = "operator", "Program operator"
    PARTNER = "partner", "Partner firm"
    CUSTOMER = "customer", "Customer"


class Role(models.TextChoices):
    PROGRAM_ADMIN = "program_admin", "Program admin"
    PAYMENT_REVIEWER = "payment_reviewer", "Payment reviewer"
    SUPPORT = "support", "Support"
    AUDITOR = "auditor", "Auditor"
    GLOBAL_ADMIN = "global_admin", "Global admin"
    PARTNER_ADMIN = "partner_admin", "Partner admin"
    PROFILE_ADMIN = "profile_admin", "Profile admin"
    MEMBER = "member", "Member"
    BENEFITS_ADMIN = "benefits_admin", "Benefits admin"
    PROJECT_MANAGER = "project_manager", "Project manager"


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
