"""What each side's home page shows; each capability adds its own panels here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.customers.selectors import customer_days_summary, milestone_impact
from planserv.guidance.getting_started import getting_started_for
from planserv.payments.overdue import request_age, review_alerts
from planserv.payments.selectors import firm_payments_panel, review_queue
from planserv.program.calendar import calendar_get
from planserv.program.selectors import milestones_list

HOME_QUEUE_ROWS = 50


def home_context(*, actor: Actor, today: dt.date) -> dict[str, Any]:
    milestones = [
        {"milestone": m, "days_away": (m.date - today).days, "past": m.date < today}
        for m in milestones_list()
    ]
    context: dict[str, Any] = {"timeline": milestones}
    if actor.is_partner or actor.is_customer:
        context["getting_started"] = getting_started_for(actor=actor, today=today)
    if actor.is_customer:
        context.update(_customer_days(actor=actor, today=today))
    if actor.is_partner and actor.organisation_id is not None:
        context["payments_panel"] = firm_payments_panel(organisation_id=actor.organisation_id)
    if actor.is_operator:
        context.update(_operator_review(actor=actor, today=today))
    return context


def _operator_review(*, actor: Actor, today: dt.date) -> dict[str, Any]:
    """What waits too long in payments, for every operator; a reviewer's home is the queue."""
    context: dict[str, Any] = {"alerts": review_alerts(today=today)}
    if actor.role == Role.PAYMENT_REVIEWER:
        queue = list(review_queue()[:HOME_QUEUE_ROWS])
        context["review_rows"] = [(payment, request_age(payment, today)) for payment in queue]
    return context


def _customer_days(*, actor: Actor, today: dt.date) -> dict[str, Any]:
    """The customer's days across its agreements, and what the next milestone does to them
    (sums in SQL: a customer may have hundreds of agreements, PERF-6)."""
    summary = customer_days_summary(actor)
    return {
        "customer_agreements": summary.agreements,
        "customer_days": summary.totals,
        "days_impact": milestone_impact(totals=summary.totals, today=today),
        "agreements_to_activate": summary.not_activated,
        "available_to_use": summary.available_to_use,
        "available_waiting": summary.totals["available"] - summary.available_to_use,
        "creation_closed": today > calendar_get().last_create_date,
    }
