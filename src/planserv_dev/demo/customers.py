"""Demo data of the customers capability: agreements of the three demo customers and their days
ledgers from 2019 on, built through the services with past `today` values.

- Woodgrove (US): an Enterprise Agreement, activated, with training days converted in January
  2020; a Select Plus agreement that is not activated yet.
- Litware (DE): an Open Value agreement that ended on 28 February 2021 (before the removal), and
  an MPSA with a conversion.
- Proseware (GB): an Enterprise Agreement with a conversion, a goodwill grant and a correction.
The agreements are recorded on HISTORY_START (1 July 2019); activations, training grants,
conversions and the operator's grants are dated events of the timeline. Accrual of every coverage
year start (none from 1 February 2021) and the removal of 1 July 2021 are the daily jobs the
builder runs on each day it plays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from planserv.accounts.models import Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.customers.models import LicensingAgreement
from planserv.customers.services import (
    agreement_activate,
    agreement_create,
    correction_post,
    manual_grant,
    training_convert,
    training_grant,
)
from planserv_dev.demo.context import HISTORY_START, DemoContext

D = dt.date
Event = tuple[dt.date, str, Callable[[dt.date], object]]


@dataclass(frozen=True)
class DemoAgreement:
    customer: str
    licensing_id: str
    agreement_type: str
    start: dt.date
    end: dt.date
    coverage: dict[str, int]
    benefits_admin: str
    activated_on: dt.date | None = None
    training: tuple[dt.date, int] | None = None  # (granted on, training days)
    conversions: list[tuple[dt.date, int]] = field(default_factory=list)


AGREEMENTS = [
    DemoAgreement(
        "C-200001",
        "EA-WG-2019-01",
        "enterprise",
        D(2019, 1, 1),
        D(2021, 12, 31),
        {"applications": 2500, "systems": 1200, "servers": 600},
        "benefits@woodgrove.demo",
        activated_on=D(2019, 9, 10),
        training=(D(2019, 9, 12), 10),
        conversions=[(D(2020, 1, 20), 6)],
    ),
    DemoAgreement(
        "C-200001",
        "SEL-WG-2019-07",
        "select",
        D(2019, 7, 1),
        D(2022, 6, 30),
        {"applications": 300, "dynamics": 250},
        "benefits@woodgrove.demo",
    ),
    DemoAgreement(
        "C-200002",
        "OV-LW-2019-03",
        "open_value",
        D(2019, 3, 1),
        D(2021, 2, 28),
        {"applications": 800, "servers": 150},
        "benefits@litware.demo",
        activated_on=D(2019, 9, 16),
    ),
    DemoAgreement(
        "C-200002",
        "MPSA-LW-2019-10",
        "mpsa",
        D(2019, 10, 1),
        D(2022, 9, 30),
        {"servers": 2500, "dynamics": 1200},
        "benefits@litware.demo",
        activated_on=D(2019, 10, 7),
        training=(D(2019, 10, 10), 4),
        conversions=[(D(2020, 1, 30), 4)],
    ),
    DemoAgreement(
        "C-200003",
        "EA-PW-2019-05",
        "enterprise",
        D(2019, 5, 1),
        D(2022, 4, 30),
        {"applications": 6500, "systems": 5200},
        "benefits@proseware.demo",
        activated_on=D(2019, 9, 20),
        training=(D(2019, 9, 20), 9),
        conversions=[(D(2019, 11, 4), 3), (D(2020, 1, 28), 6)],
    ),
]


def _benefits_admin(context: DemoContext, email: str, customer: str) -> Actor:
    membership = Membership.objects.select_related("user", "organisation").get(
        user=context.users[email], organisation=context.organisations[customer]
    )
    return actor_for_membership(membership)


def build(context: DemoContext) -> None:
    """Create the agreements on HISTORY_START and put their history on the timeline. Accrual and
    the removal are daily jobs: the builder runs them on every day it plays."""
    agreements: dict[str, LicensingAgreement] = {}

    def create(demo: DemoAgreement) -> Callable[[dt.date], object]:
        def act(day: dt.date) -> None:
            agreements[demo.licensing_id] = agreement_create(
                customer=context.organisations[demo.customer],
                licensing_id=demo.licensing_id,
                agreement_type=demo.agreement_type,
                start_date=demo.start,
                end_date=demo.end,
                coverage=demo.coverage,
                actor=context.operator,
                today=day,
                at=context.at(day),
            )

        return act

    for demo in AGREEMENTS:
        context.on(HISTORY_START, f"agreement {demo.licensing_id}", create(demo))
    for demo in AGREEMENTS:
        for day, label, act in _agreement_events(context, agreements, demo):
            context.on(day, label, act)
    for day, label, act in _operator_events(context, agreements):
        context.on(day, label, act)


def _agreement_events(
    context: DemoContext, agreements: dict[str, LicensingAgreement], demo: DemoAgreement
) -> list[Event]:
    """The agreement's activation, training grant and conversions (it exists by then: it is
    created on HISTORY_START)."""
    events: list[Event] = []
    key = demo.licensing_id

    def admin() -> Actor:
        return _benefits_admin(context, demo.benefits_admin, demo.customer)

    if demo.activated_on:
        events.append(
            (
                demo.activated_on,
                f"{key} activated",
                lambda day: agreement_activate(
                    agreement=agreements[key], actor=admin(), today=day, at=context.at(day)
                ),
            )
        )
    if demo.training:
        granted_on, training_days = demo.training
        events.append(
            (
                granted_on,
                f"{key} training days granted",
                lambda day: training_grant(
                    agreement=agreements[key],
                    training_days=training_days,
                    reason="Training-voucher days of the agreement's SA benefits",
                    actor=context.operator,
                    today=day,
                    at=context.at(day),
                    key=f"demo:training:{key}",
                ),
            )
        )
    for converted_on, days in demo.conversions:
        events.append(
            (
                converted_on,
                f"{key} training converted",
                _conversion(context, agreements, demo, days),
            )
        )
    return events


def _conversion(
    context: DemoContext, agreements: dict[str, LicensingAgreement], demo: DemoAgreement, days: int
) -> Callable[[dt.date], object]:
    def convert(day: dt.date) -> object:
        return training_convert(
            agreement=agreements[demo.licensing_id],
            training_days=days,
            actor=_benefits_admin(context, demo.benefits_admin, demo.customer),
            today=day,
            at=context.at(day),
            key=f"demo:conversion:{demo.licensing_id}:{day.isoformat()}",
        )

    return convert


def _operator_events(
    context: DemoContext, agreements: dict[str, LicensingAgreement]
) -> list[Event]:
    state: dict[str, object] = {}

    def goodwill(day: dt.date) -> None:
        manual_grant(
            agreement=agreements["EA-PW-2019-05"],
            days=2,
            reason="Goodwill: engagement postponed by travel restrictions",
            actor=context.operator,
            today=day,
            at=context.at(day),
            key="demo:goodwill:EA-PW-2019-05",
        )

    def posted_twice(day: dt.date) -> None:
        state["duplicate"] = manual_grant(
            agreement=agreements["EA-PW-2019-05"],
            days=2,
            reason="Goodwill: engagement postponed by travel restrictions",
            actor=context.operator,
            today=day,
            at=context.at(day),
            key="demo:goodwill-duplicate:EA-PW-2019-05",
        )

    def corrected(day: dt.date) -> None:
        correction_post(
            entry=state["duplicate"],  # type: ignore[arg-type]  # set by posted_twice
            reason="The goodwill grant was posted twice",
            actor=context.operator,
            today=day,
            at=context.at(day),
        )

    return [
        (D(2020, 6, 15), "goodwill grant", goodwill),
        (D(2020, 6, 15), "goodwill grant posted twice", posted_twice),
        (D(2020, 6, 17), "duplicate corrected", corrected),
    ]
