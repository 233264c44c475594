"""Factories for licensing agreements and days, built through the customers services."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.customers.models import LedgerEntry, LicensingAgreement
from planserv.customers.services import agreement_activate, agreement_create, manual_grant
from tests.factories import accounts as account_factory

OPERATOR = Actor.system(label="tests")
_sequence = itertools.count(1)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)


def agreement(
    customer: Organisation | None = None,
    *,
    licensing_id: str | None = None,
    agreement_type: str = "enterprise",
    start_date: dt.date = dt.date(2019, 7, 1),
    end_date: dt.date = dt.date(2022, 6, 30),
    coverage: Mapping[str, int] | None = None,
    today: dt.date | None = None,
) -> LicensingAgreement:
    """An agreement; recorded the day before it starts unless `today` is given, so its ledger
    is empty (no coverage year has begun) and tests add days explicitly."""
    recorded_on = today or start_date - dt.timedelta(days=1)
    return agreement_create(
        customer=customer or account_factory.organisation("customer"),
        licensing_id=licensing_id or f"EA-T{next(_sequence):06d}",
        agreement_type=agreement_type,
        start_date=start_date,
        end_date=end_date,
        coverage=coverage or {"applications": 250},
        actor=OPERATOR,
        today=recorded_on,
        at=at(recorded_on),
    )


def grant(agreement: LicensingAgreement, days: int, *, today: dt.date | None = None) -> LedgerEntry:
    """Put `days` into the agreement's available pool (a manual grant)."""
    day = today or dt.date(2020, 1, 6)
    return manual_grant(
        agreement=agreement,
        days=days,
        reason="test days",
        actor=OPERATOR,
        today=day,
        at=at(day),
    )


def activated(
    agreement: LicensingAgreement, *, today: dt.date = dt.date(2019, 9, 2)
) -> LicensingAgreement:
    return agreement_activate(agreement=agreement, actor=OPERATOR, today=today, at=at(today))
