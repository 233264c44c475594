"""The navigation of each side, as data: (label, url name, roles that see it; empty = every role)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from planserv.core.actor import Actor
from planserv.core.types import OrganisationKind, Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: tuple[str, ...] = ()


NAVIGATION: dict[str, list[NavItem]] = {
    OrganisationKind.CUSTOMER: [
        NavItem(gettext_lazy("Home"), "portal:home"),
        NavItem(gettext_lazy("Agreements"), "portal:customer_agreements"),
        NavItem(gettext_lazy("Vouchers"), "portal:customer_vouchers"),
        NavItem(gettext_lazy("Partner directory"), "portal:customer_directory"),
    ],
    OrganisationKind.PARTNER: [
        NavItem(gettext_lazy("Home"), "portal:home"),
        NavItem(gettext_lazy("Vouchers"), "portal:partner_vouchers"),
        NavItem(
            gettext_lazy("Reserve a voucher"),
            "portal:partner_voucher_reserve",
            roles=("partner_admin",),
        ),
        NavItem(gettext_lazy("Payments"), "portal:partner_payments"),
        NavItem(gettext_lazy("Eligibility"), "portal:partner_eligibility"),
        NavItem(gettext_lazy("Enrollment"), "portal:partner_enrollments"),
        NavItem(gettext_lazy("Profile"), "portal:partner_profile"),
        NavItem(gettext_lazy("Locations"), "portal:partner_locations"),
        NavItem(gettext_lazy("Consultants"), "portal:partner_consultants"),
        NavItem(gettext_lazy("Evidence"), "portal:partner_evidence"),
    ],
    OrganisationKind.OPERATOR: [
        NavItem(gettext_lazy("Home"), "portal:home"),
        NavItem(gettext_lazy("Agreements"), "portal:operator_agreements"),
        NavItem(gettext_lazy("Organisations"), "portal:operator_search"),
        NavItem(gettext_lazy("Partner firms"), "portal:operator_partners"),
        NavItem(gettext_lazy("Evidence claims"), "portal:operator_claims"),
        NavItem(
            gettext_lazy("Payments"),
            "portal:operator_payments",
            roles=(Role.PAYMENT_REVIEWER, Role.PROGRAM_ADMIN, Role.AUDITOR),
        ),
        # Operations (docs/operator.md): sandbox controls, job runs, mail, imports, bulk, audit.
        NavItem(gettext_lazy("Operations"), "portal:operator_operations"),
        NavItem(gettext_lazy("Audit"), "portal:operator_audit"),
    ],
}

# Program information, FAQ and support (docs/support.md), last on every side.
# Webhooks (docs/webhooks.md): the organisation's managing role only.
NAVIGATION[OrganisationKind.CUSTOMER] += [
    NavItem(gettext_lazy("Webhooks"), "portal:webhooks", roles=(Role.BENEFITS_ADMIN,)),
]
NAVIGATION[OrganisationKind.PARTNER] += [
    NavItem(gettext_lazy("Webhooks"), "portal:webhooks", roles=(Role.GLOBAL_ADMIN,)),
]

NAVIGATION[OrganisationKind.CUSTOMER] += [
    NavItem(gettext_lazy("Program information"), "portal:program_info"),
    NavItem(gettext_lazy("FAQ"), "portal:faq"),
    NavItem(gettext_lazy("Support"), "portal:customer_support_list"),
]
NAVIGATION[OrganisationKind.PARTNER] += [
    NavItem(gettext_lazy("Program information"), "portal:program_info"),
    NavItem(gettext_lazy("FAQ"), "portal:faq"),
    NavItem(gettext_lazy("Support"), "portal:partner_support_list"),
]
NAVIGATION[OrganisationKind.OPERATOR] += [
    NavItem(gettext_lazy("Program information"), "portal:program_info"),
    NavItem(gettext_lazy("FAQ"), "portal:faq"),
    NavItem(
        gettext_lazy("Support queue"),
        "portal:operator_support_queue",
        roles=(Role.SUPPORT, Role.PROGRAM_ADMIN, Role.AUDITOR),
    ),
]


# People (docs/people.md): the managing role of each side (R-PPL-1).
OWN_MEMBERS_ONLY = frozenset({"portal:people"})
NAVIGATION[OrganisationKind.CUSTOMER].insert(
    4, NavItem(gettext_lazy("People"), "portal:people", roles=(Role.BENEFITS_ADMIN,))
)
NAVIGATION[OrganisationKind.PARTNER].insert(
    9, NavItem(gettext_lazy("People"), "portal:people", roles=(Role.GLOBAL_ADMIN,))
)
NAVIGATION[OrganisationKind.OPERATOR].insert(
    6, NavItem(gettext_lazy("People"), "portal:people", roles=(Role.PROGRAM_ADMIN,))
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
            items.append({"label": str(item.label), "url": reverse(item.url_name)})
        except NoReverseMatch:
            continue  # a page that is not wired yet is simply not shown
    return items


# Reports (docs/reports.md): one item per side; the operator's leads to the reports index.
_REPORTS_ROLES = (Role.PROGRAM_ADMIN, Role.PAYMENT_REVIEWER, Role.SUPPORT, Role.AUDITOR)
for _side, _item in (
    (OrganisationKind.CUSTOMER, NavItem(gettext_lazy("Reports"), "portal:customer_reports")),
    (OrganisationKind.PARTNER, NavItem(gettext_lazy("Reports"), "portal:partner_reports")),
    (
        OrganisationKind.OPERATOR,
        NavItem(gettext_lazy("Reports"), "portal:operator_reports", _REPORTS_ROLES),
    ),
):
    _items = NAVIGATION[_side]
    _at = next(
        (i for i, n in enumerate(_items) if n.url_name == "portal:program_info"), len(_items)
    )
    _items.insert(_at, _item)
