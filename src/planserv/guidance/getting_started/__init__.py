"""The getting-started checklist (issue 11; the notice's "Get started"): one selector for the
portal home pages and `GET /api/v1/support/getting-started`. Reads partners, customers, vouchers
and payments; writes nothing."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.core.types import OrganisationKind
from planserv.customers.selectors import agreement_list_for_actor
from planserv.guidance.getting_started.customer import customer_getting_started
from planserv.guidance.getting_started.partner import partner_getting_started
from planserv.guidance.getting_started.types import (
    Figure,
    GettingStarted,
    Item,
    Link,
    Step,
    StepState,
)

__all__ = [
    "Figure",
    "GettingStarted",
    "Item",
    "Link",
    "Step",
    "StepState",
    "getting_started_for",
]


def getting_started_for(*, actor: Actor, today: dt.date) -> GettingStarted:
    """The checklist of the actor's organisation (a partner firm's nine steps, a customer's four).
    Raises Forbidden for the operator, who has no checklist (R-ROLE-1)."""
    if actor.organisation_id is None or actor.is_operator:
        raise Forbidden(
            _("The getting-started checklist belongs to partner firms and customers."),
            details={"role": actor.role},
        )
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    if organisation.kind == OrganisationKind.PARTNER:
        return partner_getting_started(firm=organisation, today=today, role=actor.role or "")
    return customer_getting_started(
        customer=organisation,
        agreements=list(agreement_list_for_actor(actor)),
        today=today,
        role=actor.role or "",
    )
