"""The operator console pages and API twins (docs/operator.md): bulk operations with a dry run,
the Operations index, Imports, Sandbox controls, and the auditor who reads everything and
changes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from planserv.accounts.models import SupportActingSession
from planserv.audit.models import AuditEvent
from planserv.jobs.models import JobRun
from planserv.notifications.models import OutboxMessage
from planserv.program.models import PolicyExtension
from planserv.vouchers.models import Voucher, VoucherExpiryExtension
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import accounts as account_factory
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 6, 15)
REASON = "Program board decision 2021-06: extend the spring vouchers."


@pytest.fixture(autouse=True)
def _today(pin_clock):
    pin_clock(TODAY)


def login(persona) -> Client:
    client = Client()
    client.force_login(persona.user)
    return client


def snapshot() -> dict[str, object]:
    return {
        "vouchers": sorted(
            Voucher.objects.values_list("voucher_id", "status", "expiry_date", "assignee_email")
        ),
        "extensions": VoucherExpiryExtension.objects.count(),
        "policies": PolicyExtension.objects.count(),
        "audit": AuditEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "acting": SupportActingSession.objects.count(),
        "job_runs": JobRun.objects.count(),
    }


def plan_rows(html: str) -> list[str]:
    table = html.split('data-testid="bulk-plan"', 1)[1].split("</table>", 1)[0]
    return [re.sub(r"\s+", " ", row) for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)][
        1:
    ]


class TestBulkExtensionPage:
    def test_dry_run_shows_the_plan_and_changes_nothing_then_apply_changes_the_same(self, persona):
        pool = factory.customer_pool()
        vouchers = [factory.assigned(pool, today=dt.date(2021, 3, 1)) for _ in range(2)]
        client = login(persona("program_admin"))
        assert client.get("/operator/bulk/extend/").status_code == 200
        form = {
            "customer": pool.customer.public_id,
            "statuses": ["assigned"],
            "extra_days": "30",
            "reason": REASON,
        }
        before = snapshot()
        dry = client.post("/operator/bulk/extend/", {**form, "action": "dry_run"})
        assert dry.status_code == 200
        assert snapshot() == before
        html = dry.content.decode()
        assert "Dry run: nothing was changed" in html
        assert "2 voucher(s) would change, 0 refused." in html
        assert 'data-testid="bulk-apply"' in html
        applied = client.post("/operator/bulk/extend/", {**form, "action": "apply"})
        text = applied.content.decode()
        assert "2 voucher(s) changed, 0 refused." in text
        assert [row.replace("would change", "changed") for row in plan_rows(html)] == plan_rows(
            text
        )
        for voucher in vouchers:
            assert factory.fresh(voucher).expiry_date == voucher.expiry_date + dt.timedelta(30)
        assert_ledger_consistent()

    def test_a_refusal_of_the_whole_selection_is_shown_as_a_sentence(self, persona):
        client = login(persona("program_admin"))
        response = client.post(
            "/operator/bulk/extend/", {"extra_days": "30", "reason": REASON, "action": "apply"}
        )
        assert response.status_code == 200
        assert "Choose at least one filter" in response.content.decode()


class TestBulkReassignPage:
    def test_reassign_dry_run_then_apply(self, persona):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=dt.date(2021, 3, 1))
        new = account_factory.member(pool.customer, "project_manager")
        client = login(persona("program_admin"))
        form = {
            "voucher_ids": voucher.display_id,
            "assignee_email": new.user.email,
            "reason": "The project manager left the company.",
        }
        before = snapshot()
        dry = client.post("/operator/bulk/reassign/", {**form, "action": "dry_run"})
        assert "1 voucher(s) would change" in dry.content.decode()
        assert snapshot() == before
        client.post("/operator/bulk/reassign/", {**form, "action": "apply"})
        assert factory.fresh(voucher).assignee_email == new.user.email


class TestBulkApi:
    def test_dry_run_then_real_run_over_the_api(self, api_as):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=dt.date(2021, 3, 1))
        api = api_as("program_admin")
        body = {"voucher_ids": [voucher.display_id], "extra_days": 10, "reason": REASON}
        before = snapshot()
        dry = api.post("/operator/vouchers/expiry-extensions", body)  # dry_run by default
        assert dry.status_code == 200, dry.content
        assert snapshot() == before
        assert dry.json()["dry_run"] is True and dry.json()["changed"] == 1
        real = api.post("/operator/vouchers/expiry-extensions", {**body, "dry_run": False})
        assert real.json()["items"] == dry.json()["items"]
        assert real.json()["policy_id"] is not None
        assert factory.fresh(voucher).expiry_date == voucher.expiry_date + dt.timedelta(10)

    def test_refusals_of_the_request_are_errors_and_per_voucher_ones_are_items(self, api_as):
        api = api_as("program_admin")
        short = api.post(
            "/operator/vouchers/reassignments",
            {"customer": "C-1", "assignee_email": "a@b.test", "reason": "short"},
        )
        assert short.status_code == 400 and short.json()["error"]["code"] == "reason_required"
        unknown = api.post(
            "/operator/vouchers/reassignments",
            {"voucher_ids": ["ABCD"], "assignee_email": "a@b.test", "reason": REASON},
        )
        assert unknown.status_code == 200
        assert unknown.json()["items"][0]["outcome"] == "refused"


class TestAuditorReadsEverythingAndChangesNothing:
    READ = [
        "/",
        "/operator/operations/",
        "/operator/imports/",
        "/operator/audit/",
        "/operator/audit/export.csv",
        "/operator/clock/",
        "/operator/jobs/",
        "/operator/mail/",
        "/operator/agreements/",
        "/operator/partners/",
        "/operator/payments/",
    ]
    WRITE = [
        "/operator/bulk/extend/",
        "/operator/bulk/reassign/",
        "/operator/act-for/",
        "/operator/clock/move/",
        "/operator/jobs/run/",
        "/operator/agreements/new/",
        "/operator/partners/import/",
    ]

    def test_the_auditor_reads_every_operator_page(self, persona):
        client = login(persona("auditor"))
        for path in self.READ:
            assert client.get(path).status_code == 200, path

    def test_every_post_of_the_auditor_is_refused_without_a_side_effect(
        self, persona, api_as, partner_org
    ):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=dt.date(2021, 3, 1))
        client = login(persona("auditor"))
        api = api_as("auditor")
        body = {
            "voucher_ids": [voucher.display_id],
            "extra_days": 30,
            "reason": REASON,
            "assignee_email": pool.manager_email,
            "customer": "",
            "organisation": partner_org.public_id,
            "action": "apply",
            "dry_run": False,
        }
        before = snapshot()
        for path in self.WRITE:
            assert client.post(path, body).status_code == 403, path
        for path in ("/operator/vouchers/expiry-extensions", "/operator/vouchers/reassignments"):
            assert api.post(path, body).status_code == 403, path
        assert snapshot() == before


class TestOperationsPages:
    @pytest.mark.parametrize("role", ["program_admin", "support", "auditor", "payment_reviewer"])
    def test_the_navigation_is_regrouped_under_operations(self, persona, role):
        html = login(persona(role)).get("/operator/operations/").content.decode()
        main_nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
        assert ">Operations</a>" in main_nav and ">Audit</a>" in main_nav
        for gone in ("Job runs", "Sandbox clock", "Partner import"):
            assert f">{gone}</a>" not in main_nav
        for label in ("Sandbox controls", "Job runs", "Mail", "Imports", "Audit"):
            assert f">{label}</a>" in html
        assert ("Act for an organisation" in html) == (role == "support")
        assert ("Extend voucher expiry" in html) == (role == "program_admin")

    def test_sandbox_controls_show_the_clock_and_the_recent_job_runs(self, persona):
        client = login(persona("program_admin"))
        client.post("/operator/jobs/run/")
        html = client.get("/operator/clock/").content.decode()
        assert "<h1>Sandbox controls</h1>" in html
        assert 'data-testid="recent-runs"' in html
        assert 'data-testid="advance-clock"' in html

    def test_imports_gathers_the_existing_imports(self, persona):
        html = login(persona("program_admin")).get("/operator/imports/").content.decode()
        assert 'href="/operator/agreements/import/"' in html
        assert 'href="/operator/partners/import/"' in html
