"""REL-7 / REL-3 rows of the payments capability: every API operation (and portal page), with
builders that make a fresh object per call. A partner role's "own" request belongs to "partner"
(DE, EUR), a "foreign" one to "partner_other" (US, USD); operators see every request. The world
is pinned to 2021-06-15."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from typing import Any

from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.payments.models import PaymentRegistration, PaymentRequest, PaymentRun
from planserv.payments.services import (
    payment_details_change_submit,
    payment_request_approve,
    payment_request_file,
    payment_request_hold,
    payment_request_respond,
    payment_run_build,
    payment_run_confirm,
)
from planserv.vouchers.deliverables import Upload
from tests.factories import accounts as account_factory
from tests.factories import payments as payment_factory
from tests.factories import vouchers as factory
from tests.security.operations import (
    OPERATOR_ROLES,
    PARTNER_ROLES,
    ApiOperation,
    Call,
    PortalPage,
    fixed,
)

TODAY = dt.date(2021, 6, 15)
# R-ROLE-3: a global admin may do what a partner admin may.
PARTNER_ADMIN = frozenset({Role.PARTNER_ADMIN, Role.GLOBAL_ADMIN})
GLOBAL_ADMIN = frozenset({Role.GLOBAL_ADMIN})
REVIEWER = frozenset({Role.PAYMENT_REVIEWER})
READERS = PARTNER_ROLES | OPERATOR_ROLES
_sequence = itertools.count(1)


def _firm_key(world: Any, tenant: str, role: str) -> str:
    foreign = str(world.own_key(role)) == "partner" and tenant == "foreign"
    if str(world.own_key(role)) == "operator" and tenant == "foreign":
        foreign = True
    return "partner_other" if foreign else "partner"


def _redeemed(world: Any, key: str) -> Any:
    firm = world.objects[f"firm:{key}"]
    pool = world.objects["pool:customer"]
    voucher = factory.assigned(pool, today=TODAY, days=1, division=f"Pay {next(_sequence)}")
    factory.reserved(voucher, firm, today=TODAY)
    factory.delivered(voucher, firm, today=TODAY, start=TODAY)
    factory.redeemed(voucher, firm, today=TODAY)
    return factory.fresh(voucher), firm


def _reviewer(world: Any) -> Actor:
    return factory.actor(world.members[("operator", Role.PAYMENT_REVIEWER)])


def _request(world: Any, key: str, *, state: str = "validating") -> PaymentRequest:
    voucher, firm = _redeemed(world, key)
    payment_factory.registered(firm, today=TODAY)
    request = payment_request_file(
        voucher_id=voucher.voucher_id,
        location_id=firm.location.location_id,
        actor=firm.admin_actor,
        today=TODAY,
        at=factory.at(TODAY),
    )
    if state == "held":
        request = payment_request_hold(
            public_id=request.public_id,
            question="Which division?",
            actor=_reviewer(world),
            today=TODAY,
            at=factory.at(TODAY),
        )
    if state in ("approved", "paid"):
        request = payment_request_approve(
            public_id=request.public_id, actor=_reviewer(world), today=TODAY, at=factory.at(TODAY)
        )
    if state == "paid":  # in a run of its own currency, confirmed (the remittance advice)
        month = _month()
        first = dt.date(int(month[:4]), int(month[5:]), 1)
        run = payment_run_build(  # in its own month, by a second reviewer (R-PAY-6)
            month=first,
            currency=request.currency,
            actor=_builder(world),
            today=first,
            at=factory.at(first),
        )
        payment_run_confirm(
            public_id=run.public_id, actor=_reviewer(world), today=first, at=factory.at(first)
        )
        request = PaymentRequest.objects.get(pk=request.pk)
    return request


def _month() -> str:
    number = next(_sequence)
    year, month = divmod(5 + number, 12)  # from June 2021 on: the cut-off covers TODAY
    return f"{2021 + year:04d}-{month + 1:02d}"


def _builder(world: Any) -> Actor:
    """A second payment reviewer who builds runs: the matrix's reviewer may then confirm them
    (whoever built a run never confirms it, R-PAY-6)."""
    if "run_builder" not in world.objects:
        world.objects["run_builder"] = account_factory.member(
            world.organisations["operator"], Role.PAYMENT_REVIEWER
        )
    return factory.actor(world.objects["run_builder"])


def _run(world: Any) -> PaymentRun:
    _request(world, "partner", state="approved")
    month = _month()
    first = dt.date(int(month[:4]), int(month[5:]), 1)
    return payment_run_build(
        month=first,
        currency="EUR",
        actor=_builder(world),
        today=first,  # built in its own month: runs are for the current or the previous month
        at=factory.at(first),
    )


def register(world: Any, tenant: str, role: str) -> Call:
    if "registration_voucher" not in world.objects:
        world.objects["registration_voucher"] = _redeemed(world, "partner")
    # Registration is once per firm and offering: each call starts from an unregistered firm.
    PaymentRegistration.objects.filter(
        organisation=world.organisations["partner"], requests__isnull=True
    ).delete()
    return Call(
        "/api/v1/payment-registrations",
        {
            "offering": "DDPS",
            "legal_name": "Own Partner GmbH",
            "tax_id": "DE123456789",
            "iban": "DE89 3704 0044 0532 0130 00",
            "bic": "COBADEFFXXX",
            "country": "DE",
            "currency": "EUR",
        },
    )


def file(world: Any, tenant: str, role: str) -> Call:
    voucher, firm = _redeemed(world, "partner")
    payment_factory.registered(firm, today=TODAY)
    return Call(
        "/api/v1/payment-requests",
        {"voucher_id": voucher.voucher_id, "location_id": firm.location.location_id},
    )


def read(world: Any, tenant: str, role: str) -> Call:
    request = _request(world, _firm_key(world, tenant, role))
    return Call(f"/api/v1/payment-requests/{request.public_id}")


def _decide(action: str, body: dict[str, str], state: str = "validating") -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        request = _request(world, _firm_key(world, tenant, role), state=state)
        return Call(f"/api/v1/payment-requests/{request.public_id}/{action}", body)

    return build


def build_run(world: Any, tenant: str, role: str) -> Call:
    _request(world, "partner", state="approved")
    return Call("/api/v1/payment-runs", {"month": "2021-06", "currency": "EUR"})


def remittance(world: Any, tenant: str, role: str) -> Call:
    if "paying_account" not in world.objects:
        world.objects["paying_account"] = payment_factory.paying_account()
    return Call(f"/api/v1/payment-runs/{_run(world).public_id}/remittance?format=pain001")


def confirm(world: Any, tenant: str, role: str) -> Call:
    return Call(f"/api/v1/payment-runs/{_run(world).public_id}/confirm")


PAYMENT_API_OPERATIONS: list[ApiOperation] = [
    ApiOperation(
        "POST",
        "/api/v1/payment-registrations",
        GLOBAL_ADMIN,
        register,
        ok_statuses=frozenset({201}),
    ),
    ApiOperation(
        "POST", "/api/v1/payment-requests", PARTNER_ADMIN, file, ok_statuses=frozenset({201})
    ),
    ApiOperation("GET", "/api/v1/payment-requests", READERS, fixed("/api/v1/payment-requests")),
    ApiOperation("GET", "/api/v1/payment-requests/{request_id}", READERS, read, tenant_scoped=True),
    ApiOperation(
        "POST",
        "/api/v1/payment-requests/{request_id}/respond",
        PARTNER_ADMIN,
        _decide("respond", {"answer": "The Berlin division."}, state="held"),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/payment-requests/{request_id}/approve",
        REVIEWER,
        _decide("approve", {"note": ""}),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/payment-requests/{request_id}/hold",
        REVIEWER,
        _decide("hold", {"question": "Which division?"}),
        tenant_scoped=True,
    ),
    ApiOperation(
        "POST",
        "/api/v1/payment-requests/{request_id}/deny",
        REVIEWER,
        _decide("deny", {"reason": "Not a program engagement."}),
        tenant_scoped=True,
    ),
    ApiOperation("POST", "/api/v1/payment-runs", REVIEWER, build_run, ok_statuses=frozenset({201})),
    ApiOperation("GET", "/api/v1/payment-runs/{run_id}/remittance", REVIEWER, remittance),
    ApiOperation("POST", "/api/v1/payment-runs/{run_id}/confirm", REVIEWER, confirm),
]


OPERATOR_READERS = frozenset({Role.PAYMENT_REVIEWER, Role.PROGRAM_ADMIN, Role.AUDITOR})


def _page_request(template: str, state: str = "validating") -> Any:
    def build(world: Any, tenant: str, role: str) -> Call:
        request = _request(world, _firm_key(world, tenant, role), state=state)
        return Call(template.format(id=request.public_id))

    return build


def _page_voucher(world: Any, tenant: str, role: str) -> Call:
    voucher, _ = _redeemed(world, _firm_key(world, tenant, role))
    return Call(f"/partner/payments/vouchers/{voucher.voucher_id}/request/")


def _page_run(template: str) -> Any:
    return lambda world, tenant, role: Call(template.format(id=_run(world).public_id))


PAYMENT_PORTAL_PAGES: list[PortalPage] = [
    PortalPage("portal:partner_payments", PARTNER_ROLES, fixed("/partner/payments/")),
    PortalPage(
        "portal:partner_payment_register", GLOBAL_ADMIN, fixed("/partner/payments/register/")
    ),
    PortalPage("portal:partner_payment_request", PARTNER_ADMIN, _page_voucher, tenant_scoped=True),
    PortalPage(
        "portal:partner_payment_detail",
        PARTNER_ROLES,
        _page_request("/partner/payments/{id}/"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_payment_remittance_pdf",
        PARTNER_ROLES,
        _page_request("/partner/payments/{id}/remittance.pdf", state="paid"),
        tenant_scoped=True,
    ),
    PortalPage(
        "portal:partner_payment_respond",
        PARTNER_ADMIN,
        _page_request("/partner/payments/{id}/respond/", state="held"),
        method="POST",
        tenant_scoped=True,
    ),
    PortalPage("portal:operator_payments", OPERATOR_READERS, fixed("/operator/payments/")),
    PortalPage(
        "portal:operator_payment_detail",
        OPERATOR_READERS,
        _page_request("/operator/payments/{id}/"),
    ),
    PortalPage(
        "portal:operator_payment_decide",
        REVIEWER,
        _page_request("/operator/payments/{id}/approve/"),
        method="POST",
    ),
    PortalPage("portal:operator_payment_runs", OPERATOR_READERS, fixed("/operator/payments/runs/")),
    PortalPage(
        "portal:operator_payment_run",
        OPERATOR_READERS,
        _page_run("/operator/payments/runs/{id}/"),
    ),
    PortalPage(
        "portal:operator_payment_run_download",
        REVIEWER,
        _page_run("/operator/payments/runs/{id}/files/pain001/"),
    ),
    PortalPage(
        "portal:operator_payment_run_confirm",
        REVIEWER,
        _page_run("/operator/payments/runs/{id}/confirm/"),
        method="POST",
    ),
    PortalPage(
        "portal:partner_payment_details_change",
        GLOBAL_ADMIN,
        fixed("/partner/payments/details/change/"),
    ),
    PortalPage(
        "portal:operator_payment_details_changes",
        OPERATOR_READERS,
        fixed("/operator/payments/details-changes/"),
    ),
    PortalPage(
        "portal:operator_payment_details_change_decide",
        REVIEWER,
        lambda world, tenant, role: Call(
            f"/operator/payments/details-changes/{_details_change(world).pk}/verify/"
        ),
        method="POST",
    ),
    PortalPage(
        "portal:operator_payment_answer_file",
        OPERATOR_READERS,
        lambda world, tenant, role: _answer_file_call(world, tenant, role, "operator"),
    ),
    PortalPage(
        "portal:partner_payment_answer_file",
        PARTNER_ROLES,
        lambda world, tenant, role: _answer_file_call(world, tenant, role, "partner"),
        tenant_scoped=True,
    ),
]


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _details_change(world: Any) -> Any:
    """A pending change of the own firm's payment details (one pending at a time)."""
    _, firm = _redeemed(world, "partner")
    registration = payment_factory.registered(firm, today=TODAY)
    registration.details_changes.filter(status="pending").update(status="rejected")  # one at a time
    return payment_details_change_submit(
        offering_code="DDPS",
        details=payment_factory.details("DE"),
        actor=replace(
            factory.actor(payment_factory.global_admin(firm.organisation)), second_factor=True
        ),
        today=TODAY,
        at=factory.at(TODAY),
    )


def _answer_file_call(world: Any, tenant: str, role: str, side: str) -> Call:
    key = _firm_key(world, tenant, role)
    request = _request(world, key, state="held")
    firm = world.objects[f"firm:{key}"]
    payment_request_respond(
        public_id=request.public_id,
        answer="The attendee list.",
        actor=firm.admin_actor,
        today=TODAY,
        at=factory.at(TODAY),
        files=[Upload(name="attendees.pdf", content=PDF)],
    )
    item = request.answer_files.get()
    return Call(f"/{side}/payments/{request.public_id}/files/{item.pk}/")
