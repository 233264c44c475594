"""The vouchers API (api.md): the whole journey, addressing, errors, tenant rules, query budgets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.customers.selectors import agreement_balances
from planserv.notifications.models import OutboxMessage
from planserv.vouchers.models import Voucher
from planserv.vouchers.voucher_id import display, generate
from tests.conftest import ApiClient, Multipart
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date


def _balances(pool: factory.Pool) -> tuple[int, int, int]:
    pool.agreement.refresh_from_db()
    balances = agreement_balances(pool.agreement)
    return balances["available"], balances["held"], balances["consumed"]


def _report_body(firm: factory.Firm, *, start: str, end: str) -> Multipart:
    return Multipart(
        delivery_country=str(firm.location.country),
        start_date=start,
        end_date=end,
        consultant_ids=[firm.consultant.pk],
        onsite_days=5,
        offsite_days=0,
        summary="Assessed 1,200 devices and planned the Windows 10 rollout.",
        next_steps="Pilot in two branches, then deploy by region.",
        no_extra_fee="true",
        files=[("deployment-plan.pdf", factory.pdf_bytes())],
    )


class TestJourney:
    def test_create_reserve_report_redeem_through_the_api_with_the_ledger_at_each_step(
        self, pin_clock
    ):
        pin_clock(D(2021, 3, 1))
        pool = factory.customer_pool(days=50)
        firm = factory.eligible_firm()
        customer = ApiClient(pool.admin)
        partner = ApiClient(firm.admin)
        assert _balances(pool) == (50, 0, 0)

        created = customer.post(
            "/vouchers",
            {
                "licensing_id": pool.agreement.licensing_id,
                "engagement_type": factory.TYPE,
                "days": 5,
                "assignee_email": pool.manager_email,
                "division": "Retail banking",
            },
            idempotency_key="create-1",
        )
        assert created.status_code == 201, created.content
        voucher = created.json()
        assert voucher["status"] == "assigned"
        assert voucher["expiry_date"] == "2021-08-28"  # R-VOU-6: 180 days after 2021-03-01
        assert voucher["deadlines"]["redeem_by"] == "2021-08-28"
        assert _balances(pool) == (45, 5, 0)  # R-VOU-2
        voucher_id = voucher["voucher_id"]

        preview = partner.post(
            "/vouchers/validate", {"voucher_id": display(voucher_id), "email": pool.manager_email}
        )
        assert preview.status_code == 200, preview.content
        assert preview.json()["eligible"] is True
        assert "licensing_id" not in preview.json()

        pin_clock(D(2021, 3, 2))
        reserved = partner.post(
            f"/vouchers/{display(voucher_id)}/reservation",
            {
                "email": pool.manager_email,
                "location_id": firm.location.location_id,
                "start_date": "2021-03-08",
                "accept_terms": True,
                "delivery_country": "US",
            },
        )
        assert reserved.status_code == 201, reserved.content
        assert reserved.json()["status"] == "reserved"
        assert reserved.json()["licensing_id"] is None  # partners do not see customer data
        assert _balances(pool) == (45, 5, 0)

        pin_clock(D(2021, 3, 12))
        report = partner.post(
            f"/vouchers/{voucher_id}/completion-report",
            _report_body(firm, start="2021-03-08", end="2021-03-12"),
        )
        assert report.status_code == 201, report.content
        body = report.json()
        assert body["status"] == "delivered"
        assert body["report"]["receipt_number"] == f"RC-{voucher_id}-1"
        assert body["report"]["deliverables"][0]["name"] == "deployment-plan.pdf"
        assert _balances(pool) == (45, 5, 0)

        redeemed = partner.post(
            f"/vouchers/{voucher_id}/redeem", {"location_id": firm.location.location_id}
        )
        assert redeemed.status_code == 200, redeemed.content
        assert redeemed.json()["status"] == "redeemed"
        assert redeemed.json()["redeemed_on"] == "2021-03-12"
        assert _balances(pool) == (45, 0, 5)  # R-RED-1: held → consumed

        seen = customer.get(f"/vouchers/{voucher_id}").json()
        assert [entry["action"] for entry in seen["history"]] == [
            "created_and_assigned",
            "reserved",
            "delivered",
            "redeemed",
        ]
        templates = set(OutboxMessage.objects.values_list("template", flat=True))
        assert {"voucher_assigned", "voucher_reserved", "voucher_redeemed"} <= templates

    def test_a_replayed_creation_with_the_same_key_creates_one_voucher_rel_3(self, pin_clock):
        pin_clock(D(2021, 3, 1))
        pool = factory.customer_pool(days=50)
        client = ApiClient(pool.admin)
        body = {
            "licensing_id": pool.agreement.licensing_id,
            "engagement_type": factory.TYPE,
            "days": 3,
            "assignee_email": pool.manager_email,
        }
        first = client.post("/vouchers", body, idempotency_key="same")
        again = client.post("/vouchers", body, idempotency_key="same")
        assert (first.status_code, first.content) == (again.status_code, again.content)
        assert Voucher.objects.count() == 1
        assert _balances(pool) == (47, 3, 0)


class TestAddressing:
    def test_a_mistyped_id_is_invalid_before_any_lookup_r_vou_4(self, pin_clock, api_as):
        pin_clock(D(2021, 3, 1))
        response = api_as("benefits_admin").get("/vouchers/7KXR-4MWA-8")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_voucher_id"

    def test_a_foreign_voucher_is_not_found_r_role_1(self, pin_clock, api_as):
        pin_clock(D(2021, 3, 1))
        voucher = factory.assigned(factory.customer_pool())
        response = api_as("benefits_admin").get(f"/vouchers/{voucher.voucher_id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "voucher_not_found"

    def test_a_partner_sees_only_the_vouchers_it_holds(self, pin_clock):
        pin_clock(D(2021, 3, 1))
        pool = factory.customer_pool()
        firm, other = factory.eligible_firm(), factory.eligible_firm()
        held = factory.assigned(pool)
        factory.reserved(held, firm)
        factory.assigned(pool)
        listed = ApiClient(firm.admin).get("/vouchers").json()["items"]
        assert [item["voucher_id"] for item in listed] == [held.voucher_id]
        assert ApiClient(other.admin).get("/vouchers").json()["items"] == []
        assert ApiClient(other.admin).get(f"/vouchers/{held.voucher_id}").status_code == 404


class TestValidateLeaksNothing:
    def test_unknown_id_and_wrong_email_get_the_same_answer_r_res_1(self, pin_clock):
        pin_clock(D(2021, 3, 1))
        pool = factory.customer_pool()
        voucher = factory.assigned(pool)
        firm = factory.eligible_firm()
        client = ApiClient(firm.admin)
        wrong_email = client.post(
            "/vouchers/validate", {"voucher_id": voucher.voucher_id, "email": "x@example.test"}
        )
        unknown = client.post(
            "/vouchers/validate",
            {"voucher_id": display(generate()), "email": pool.manager_email},
        )
        assert wrong_email.status_code == unknown.status_code == 404
        assert wrong_email.json() == unknown.json()

    def test_a_benefits_admins_email_validates_too_r_res_1(self, pin_clock):
        pin_clock(D(2021, 3, 1))
        pool = factory.customer_pool()
        voucher = factory.assigned(pool)
        firm = factory.eligible_firm()
        response = ApiClient(firm.admin).post(
            "/vouchers/validate",
            {"voucher_id": voucher.voucher_id, "email": pool.admin.user.email.upper()},
        )
        assert response.status_code == 200


class TestBatch:
    def test_batch_redemption_answers_per_voucher_r_red_2(self, pin_clock):
        pin_clock(D(2021, 3, 1))
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        ready = factory.assigned(pool)
        factory.reserved(ready, firm)
        factory.delivered(ready, firm)
        not_reported = factory.assigned(pool)
        factory.reserved(not_reported, firm)
        foreign = factory.assigned(pool)
        pin_clock(D(2021, 3, 12))
        body = {
            "voucher_ids": [ready.voucher_id, not_reported.voucher_id, foreign.voucher_id, "bad"],
            "location_id": firm.location.location_id,
            "confirm": True,
        }
        response = ApiClient(firm.admin).post("/redemptions", body)
        assert response.status_code == 200, response.content
        results = {item["voucher_id"]: item["code"] for item in response.json()["results"]}
        assert results == {
            "bad": "invalid_voucher_id",
            ready.voucher_id: "redeemed",
            not_reported.voucher_id: "report_missing",
            foreign.voucher_id: "voucher_not_reserved_by_you",
        }
        assert response.json()["redeemed"] == 1

    def test_batch_redemption_needs_the_confirmation_r_red_2(self, pin_clock):
        pin_clock(D(2021, 3, 1))
        firm = factory.eligible_firm()
        response = ApiClient(firm.admin).post(
            "/redemptions",
            {"voucher_ids": ["7KXR-4MWA-9"], "location_id": "x", "confirm": False},
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "confirmation_required"


class TestQueryBudget:
    def _count(self, client: ApiClient, path: str) -> int:
        client.get(path)  # warm up: the token's first use is recorded once
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return len(captured)

    def test_the_list_costs_the_same_queries_for_1_and_20_vouchers_perf_4(self, pin_clock):
        pin_clock(D(2021, 3, 1))
        pool = factory.customer_pool(days=200)
        firm = factory.eligible_firm()
        client, partner = ApiClient(pool.admin), ApiClient(firm.admin)
        first = factory.assigned(pool)
        factory.reserved(first, firm)
        factory.delivered(first, firm)
        one = self._count(client, "/vouchers"), self._count(partner, "/vouchers")
        for _ in range(19):
            voucher = factory.assigned(pool)
            factory.reserved(voucher, firm)
            factory.delivered(voucher, firm)
        twenty = self._count(client, "/vouchers"), self._count(partner, "/vouchers")
        assert one == twenty
