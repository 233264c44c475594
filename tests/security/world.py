"""A small world for the authorization matrix: one operator, two partners, two customers, a
member for every role, and (as capabilities land) objects owned by each tenant."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planserv.accounts.models import Membership, Organisation
from planserv.core.types import ROLES_BY_KIND
from tests.factories import accounts as account_factory


@dataclass
class World:
    organisations: dict[str, Organisation]  # "operator", "partner", "partner_other", …
    members: dict[tuple[str, str], Membership]  # (organisation key, role) → membership
    objects: dict[str, Any] = field(default_factory=dict)

    def own_key(self, role: str) -> str:
        for kind, roles in ROLES_BY_KIND.items():
            if role in roles:
                return str(kind)
        raise KeyError(role)

    def member(self, role: str) -> Membership:
        return self.members[(self.own_key(role), role)]


def build_world() -> World:
    organisations = {
        "operator": account_factory.organisation("operator", name="Program Office"),
        "partner": account_factory.organisation("partner", name="Own Partner", country="DE"),
        "partner_other": account_factory.organisation(
            "partner", name="Other Partner", country="US"
        ),
        "customer": account_factory.organisation("customer", name="Own Customer"),
        "customer_other": account_factory.organisation("customer", name="Other Customer"),
    }
    members = {}
    for key, organisation in organisations.items():
        for role in ROLES_BY_KIND[organisation.kind]:
            members[(key, role)] = account_factory.member(organisation, role)
    return World(organisations=organisations, members=members)
