"""Every refusal of the voucher services has its code, and nothing changes on a refusal: voucher
statuses, reservations, reports and files, ledger balances and entries, audit and outbox counts."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError
from planserv.customers.models import LedgerAccount, LedgerEntry
from planserv.notifications.models import OutboxMessage
from planserv.program.models import ProgramSettings
from planserv.vouchers import errors
from planserv.vouchers.models import CompletionReport, Deliverable, Reservation, Voucher
from planserv.vouchers.services import (
    Upload,
    voucher_cancel,
    voucher_change_start_date,
    voucher_create_and_assign,
    voucher_redeem,
    voucher_release,
    voucher_report_delivery,
    voucher_reserve,
    voucher_validate,
    vouchers_redeem_batch,
)
from tests.factories import accounts as account_factory
from tests.factories import customers as customer_factory
from tests.factories import partners as partner_factory
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date
CREATED, RESERVED, DELIVERED, REDEEMED = (
    D(2021, 3, 1),
    D(2021, 3, 2),
    D(2021, 3, 10),
    D(2021, 3, 12),
)


def state() -> tuple[Any, ...]:
    files = (
        default_storage.listdir("vouchers/deliverables")[1]
        if default_storage.exists("vouchers/deliverables")
        else []
    )
    return (
        sorted(
            Voucher.objects.values_list("pk", "status", "holder_id", "expiry_date", "days_outcome")
        ),
        sorted(Reservation.objects.values_list("pk", "is_active", "start_date")),
        sorted(CompletionReport.objects.values_list("pk", "voided_at")),
        Deliverable.objects.count(),
        sorted(files),
        sorted(LedgerAccount.objects.values_list("pk", "balance")),
        LedgerEntry.objects.count(),
        AuditEvent.objects.count(),
        OutboxMessage.objects.count(),
    )


class World:
    def __init__(self) -> None:
        self.pool = factory.customer_pool(days=30)
        self.firm = factory.eligible_firm()

    def voucher(self, state: str = "assigned", **changes: Any) -> Voucher:
        voucher = factory.assigned(self.pool, today=CREATED, **changes)
        if state in ("reserved", "delivered", "redeemed"):
            factory.reserved(voucher, self.firm, today=RESERVED)
        if state in ("delivered", "redeemed"):
            factory.delivered(voucher, self.firm, today=DELIVERED)
        if state == "redeemed":
            factory.redeemed(voucher, self.firm, today=REDEEMED)
        if state == "cancelled":
            voucher_cancel(
                voucher=voucher,
                actor=self.pool.admin_actor,
                today=RESERVED,
                at=factory.at(RESERVED),
            )
        return factory.fresh(voucher)

    def create(self, *, today: dt.date = CREATED, **changes: Any) -> Callable[[], object]:
        values: dict[str, Any] = {
            "agreement": self.pool.agreement,
            "engagement_type": factory.engagement_type(),
            "days": 5,
            "assignee_email": self.pool.manager_email,
            "actor": self.pool.admin_actor,
            "today": today,
            "at": factory.at(today),
        }
        values.update(changes)
        return lambda: voucher_create_and_assign(**values)

    def reserve(
        self,
        voucher: Voucher,
        *,
        firm: factory.Firm | None = None,
        today: dt.date = RESERVED,
        **changes: Any,
    ) -> Callable[[], object]:
        firm = firm or self.firm
        values: dict[str, Any] = {
            "voucher_id": voucher.voucher_id,
            "email": voucher.assignee_email,
            "location_id": firm.location.location_id,
            "start_date": today,
            "accept_terms": True,
            "delivery_country": str(firm.location.country),
            "actor": firm.admin_actor,
            "today": today,
            "at": factory.at(today),
        }
        values.update(changes)
        return lambda: voucher_reserve(**values)

    def report(
        self, voucher: Voucher, *, actor: Any = None, **changes: Any
    ) -> Callable[[], object]:
        report = factory.report_input(voucher, self.firm, start=RESERVED, end=DELIVERED, **changes)
        return lambda: voucher_report_delivery(
            voucher=voucher,
            report=report,
            actor=actor or self.firm.admin_actor,
            today=DELIVERED,
            at=factory.at(DELIVERED),
        )

    def redeem(
        self,
        voucher: Voucher,
        *,
        today: dt.date = REDEEMED,
        firm: factory.Firm | None = None,
        location_id: str | None = None,
    ) -> Callable[[], object]:
        firm = firm or self.firm
        return lambda: voucher_redeem(
            voucher=voucher,
            location_id=location_id or firm.location.location_id,
            actor=firm.admin_actor,
            today=today,
            at=factory.at(today),
        )

    def other_firm(self, **kwargs: Any) -> factory.Firm:
        return factory.eligible_firm(**kwargs)

    def other_customer_admin(self) -> Any:
        return factory.actor(
            account_factory.member(account_factory.organisation("customer"), "benefits_admin")
        )

    def member(self, organisation: Any, role: str) -> Any:
        return factory.actor(account_factory.member(organisation, role))


Setup = Callable[[World], Callable[[], object]]


@dataclass(frozen=True)
class Refusal:
    code: str
    name: str
    setup: Setup


def _unactivated(w: World) -> Callable[[], object]:
    agreement = customer_factory.agreement(w.pool.customer)
    customer_factory.grant(agreement, 10)
    return w.create(agreement=agreement)


def _ended(w: World) -> Callable[[], object]:
    pool = factory.customer_pool(customer=w.pool.customer, end_date=D(2021, 1, 31))
    return w.create(agreement=pool.agreement)


def _cap(w: World) -> Callable[[], object]:
    factory.assigned(w.pool, today=CREATED, days=10, division="Retail")
    return w.create(days=10, division="retail")


def _cloud_reserve(w: World) -> Callable[[], object]:
    firm = factory.eligible_firm(
        enrolled_on=D(2019, 10, 1), offering="AZDPS", competency="cloud-platform", exam="AZ-303"
    )
    voucher = factory.assigned(w.pool, today=D(2020, 1, 15), type_code="azure-deployment")
    return w.reserve(voucher, firm=firm, today=D(2020, 2, 3))


def _not_eligible(w: World) -> Callable[[], object]:
    firm = factory.eligible_firm(
        offering="SDPS", competency="collaboration-and-content", exam="MS-300"
    )
    return w.reserve(w.voucher(), firm=firm)


def _unqualified(w: World) -> Callable[[], object]:
    voucher = w.voucher("reserved")
    novice = partner_factory.consultant(w.firm.organisation)
    return w.report(voucher, consultant_ids=[novice.pk])


def _foreign_consultant(w: World) -> Callable[[], object]:
    voucher = w.voucher("reserved")
    return w.report(voucher, consultant_ids=[w.other_firm().consultant.pk])


def _late_redemption(w: World) -> Callable[[], object]:
    ProgramSettings.objects.filter(singleton=1).update(voucher_validity_days=365)
    firm = factory.eligible_firm(enrolled_on=D(2021, 6, 1))
    voucher = factory.assigned(w.pool, today=D(2021, 6, 30))
    factory.reserved(voucher, firm, today=D(2021, 7, 1))
    factory.delivered(voucher, firm, today=D(2021, 7, 9))
    return w.redeem(factory.fresh(voucher), firm=firm, today=D(2022, 1, 2))


def _redeem_elsewhere(w: World) -> Callable[[], object]:
    voucher = w.voucher("delivered")
    elsewhere = partner_factory.location(w.firm.organisation, country="CA")
    return w.redeem(voucher, location_id=elsewhere.location_id)


def _batch(**changes: Any) -> Setup:
    def setup(w: World) -> Callable[[], object]:
        values: dict[str, Any] = {
            "voucher_ids": [w.voucher("delivered").voucher_id],
            "location_id": w.firm.location.location_id,
            "confirm": True,
            "actor": w.firm.admin_actor,
            "today": REDEEMED,
            "at": factory.at(REDEEMED),
        }
        values.update(changes)
        return lambda: vouchers_redeem_batch(**values)

    return setup


def _cancel(state: str, *, today: dt.date = dt.date(2021, 3, 15), foreign: bool = False) -> Setup:
    def setup(w: World) -> Callable[[], object]:
        voucher = w.voucher(state)
        actor = w.other_customer_admin() if foreign else w.pool.admin_actor
        return lambda: voucher_cancel(
            voucher=voucher, actor=actor, today=today, at=factory.at(today)
        )

    return setup


def _release(*, today: dt.date = dt.date(2021, 3, 15), other: bool = False) -> Setup:
    def setup(w: World) -> Callable[[], object]:
        voucher = w.voucher("reserved")
        actor = w.other_firm().admin_actor if other else w.firm.admin_actor
        return lambda: voucher_release(
            voucher=voucher, actor=actor, today=today, at=factory.at(today)
        )

    return setup


def _change_date(state: str, start: dt.date) -> Setup:
    def setup(w: World) -> Callable[[], object]:
        voucher = w.voucher(state)
        return lambda: voucher_change_start_date(
            voucher=voucher,
            start_date=start,
            actor=w.firm.admin_actor,
            today=D(2021, 3, 11),
            at=factory.at(D(2021, 3, 11)),
        )

    return setup


def _pdf(size: int) -> bytes:
    return factory.pdf_bytes() + b"%" * (size - len(factory.pdf_bytes()))


REFUSALS = [
    # create and assign (R-VOU-1..3, R-ACT-1, R-CAP-1, R-VOU-2)
    Refusal(
        "forbidden",
        "create as project manager",
        lambda w: w.create(actor=factory.actor(w.pool.manager)),
    ),
    Refusal(
        "agreement_not_found",
        "create on a foreign agreement",
        lambda w: w.create(actor=w.other_customer_admin()),
    ),
    Refusal("agreement_not_activated", "create before activation", _unactivated),
    Refusal("agreement_not_active", "create after the agreement ended", _ended),
    Refusal(
        "after_last_create_day", "create on 1 July 2021", lambda w: w.create(today=D(2021, 7, 1))
    ),
    Refusal(
        "cloud_engagement_retired",
        "create a cloud voucher",
        lambda w: w.create(engagement_type=factory.engagement_type("azure-deployment")),
    ),
    Refusal("invalid_service_level", "create 2 days", lambda w: w.create(days=2)),
    Refusal(
        "invalid_assignee",
        "assign to a benefits admin",
        lambda w: w.create(assignee_email=w.pool.admin.user.email),
    ),
    Refusal(
        "invalid_nominated_partner",
        "nominate an unknown firm",
        lambda w: w.create(nominated_partner="P-NOPE"),
    ),
    Refusal("engagement_type_cap_exceeded", "20 days in one group", _cap),
    Refusal(
        "insufficient_days",
        "more days than the pool",
        lambda w: w.create(
            agreement=factory.customer_pool(customer=w.pool.customer, days=3).agreement
        ),
    ),
    # cancel (R-VOU-7)
    Refusal("voucher_reserved", "cancel a reserved voucher", _cancel("reserved")),
    Refusal("already_redeemed", "cancel a redeemed voucher", _cancel("redeemed")),
    Refusal("voucher_cancelled", "cancel twice", _cancel("cancelled")),
    Refusal("voucher_expired", "cancel after expiry", _cancel("assigned", today=D(2021, 8, 29))),
    Refusal("voucher_not_found", "cancel a foreign voucher", _cancel("assigned", foreign=True)),
    # validate and reserve (R-RES-1..3, R-ENR-2, R-LOC-1)
    Refusal(
        "invalid_voucher_id",
        "reserve a mistyped id",
        lambda w: w.reserve(w.voucher(), voucher_id="7KXR-4MWA"),
    ),
    Refusal(
        "voucher_not_found",
        "reserve with a wrong email",
        lambda w: w.reserve(w.voucher(), email="nobody@example.test"),
    ),
    Refusal(
        "voucher_not_found",
        "validate with a wrong email",
        lambda w: (
            lambda v: (
                lambda: voucher_validate(
                    voucher_id=v.voucher_id,
                    email="x@example.test",
                    actor=w.firm.admin_actor,
                    today=RESERVED,
                )
            )
        )(w.voucher()),
    ),
    Refusal(
        "voucher_expired",
        "reserve after expiry",
        lambda w: w.reserve(w.voucher(), today=D(2021, 8, 29)),
    ),
    Refusal(
        "already_reserved",
        "reserve a reserved voucher",
        lambda w: w.reserve(w.voucher("reserved"), firm=w.other_firm()),
    ),
    Refusal(
        "already_redeemed",
        "reserve a redeemed voucher",
        lambda w: w.reserve(w.voucher("redeemed"), firm=w.other_firm(), today=D(2021, 3, 15)),
    ),
    Refusal(
        "voucher_cancelled",
        "reserve a cancelled voucher",
        lambda w: w.reserve(w.voucher("cancelled"), today=D(2021, 3, 15)),
    ),
    Refusal(
        "nominated_partner_only",
        "reserve another firm's nomination",
        lambda w: w.reserve(w.voucher(nominated_partner=w.other_firm().organisation.public_id)),
    ),
    Refusal("not_eligible", "reserve without enrollment in DDPS", _not_eligible),
    Refusal(
        "wrong_location_country",
        "location outside the delivery country",
        lambda w: w.reserve(w.voucher(), delivery_country="DE"),
    ),
    Refusal(
        "no_day_rate_for_country",
        "reserve for Austria, which has no day rate (R-RES-5)",
        lambda w: w.reserve(w.voucher(), firm=factory.eligible_firm(country="AT")),
    ),
    Refusal(
        "invalid_start_date",
        "start before today",
        lambda w: w.reserve(w.voucher(), start_date=D(2021, 3, 1)),
    ),
    Refusal(
        "invalid_start_date",
        "start after expiry",
        lambda w: w.reserve(w.voucher(), start_date=D(2021, 8, 29)),
    ),
    Refusal(
        "terms_not_accepted",
        "terms not accepted",
        lambda w: w.reserve(w.voucher(), accept_terms=False),
    ),
    Refusal(
        "cloud_engagement_retired", "reserve a cloud voucher after the retirement", _cloud_reserve
    ),
    Refusal(
        "location_not_found",
        "another firm's location",
        lambda w: w.reserve(w.voucher(), location_id=w.other_firm().location.location_id),
    ),
    Refusal(
        "invalid_input", "not a country", lambda w: w.reserve(w.voucher(), delivery_country="XX")
    ),
    Refusal(
        "forbidden",
        "reserve as a member",
        lambda w: w.reserve(w.voucher(), actor=w.member(w.firm.organisation, "member")),
    ),
    # change date, release (R-RES-4)
    Refusal(
        "voucher_not_reserved",
        "change the date after the report",
        _change_date("delivered", D(2021, 4, 1)),
    ),
    Refusal(
        "invalid_start_date",
        "change the date past expiry",
        _change_date("reserved", D(2021, 8, 29)),
    ),
    Refusal("voucher_not_found", "release another firm's reservation", _release(other=True)),
    Refusal("voucher_expired", "release after expiry", _release(today=D(2021, 8, 29))),
    # report (R-DEL-1, R-DEL-2)
    Refusal("report_already_filed", "file twice", lambda w: w.report(w.voucher("delivered"))),
    Refusal(
        "invalid_report",
        "end before start",
        lambda w: w.report(w.voucher("reserved"), start_date=D(2021, 3, 9), end_date=D(2021, 3, 8)),
    ),
    Refusal(
        "wrong_location_country",
        "report another country",
        lambda w: w.report(w.voucher("reserved"), delivery_country="CA"),
    ),
    Refusal(
        "days_exceed_service_level",
        "6 days on a 5-day voucher",
        lambda w: w.report(w.voucher("reserved"), onsite_days=6),
    ),
    Refusal(
        "offsite_days_exceeded",
        "4 off-site days in 2021",
        lambda w: w.report(w.voucher("reserved", days=10), onsite_days=6, offsite_days=4),
    ),
    Refusal("consultant_not_of_firm", "another firm's consultant", _foreign_consultant),
    Refusal("consultant_not_qualified", "no qualifying exam", _unqualified),
    Refusal(
        "attestation_missing",
        "no attestation",
        lambda w: w.report(w.voucher("reserved"), no_extra_fee=False),
    ),
    Refusal(
        "deliverable_missing", "no file", lambda w: w.report(w.voucher("reserved"), uploads=[])
    ),
    Refusal(
        "file_too_large",
        "a file over 10 MB",
        lambda w: w.report(
            w.voucher("reserved"), uploads=[Upload("big.pdf", _pdf(10 * 1024 * 1024 + 1))]
        ),
    ),
    Refusal(
        "unsupported_file_type",
        "an executable",
        lambda w: w.report(
            w.voucher("reserved"), uploads=[Upload("plan.pdf", b"MZ\x90\x00" + b"\x00" * 200)]
        ),
    ),
    Refusal(
        "too_many_files",
        "eleven files",
        lambda w: w.report(
            w.voucher("reserved"),
            uploads=[Upload(f"p{i}.pdf", factory.pdf_bytes()) for i in range(11)],
        ),
    ),
    # redeem (R-RED-1..3)
    Refusal("report_missing", "redeem without a report", lambda w: w.redeem(w.voucher("reserved"))),
    Refusal("after_last_redemption_day", "redeem on 2 January 2022", _late_redemption),
    Refusal("wrong_location_country", "redeem through another country", _redeem_elsewhere),
    Refusal(
        "already_redeemed",
        "redeem twice",
        lambda w: w.redeem(w.voucher("redeemed"), today=D(2021, 3, 13)),
    ),
    Refusal(
        "voucher_expired",
        "redeem after expiry",
        lambda w: w.redeem(w.voucher("delivered"), today=D(2021, 8, 29)),
    ),
    Refusal(
        "voucher_not_found",
        "redeem another firm's voucher",
        lambda w: w.redeem(w.voucher("delivered"), firm=w.other_firm()),
    ),
    Refusal("confirmation_required", "batch without confirmation", _batch(confirm=False)),
    Refusal("too_many_vouchers", "a batch of 201", _batch(voucher_ids=["7KXR-4MWA-9"] * 201)),
]


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda r: f"{r.code}: {r.name}")
def test_the_refusal_has_its_code_and_changes_nothing(refusal):
    act = refusal.setup(World())
    before = state()
    with pytest.raises(DomainError) as refused:
        with transaction.atomic():
            act()
    assert refused.value.code == refusal.code, refused.value.message
    assert refused.value.message
    assert state() == before


NOT_RAISED_BY_A_SERVICE = {
    "invalid_transition": "the lifecycle's backstop; every reachable case has its own code first",
    "deliverable_not_found": "a selector (access_deliverable), tested in test_portal.py",
    "voucher_not_reserved_by_you": "a per-voucher result of the batch, tested in test_api.py",
}


# The operator's bulk operations (docs/operator.md) refuse per voucher or per selection; each code
# is asserted, with "changes nothing", in tests/vouchers/test_bulk.py.
EXERCISED_BY_THE_BULK_TESTS = {
    "invalid_selection": "test_bulk.py: ids and filters together, no filter, over the cap",
    "reason_required": "test_bulk.py: a bulk extension whose reason is too short",
    "extension_past_last_redemption_day": "test_bulk.py: a voucher already at the last day",
    "assignee_unchanged": "test_bulk.py: reassigning to the same project manager",
}


def test_every_code_of_vouchers_errors_is_exercised():
    codes = {
        cls.code
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, DomainError) and cls.__module__ in (errors.__name__,)
    }
    exercised = {refusal.code for refusal in REFUSALS}
    assert (
        codes - exercised - set(NOT_RAISED_BY_A_SERVICE) - set(EXERCISED_BY_THE_BULK_TESTS) == set()
    )
