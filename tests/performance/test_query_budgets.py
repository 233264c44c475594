"""PERF-4: every list endpoint of the API and every list page of the portal makes the same number
of queries for 1 row as for 100.

One parametrised test per list: build one visible row, count the queries of a warm request, add
99 rows, count again. The API lists are checked against the OpenAPI document (every GET with a
`cursor` parameter, plus the unpaginated catalogue lists), so a new list endpoint without a case
here fails `test_every_paginated_api_list_has_a_budget_case`. The other half of PERF-4, voucher
lookup by public id through an index, is asserted with EXPLAIN in tests/vouchers/test_lookup_index.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.accounts.models import Membership
from planserv.api.main import api
from planserv.jobs.models import JobRun
from planserv.notifications.services import outbox_enqueue
from planserv.partners.models import Enrollment
from planserv.payments.models import PaymentRun
from planserv.program.models import AgreementVersion, Competency, EngagementType, Offering
from planserv.support.models import FaqEntry
from planserv.support.seed import EMEA_QUEUE, GENERAL_QUEUE
from tests.conftest import ApiClient
from tests.customers.ledger_checks import ledger_consistent  # noqa: F401  (a fixture)
from tests.factories import customers as customer_factory
from tests.factories import partners as partner_factory
from tests.factories import payments as payment_factory
from tests.factories import support as support_factory
from tests.factories import vouchers as voucher_factory

D = dt.date
AT = dt.datetime(2021, 3, 20, 10, 0, tzinfo=dt.UTC)
TODAY = D(2021, 3, 20)
_numbers = itertools.count(1)

# PERF-4 query budgets render every list at several sizes: the slow lane (make test, not test-fast).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@dataclass
class World:
    persona: Any
    customer_org: Any
    partner_org: Any
    operator_org: Any
    state: dict[str, Any]


# A setup returns the membership that calls and `add(n)`, which makes n more rows it sees.
Setup = Callable[[World], tuple[Membership, Callable[[int], None]]]


@dataclass(frozen=True)
class Case:
    kind: str  # "api" (path under /api/v1) or "portal"
    path: str
    setup: Setup
    params: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.path}"


# --- the rows -----------------------------------------------------------------------------------


def agreements(role: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        caller = w.persona(role).membership

        def add(n: int) -> None:
            for _ in range(n):
                customer_factory.agreement(w.customer_org)

        return caller, add

    return setup


def ledger_entries(role: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        caller = w.persona(role).membership
        agreement = w.state["agreement"] = customer_factory.agreement(
            w.customer_org, licensing_id="EA-BUDGET-1"
        )
        customer_factory.activated(agreement)

        def add(n: int) -> None:
            for _ in range(n):
                customer_factory.grant(agreement, 1)

        return caller, add

    return setup


def enrollments(w: World) -> tuple[Membership, Callable[[int], None]]:
    caller = w.persona("global_admin").membership
    offering = Offering.objects.get(code="DDPS")
    version = AgreementVersion.objects.order_by("pk").first()
    start = D(2015, 1, 1)

    def add(n: int) -> None:
        count = Enrollment.objects.filter(organisation=w.partner_org).count()
        Enrollment.objects.bulk_create(
            Enrollment(
                organisation=w.partner_org,
                offering=offering,
                agreement_version=version,
                accepted_by=caller.user,
                accepted_at=AT,
                enrolled_on=start + dt.timedelta(days=count + i),
                last_day=start + dt.timedelta(days=count + i),
            )
            for i in range(n)
        )

    return caller, add


def locations(role: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        def add(n: int) -> None:
            for _ in range(n):
                partner_factory.location(w.partner_org)

        return w.persona(role).membership, add

    return setup


def consultants(role: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        def add(n: int) -> None:
            for _ in range(n):
                partner_factory.consultant(w.partner_org, exams=(("MD-100", D(2019, 3, 4)),))

        return w.persona(role).membership, add

    return setup


def listed_firms(role: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        def add(n: int) -> None:
            for _ in range(n):
                partner_factory.listed_firm(
                    name=f"Listed {next(_numbers)}", tags=("Intune",), on=D(2021, 1, 4)
                )

        return w.persona(role).membership, add

    return setup


def firms_for_operator(w: World) -> tuple[Membership, Callable[[int], None]]:
    def add(n: int) -> None:
        for _ in range(n):
            firm = partner_factory.firm(name=f"Firm {next(_numbers)}")
            partner_factory.competency(firm, "windows-and-devices")
            partner_factory.location(firm)

    return w.persona("auditor").membership, add


def vouchers(side: str) -> Setup:
    """Vouchers reserved and reported by one firm for one customer: every relation a voucher row
    shows (reservation, partner, location, report, deliverables) is there."""

    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        pool = voucher_factory.customer_pool(days=1000, customer=w.customer_org)
        firm = voucher_factory.eligible_firm(organisation=w.partner_org)
        caller = pool.admin if side == "customer" else firm.admin

        def add(n: int) -> None:
            for _ in range(n):
                voucher = voucher_factory.assigned(pool, today=D(2021, 3, 1))
                voucher_factory.reserved(voucher, firm, today=D(2021, 3, 2))
                voucher_factory.delivered(voucher, firm, today=D(2021, 3, 10))

        return caller, add

    return setup


def payment_requests(side: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        firm = voucher_factory.eligible_firm(organisation=w.partner_org)
        pool = voucher_factory.customer_pool(days=1000, customer=w.customer_org)
        caller = (
            payment_factory.global_admin(w.partner_org)
            if side == "partner"
            else w.persona("payment_reviewer").membership
        )

        def add(n: int) -> None:
            for _ in range(n):
                case = payment_factory.redeemed_case(firm=firm, pool=pool)
                payment_factory.filed(case)

        return caller, add

    return setup


def payment_runs(w: World) -> tuple[Membership, Callable[[int], None]]:
    def add(n: int) -> None:
        start = PaymentRun.objects.count()
        PaymentRun.objects.bulk_create(
            PaymentRun(
                public_id=f"RUN-B{start + i:05d}",
                month=D(2000 + (start + i) // 12, (start + i) % 12 + 1, 1),
                currency="USD",
                built_on=TODAY,
                built_at=AT,
                built_by_label="budget",
            )
            for i in range(n)
        )

    return w.persona("payment_reviewer").membership, add


def support_requests(opener_role: str, caller_role: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        opener = w.persona(opener_role).membership
        caller = opener if caller_role == opener_role else w.persona(caller_role).membership
        if caller_role == "support":  # an agent of every queue
            caller = support_factory.agent(w.operator_org, EMEA_QUEUE, GENERAL_QUEUE)

        def add(n: int) -> None:
            for number in range(n):
                support_factory.open_request(opener, subject=f"Question {number}")

        return caller, add

    return setup


def faq_entries(role: str) -> Setup:
    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        def add(n: int) -> None:
            start = FaqEntry.objects.count()
            FaqEntry.objects.bulk_create(
                FaqEntry(question=f"Question {start + i}?", answer_markdown="An **answer**.")
                for i in range(n)
            )

        return w.persona(role).membership, add

    return setup


def job_runs(w: World) -> tuple[Membership, Callable[[int], None]]:
    def add(n: int) -> None:
        start = JobRun.objects.count()
        JobRun.objects.bulk_create(
            JobRun(
                job="expiry_sweep",
                program_day=D(2021, 1, 1) + dt.timedelta(days=start + i),
                status="succeeded",
                started_at=AT,
                counts={"expired": 1},
            )
            for i in range(n)
        )

    return w.persona("auditor").membership, add


def audit_events(w: World) -> tuple[Membership, Callable[[int], None]]:
    """Audit events of the audit browser (docs/operator.md), read by the auditor."""
    from tests.audit.test_audit_browser import record

    def add(n: int) -> None:
        for _ in range(n):
            record(subject=("program.thing", str(next(_numbers))))

    return w.persona("auditor").membership, add


def outbox_messages(w: World) -> tuple[Membership, Callable[[int], None]]:
    def add(n: int) -> None:
        for _ in range(n):
            number = next(_numbers)
            with transaction.atomic():
                outbox_enqueue(
                    template="support_reply",
                    to_email=f"budget{number}@example.test",
                    context={"request_id": f"SR-{number}", "request_subject": "s"},
                    dedup_key=f"budget:{number}",
                    at=AT,
                )

    return w.persona("auditor").membership, add


def offerings(w: World) -> tuple[Membership, Callable[[int], None]]:
    def add(n: int) -> None:
        for _ in range(n):
            number = next(_numbers)
            offering = Offering.objects.create(code=f"OFF{number}", name=f"Offering {number}")
            offering.enrollment_competencies.add(Competency.objects.order_by("pk").first())

    return w.persona("member").membership, add


def engagement_types(w: World) -> tuple[Membership, Callable[[int], None]]:
    template = EngagementType.objects.order_by("pk").first()
    assert template is not None

    def add(n: int) -> None:
        for _ in range(n):
            number = next(_numbers)
            EngagementType.objects.create(
                code=f"type-{number}",
                name=f"Type {number}",
                offering=template.offering,
                service_levels=template.service_levels,
            )

    return w.persona("member").membership, add


def members(w: World) -> tuple[Membership, Callable[[int], None]]:
    """The people of a firm (docs/people.md), read by its global admin."""
    from tests.factories import accounts as account_factory

    def add(n: int) -> None:
        for _ in range(n):
            account_factory.member(w.partner_org, "member")

    return w.persona("global_admin").membership, add


def invitations(w: World) -> tuple[Membership, Callable[[int], None]]:
    """Invitations waiting at a firm (docs/people.md)."""
    from planserv.accounts.invitations import invitation_create
    from planserv.accounts.selectors import actor_for_membership
    from planserv.core import clock

    admin = w.persona("global_admin").membership

    def add(n: int) -> None:
        for _ in range(n):
            invitation_create(
                actor=actor_for_membership(admin),
                organisation=w.partner_org,
                email=f"invited{next(_numbers)}@example.test",
                roles=["member"],
                at=clock.real_now(),  # links expire in real time
                today=TODAY,
            )

    return admin, add


def exam_claims(caller_role: str) -> Setup:
    """Exam claims of a firm's consultants, each of its own consultant (R-EVD-1): the firm's list
    (global admin) or the operator's queue (program admin)."""

    def setup(w: World) -> tuple[Membership, Callable[[int], None]]:
        from planserv.accounts.selectors import actor_for_membership
        from planserv.partners.services.evidence import Evidence, exam_claim
        from planserv.partners.services.firms import consultant_create
        from planserv.program.models import Exam

        admin = actor_for_membership(w.persona("global_admin").membership)
        exam = Exam.objects.get(code="MD-100")

        def add(n: int) -> None:
            for _ in range(n):
                number = next(_numbers)
                consultant = consultant_create(
                    organisation=w.partner_org,
                    name=f"Consultant {number}",
                    email=f"consultant{number}@firm.example",
                    actor=admin,
                    today=TODAY,
                    at=AT,
                )
                exam_claim(
                    consultant=consultant,
                    exam=exam,
                    passed_on=D(2021, 3, 1),
                    evidence=Evidence(reference=f"TRANSCRIPT-{number}"),
                    actor=admin,
                    today=TODAY,
                    at=AT,
                )

        caller = w.persona(caller_role).membership
        return caller, add

    return setup


