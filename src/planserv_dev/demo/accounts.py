"""Demo organisations and one login per role (issue: foundation)."""

from __future__ import annotations

from planserv.accounts.models import Organisation
from planserv.accounts.services import membership_grant, organisation_create, user_create
from planserv_dev.demo.context import DEMO_PASSWORD, HISTORY_START, DemoContext

# public_id → (kind, name, country). Later demo steps find organisations by these ids.
ORGANISATIONS = {
    "OP-0001": ("operator", "Planning Services Program Office", "US"),
    "P-100001": ("partner", "Contoso Consulting GmbH", "DE"),
    "P-100002": ("partner", "Fabrikam Partners Inc.", "US"),
    "P-100003": ("partner", "Northwind Advisory Ltd", "GB"),
    "P-100004": ("partner", "Tailspin Planning SARL", "FR"),
    "P-100005": ("partner", "Adatum Systems LLC", "US"),
    "C-200001": ("customer", "Woodgrove Bank", "US"),
    "C-200002": ("customer", "Litware Industrie AG", "DE"),
    "C-200003": ("customer", "Proseware Retail plc", "GB"),
}

# (email, full name, organisation public id, role, is_staff)
LOGINS = [
    ("admin@operator.demo", "Olivia Operator", "OP-0001", "program_admin", True),
    ("reviewer@operator.demo", "Rafael Reviewer", "OP-0001", "payment_reviewer", False),
    ("finance@operator.demo", "Fatima Finance", "OP-0001", "payment_reviewer", False),
    ("support@operator.demo", "Sofia Support", "OP-0001", "support", False),
    ("auditor@operator.demo", "Arun Auditor", "OP-0001", "auditor", False),
    ("global@contoso.demo", "Greta Global", "P-100001", "global_admin", False),
    ("admin@contoso.demo", "Paul Partner", "P-100001", "partner_admin", False),
    ("profile@contoso.demo", "Pia Profile", "P-100001", "profile_admin", False),
    ("member@contoso.demo", "Max Member", "P-100001", "member", False),
    ("global@fabrikam.demo", "Frank Global", "P-100002", "global_admin", False),
    ("admin@fabrikam.demo", "Fiona Partner", "P-100002", "partner_admin", False),
    ("admin@northwind.demo", "Nadia Partner", "P-100003", "partner_admin", False),
    ("global@northwind.demo", "Noah Global", "P-100003", "global_admin", False),
    ("global@tailspin.demo", "Theo Global", "P-100004", "global_admin", False),
    ("admin@adatum.demo", "Ada Partner", "P-100005", "partner_admin", False),
    ("global@adatum.demo", "Adam Global", "P-100005", "global_admin", False),
    ("benefits@woodgrove.demo", "Wendy Benefits", "C-200001", "benefits_admin", False),
    ("pm@woodgrove.demo", "Will Manager", "C-200001", "project_manager", False),
    ("benefits@litware.demo", "Lena Benefits", "C-200002", "benefits_admin", False),
    ("pm@litware.demo", "Lukas Manager", "C-200002", "project_manager", False),
    ("benefits@proseware.demo", "Priya Benefits", "C-200003", "benefits_admin", False),
    ("pm@proseware.demo", "Peter Manager", "C-200003", "project_manager", False),
]

# One person acting for two organisations (R-ROLE-2).
EXTRA_MEMBERSHIPS = [("admin@contoso.demo", "P-100001", "global_admin")]


def build(context: DemoContext) -> None:
    at = context.at(HISTORY_START)
    for public_id, (kind, name, country) in ORGANISATIONS.items():
        context.organisations[public_id] = organisation_create(
            kind=kind,
            name=name,
            country=country,
            public_id=public_id,
            actor=context.operator,
            at=at,
            today=HISTORY_START,
        )
    for email, full_name, public_id, role, is_staff in LOGINS:
        user = user_create(
            email=email,
            full_name=full_name,
            password=DEMO_PASSWORD,
            actor=context.operator,
            at=at,
            today=HISTORY_START,
            is_staff=is_staff,
            is_superuser=is_staff,
        )
        context.users[email] = user
        organisation = context.organisations[public_id]
        membership_grant(
            user=user,
            organisation=organisation,
            role=role,
            actor=context.operator,
            at=at,
            today=HISTORY_START,
        )
        context.logins.append((email, organisation.name, role))
    for email, public_id, role in EXTRA_MEMBERSHIPS:
        membership_grant(
            user=context.users[email],
            organisation=context.organisations[public_id],
            role=role,
            actor=context.operator,
            at=at,
            today=HISTORY_START,
        )


def organisation(context: DemoContext, public_id: str) -> Organisation:
    return context.organisations[public_id]
