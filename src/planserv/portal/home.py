"""What each side's home page shows; each capability adds its own panels here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planserv.core.actor import Actor
from planserv.partners.selectors import firm_eligibility, firm_of
from planserv.program.selectors import milestones_list


def home_context(*, actor: Actor, today: dt.date) -> dict[str, Any]:
    milestones = [
        {"milestone": m, "days_away": (m.date - today).days, "past": m.date < today}
        for m in milestones_list()
    ]
    context: dict[str, Any] = {"timeline": milestones}
    if actor.is_partner:
        context["partner_eligibility"] = firm_eligibility(organisation=firm_of(actor), on=today)
    return context