def webhook_deliveries(w: World) -> tuple[Membership, Callable[[int], None]]:
    """The delivery log of one subscription of the customer, created with a fixed id so the case's
    path names it (docs/webhooks.md)."""
    from planserv.webhooks.models import WebhookDelivery, WebhookSubscription
    from planserv.webhooks.services import new_event_id, new_secret

    admin = w.persona("benefits_admin").membership
    subscription = WebhookSubscription.objects.create(
        pk=9001,
        organisation=admin.organisation,
        url="https://erp.example.com/hook",
        events=["voucher.assigned"],
        secret=new_secret(),
        created_at=AT,
        created_by_label="budget",
    )

    def add(n: int) -> None:
        WebhookDelivery.objects.bulk_create(
            WebhookDelivery(
                subscription=subscription,
                event_id=new_event_id(),
                event_type="voucher.assigned",
                subject_ref=f"voucher:B{next(_numbers)}",
                payload={"type": "voucher.assigned", "data": {}},
                created_at=AT,
            )
            for _ in range(n)
        )

    return admin, add


# --- every list --------------------------------------------------------------------------------

PAGE = (("limit", "100"),)

CASES = [
    # API (paths under /api/v1)
    Case("api", "/agreements", agreements("benefits_admin"), PAGE),
    Case("api", "/agreements/EA-BUDGET-1/ledger", ledger_entries("benefits_admin"), PAGE),
    Case("api", "/partner/enrollments", enrollments, PAGE),
    Case("api", "/partner/locations", locations("partner_admin"), PAGE),
    Case("api", "/partner/consultants", consultants("partner_admin"), PAGE),
    Case("api", "/directory", listed_firms("benefits_admin"), (*PAGE, ("country", "DE"))),
    Case("api", "/vouchers", vouchers("customer"), PAGE),
    Case("api", "/vouchers#partner", vouchers("partner"), PAGE),
    Case("api", "/payment-requests", payment_requests("partner"), PAGE),
    Case("api", "/payment-requests#operator", payment_requests("operator"), PAGE),
    Case("api", "/support/requests", support_requests("benefits_admin", "benefits_admin"), PAGE),
    Case("api", "/support/requests#operator", support_requests("partner_admin", "support"), PAGE),
    Case("api", "/faq", faq_entries("benefits_admin"), PAGE),
    Case("api", "/operator/job-runs", job_runs, PAGE),
    Case("api", "/operator/outbox", outbox_messages, PAGE),
    Case("api", "/operator/audit-events", audit_events, PAGE),
    Case("api", "/webhooks/9001/deliveries", webhook_deliveries, PAGE),
    Case("api", "/members", members, PAGE),
    Case("api", "/invitations", invitations, PAGE),
    Case("api", "/partner/competency-claims", exam_claims("global_admin"), PAGE),
    Case("api", "/operator/claims", exam_claims("program_admin"), PAGE),
    Case("api", "/offerings", offerings),
    Case("api", "/engagement-types", engagement_types),
    # Portal list pages
    Case("portal", "/customer/agreements/", agreements("benefits_admin")),
    Case("portal", "/customer/agreements/EA-BUDGET-1/", ledger_entries("benefits_admin")),
    Case("portal", "/customer/vouchers/", vouchers("customer")),
    Case("portal", "/customer/support/", support_requests("benefits_admin", "benefits_admin")),
    Case("portal", "/customer/directory/", listed_firms("benefits_admin"), (("country", "DE"),)),
    Case("portal", "/partner/enrollments/", enrollments),
    Case("portal", "/partner/locations/", locations("partner_admin")),
    Case("portal", "/partner/consultants/", consultants("partner_admin")),
    Case("portal", "/partner/vouchers/", vouchers("partner")),
    Case("portal", "/partner/support/", support_requests("partner_admin", "partner_admin")),
    Case("portal", "/partner/payments/", payment_requests("partner")),
    Case("portal", "/faq/", faq_entries("partner_admin")),
    Case("portal", "/operator/jobs/", job_runs),
    Case("portal", "/operator/mail/", outbox_messages),
    Case("portal", "/operator/audit/", audit_events),
    Case("portal", "/operator/partners/", firms_for_operator),
    Case("portal", "/operator/support/", support_requests("partner_admin", "support")),
    Case("portal", "/operator/agreements/", agreements("auditor")),
    Case("portal", "/operator/agreements/EA-BUDGET-1/", ledger_entries("auditor")),
    Case("portal", "/operator/payments/", payment_requests("operator")),
    Case("portal", "/operator/payments/runs/", payment_runs),
    Case("portal", "/webhooks/9001/", webhook_deliveries),
]


