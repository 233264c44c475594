"""The navigation of each side, as data: (label, url name, roles that see it; empty = every role)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from planserv.core.actor import Actor
from planserv.core.types import OrganisationKind, Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()


NAVIGATION: dict[str, list[NavItem]] = {
    OrganisationKind.CUSTOMER: [
        NavItem("Home", "portal:home"),
        NavItem("Agreements", "portal:customer_agreements"),
        NavItem("Vouchers", "portal:customer_vouchers"),
        NavItem("Partner directory", "portal:customer_directory"),
    ],
    OrganisationKind.PARTNER: [
        NavItem("Home", "portal:home"),
        NavItem("Vouchers", "portal:partner_vouchers"),
        NavItem("Reserve a voucher", "portal:partner_voucher_reserve", roles=("partner_admin",)),
        NavItem("Payments", "portal:partner_payments"),
        NavItem("Eligibility", "portal:partner_eligibility"),
        NavItem("Enrollment", "portal:partner_enrollments"),
        NavItem("Profile", "portal:partner_profile"),
        NavItem("Locations", "portal:partner_locations"),
        NavItem("Consultants", "portal:partner_consultants"),
        NavItem("Evidence", "portal:partner_evidence"),
    ],
    OrganisationKind.OPERATOR: [
        NavItem("Home", "portal:home"),
        NavItem("Agreements", "portal:operator_agreements"),
        NavItem("Organisations", "portal:operator_search"),
        NavItem("Partner firms", "portal:operator_partners"),
        NavItem("Evidence claims", "portal:operator_claims"),
        NavItem(
            "Payments",
            "portal:operator_payments",
            roles=(Role.PAYMENT_REVIEWER, Role.PROGRAM_ADMIN, Role.AUDITOR),
        ),
        # Operations (docs/operator.md): sandbox controls, job runs, mail, imports, bulk, audit.
        NavItem("Operations", "portal:operator_operations"),
        NavItem("Audit", "portal:operator_audit"),
    ],
}

# Program information, FAQ and support (docs/support.md), last on every side.
# Webhooks (docs/webhooks.md): the organisation's managing role only.
NAVIGATION[OrganisationKind.CUSTOMER] += [
    NavItem("Webhooks", "portal:webhooks", roles=(Role.BENEFITS_ADMIN,)),
]
NAVIGATION[OrganisationKind.PARTNER] += [
    NavItem("Webhooks", "portal:webhooks", roles=(Role.GLOBAL_ADMIN,)),
]

NAVIGATION[OrganisationKind.CUSTOMER] += [
    NavItem("Program information", "portal:program_info"),
    NavItem("FAQ", "portal:faq"),
    NavItem("Support", "portal:customer_support_list"),
]
NAVIGATION[OrganisationKind.PARTNER] += [
    NavItem("Program information", "portal:program_info"),
    NavItem("FAQ", "portal:faq"),
    NavItem("Support", "portal:partner_support_list"),
]
NAVIGATION[OrganisationKind.OPERATOR] += [
    NavItem("Program information", "portal:program_info"),
    NavItem("FAQ", "portal:faq"),
    NavItem(
        "Support queue",
        "portal:operator_support_queue",
        roles=(Role.SUPPORT, Role.PROGRAM_ADMIN, Role.AUDITOR),
    ),
]


# People (docs/people.md): the managing role of each side (R-PPL-1).
OWN_MEMBERS_ONLY = frozenset({"portal:people"})
NAVIGATION[OrganisationKind.CUSTOMER].insert(
    4, NavItem("People", "portal:people", roles=(Role.BENEFITS_ADMIN,))
)
NAVIGATION[OrganisationKind.PARTNER].insert(
    9, NavItem("People", "portal:people", roles=(Role.GLOBAL_ADMIN,))
)
NAVIGATION[OrganisationKind.OPERATOR].insert(
    6, NavItem("People", "portal:people", roles=(Role.PROGRAM_ADMIN,))
)


def nav_for(actor: Actor | None) -> list[dict[str, str]]:
    if actor is None or actor.organisation_kind is None:
        return []
    items = []
    for item in NAVIGATION.get(actor.organisation_kind, []):
        if item.roles and not actor.has_role(*item.roles):
            continue
        if item.url_name in OWN_MEMBERS_ONLY and actor.is_acting_for:
            continue  # R-PPL-4: support acting for an organisation never manages its people
        try:
            items.append({"label": item.label, "url": reverse(item.url_name)})
        except NoReverseMatch:
            continue  # a page that is not wired yet is simply not shown
    return items


# Reports (docs/reports.md): one item per side; the operator's leads to the reports index.
_REPORTS_ROLES = (Role.PROGRAM_ADMIN, Role.PAYMENT_REVIEWER, Role.SUPPORT, Role.AUDITOR)
for _side, _item in (
    (OrganisationKind.CUSTOMER, NavItem("Reports", "portal:customer_reports")),
    (OrganisationKind.PARTNER, NavItem("Reports", "portal:partner_reports")),
    (OrganisationKind.OPERATOR, NavItem("Reports", "portal:operator_reports", _REPORTS_ROLES)),
):
    _items = NAVIGATION[_side]
    _at = next((i for i, n in enumerate(_items) if n.label == "Program information"), len(_items))
    _items.insert(_at, _item)
