"""Demo data of the payments capability (R-PAY-1..6), built through the services with past dates.

This step puts its own vouchers on the timeline: Woodgrove
(C-200001) vouchers of 1 day for Windows and Office deployment planning, reserved, delivered
(Anna Berger, Munich) and redeemed by Contoso (P-100001, DE, EUR 950 a day). Contoso registers
for payment in DDPS after its first redemption. Requests in every status:
- paid (March run RUN-202103-EUR, confirmed),
- in a payment run (May run RUN-202105-EUR, open),
- approved (waits for the June run), held with a question, validating after an answer, validating
  fresh, denied, and one redeemed voucher still without a request (its window open).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from planserv.accounts.models import Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.customers.models import LicensingAgreement
from planserv.partners.models import Consultant
from planserv.payments.models import PaymentRequest
from planserv.payments.services import (
    RemittanceDetails,
    payment_registration_create,
    payment_request_approve,
    payment_request_deny,
    payment_request_file,
    payment_request_hold,
    payment_request_respond,
    payment_run_build,
    payment_run_confirm,
)
from planserv.program.calendar import program_settings_get
from planserv.program.models import EngagementType
from planserv.program.settings_services import payment_settings_of, payment_settings_update
from planserv.vouchers.models import Voucher
from planserv.vouchers.services import (
    ReportInput,
    Upload,
    voucher_create_and_assign,
    voucher_redeem,
    voucher_report_delivery,
    voucher_reserve,
)
from planserv_dev.demo.context import DemoContext

D = dt.date
LOCATION = "DE-4711001"
TYPE = "windows-office-deployment"
# (assigned on, what happens to the request: (action, day) steps)
PLANS: list[tuple[dt.date, list[tuple[str, dt.date]]]] = [
    (D(2021, 3, 1), [("file", D(2021, 3, 10)), ("approve", D(2021, 3, 12))]),  # paid in March
    (D(2021, 4, 19), [("file", D(2021, 4, 28)), ("approve", D(2021, 5, 10))]),  # May run, open
    (D(2021, 5, 17), [("file", D(2021, 5, 26)), ("approve", D(2021, 6, 1))]),  # approved
    (D(2021, 5, 20), [("file", D(2021, 6, 1)), ("hold", D(2021, 6, 3))]),  # held
    (
        D(2021, 5, 21),
        [("file", D(2021, 6, 1)), ("hold", D(2021, 6, 2)), ("respond", D(2021, 6, 4))],
    ),
    (D(2021, 5, 24), [("file", D(2021, 6, 10))]),  # validating
    (D(2021, 5, 25), [("file", D(2021, 6, 1)), ("deny", D(2021, 6, 5))]),  # denied
    (D(2021, 5, 26), []),  # redeemed, no request yet
]
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _actor(email: str, public_id: str, role: str) -> Actor:
    membership = Membership.objects.get(
        user__email=email, organisation__public_id=public_id, role=role
    )
    return actor_for_membership(membership)


def _redeemed(context: DemoContext, assigned_on: dt.date, number: int) -> list[Voucher]:
    """Put a 1-day voucher on the timeline: assigned, reserved the next day, delivered four days
    later, redeemed the day after. The returned list holds the voucher once it is created."""
    made: list[Voucher] = []
    start = assigned_on + dt.timedelta(days=1)
    end = start + dt.timedelta(days=4)

    def partner() -> Actor:
        return _actor("admin@contoso.demo", "P-100001", "partner_admin")

    def create(day: dt.date) -> None:
        made.append(
            voucher_create_and_assign(
                agreement=LicensingAgreement.objects.get(licensing_id="EA-WG-2019-01"),
                engagement_type=EngagementType.objects.get(code=TYPE),
                days=1,
                assignee_email="pm@woodgrove.demo",
                division=f"Region {number}",
                actor=_actor("benefits@woodgrove.demo", "C-200001", "benefits_admin"),
                today=day,
                at=context.at(day),
            )
        )

    def reserve(day: dt.date) -> None:
        voucher_reserve(
            voucher_id=made[0].voucher_id,
            email="pm@woodgrove.demo",
            location_id=LOCATION,
            start_date=start,
            accept_terms=True,
            delivery_country="DE",
            actor=partner(),
            today=day,
            at=context.at(day),
        )

    def report(day: dt.date) -> None:
        consultant = Consultant.objects.get(email="anna.berger@contoso.demo")
        voucher_report_delivery(
            voucher=Voucher.objects.get(pk=made[0].pk),
            report=ReportInput(
                delivery_country="DE",
                start_date=start,
                end_date=day,
                consultant_ids=[consultant.pk],
                onsite_days=1,
                offsite_days=0,
                summary="Assessed the Windows estate and planned the Microsoft 365 Apps rollout.",
                next_steps="Pilot with the finance team, then roll out by site.",
                no_extra_fee=True,
                uploads=[Upload("deployment-plan.pdf", PDF)],
            ),
            actor=partner(),
            today=day,
            at=context.at(day),
        )

    def redeem(day: dt.date) -> None:
        voucher_redeem(
            voucher=Voucher.objects.get(pk=made[0].pk),
            location_id=LOCATION,
            actor=partner(),
            today=day,
            at=context.at(day),
        )

    label = f"payments voucher {number}"
    context.on(assigned_on, f"{label}: created", create)
    context.on(start, f"{label}: reserved", reserve)
    context.on(end, f"{label}: delivered", report)
    context.on(end + dt.timedelta(days=1), f"{label}: redeemed", redeem)
    return made


def _step(context: DemoContext, voucher: Voucher, action: str, day: dt.date) -> None:
    partner = _actor("admin@contoso.demo", "P-100001", "partner_admin")
    reviewer = _actor("reviewer@operator.demo", "OP-0001", "payment_reviewer")
    at = context.at(day)
    if action == "file":
        payment_request_file(
            voucher_id=voucher.voucher_id, location_id=LOCATION, actor=partner, today=day, at=at
        )
        return
    public_id = PaymentRequest.objects.get(voucher=voucher).public_id
    if action == "approve":
        payment_request_approve(public_id=public_id, actor=reviewer, today=day, at=at)
    elif action == "hold":
        payment_request_hold(
            public_id=public_id,
            question="Which Woodgrove division was the plan for? Please attach the attendee list.",
            actor=reviewer,
            today=day,
            at=at,
        )
    elif action == "respond":
        payment_request_respond(
            public_id=public_id,
            answer="The Seattle region; the attendee list is in the deliverable, page 2.",
            actor=partner,
            today=day,
            at=at,
        )
    elif action == "deny":
        payment_request_deny(
            public_id=public_id,
            reason="The same plan was paid for another voucher of this division.",
            actor=reviewer,
            today=day,
            at=at,
        )


def build(context: DemoContext) -> None:
    """Payment registration, requests in every status, one paid run and one open run, each on
    its day of the timeline."""
    made = [_redeemed(context, assigned_on, n) for n, (assigned_on, _) in enumerate(PLANS, 1)]
    context.on(
        D(2021, 3, 8), "Contoso registers for payment in DDPS", lambda day: _register(context, day)
    )
    for vouchers, (_, steps) in zip(made, PLANS, strict=True):
        for action, day in steps:
            context.on(day, f"payment request: {action}", _request_step(context, vouchers, action))
    context.on(
        D(2021, 3, 1),
        "the program admin sets the paying account",
        lambda day: _paying_account(context, day),
    )
    runs = [
        (D(2021, 3, 1), D(2021, 3, 16), D(2021, 3, 26)),  # built, confirmed
        (D(2021, 5, 1), D(2021, 5, 17), None),  # built, open
    ]
    for month, built_on, confirmed_on in runs:
        context.on(built_on, f"payment run {month:%Y-%m} built", _run_build(context, month))
        if confirmed_on:
            context.on(
                confirmed_on, f"payment run {month:%Y-%m} confirmed", _run_confirm(context, month)
            )


def _request_step(
    context: DemoContext, vouchers: list[Voucher], action: str
) -> Callable[[dt.date], None]:
    return lambda day: _step(context, vouchers[0], action, day)


def _register(context: DemoContext, day: dt.date) -> None:
    payment_registration_create(
        offering_code="DDPS",
        details=RemittanceDetails(
            legal_name="Contoso Beratung GmbH",
            tax_id="DE811907980",
            iban="DE89370400440532013000",
            bic="COBADEFFXXX",
            country="DE",
            currency="EUR",
        ),
        # The firm's global admin passed the second factor for bank details (R-PPL-3).
        actor=replace(
            _actor("global@contoso.demo", "P-100001", "global_admin"), second_factor=True
        ),
        today=day,
        at=context.at(day),
    )


def _run_build(context: DemoContext, month: dt.date) -> Callable[[dt.date], None]:
    def act(day: dt.date) -> None:
        payment_run_build(
            month=month,
            currency="EUR",
            actor=_actor("reviewer@operator.demo", "OP-0001", "payment_reviewer"),
            today=day,
            at=context.at(day),
        )

    return act


def _run_confirm(context: DemoContext, month: dt.date) -> Callable[[dt.date], None]:
    def act(day: dt.date) -> None:
        payment_run_confirm(
            public_id=f"RUN-{month:%Y%m}-EUR",
            # A second person confirms: never the reviewer who built the run (R-PAY-6).
            actor=_actor("finance@operator.demo", "OP-0001", "payment_reviewer"),
            today=day,
            at=context.at(day),
        )

    return act


def _paying_account(context: DemoContext, day: dt.date) -> None:
    """The program's paying account (illustrative), set by the program admin in the settings."""
    current = payment_settings_of(program_settings_get())
    payment_settings_update(
        values=dataclasses.replace(
            current,
            paying_account_iban="DE02 1001 0010 0006 8201 01",
            paying_account_bic="PBNKDEFFXXX",
        ),
        actor=_actor("admin@operator.demo", "OP-0001", "program_admin"),
        today=day,
        at=context.at(day),
    )