def _request(case: Case, caller: Membership) -> Callable[[], tuple[int, int]]:
    """A function making the request once: (number of queries, size of the list or page)."""
    path = case.path.split("#")[0]
    params = dict(case.params)
    if case.kind == "api":
        client = ApiClient(caller)

        def call_api() -> tuple[int, int]:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, **params)
            assert response.status_code == 200, response.content[:300]
            body = response.json()
            size = len(body["items"]) if isinstance(body, dict) else len(body)
            return len(captured), size

        return call_api
    portal = Client()
    portal.force_login(caller.user)

    def call_portal() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = portal.get(path, params)
        assert response.status_code == 200, response.content[:300]
        return len(captured), len(response.content)

    return call_portal


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_the_list_makes_the_same_queries_for_1_and_100_rows(
    case: Case,
    persona: Any,
    customer_org: Any,
    partner_org: Any,
    operator_org: Any,
    pin_clock: Any,
    ledger_consistent: None,  # noqa: F811
) -> None:
    pin_clock(TODAY)
    world = World(persona, customer_org, partner_org, operator_org, {})
    caller, add = case.setup(world)
    add(1)
    call = _request(case, caller)
    # Each count follows a warm request: a session's first request and the token's last-use
    # stamp (written at most once a minute, and building 99 rows may take longer) write once.
    call()
    one, size_one = call()
    add(99)
    call()
    hundred, size_hundred = call()
    assert size_hundred > size_one, "the 99 new rows do not show: the case measures nothing"
    assert hundred == one, f"{case.id}: {one} queries for 1 row, {hundred} for 100 (N+1)"


def test_every_paginated_api_list_has_a_budget_case() -> None:
    """Every GET of the OpenAPI document that takes a cursor (a list) is covered above. The
    reports that page their long table (funnel, retirement impact) take one too; their query
    counts for few and many rows are asserted in tests/reports/test_api.py."""
    schema = api.get_openapi_schema()
    lists = {
        path.removeprefix("/api/v1")
        .replace("{licensing_id}", "EA-BUDGET-1")
        .replace("{webhook_id}", "9001")
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
        and any(p["name"] == "cursor" for p in operation.get("parameters", []))
        and not path.startswith("/api/v1/reports/")
    }
    covered = {case.path.split("#")[0] for case in CASES if case.kind == "api"}
    assert lists - covered == set()
