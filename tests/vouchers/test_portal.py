"""Portal pages of the voucher lifecycle: customer create/list/detail/cancel, partner
validate-and-reserve (HTMX and plain), report with files, redeem, batch with confirmation, CSV,
deliverable access, and query budgets of the list pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.vouchers.models import Voucher
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date


def login(membership) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(membership.user)
    return client


class TestCustomerPages:
    def test_the_form_shows_the_pool_and_the_deadlines(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool = factory.customer_pool(days=40)
        page = login(pool.admin).get("/customer/vouchers/new/")
        html = page.content.decode()
        assert page.status_code == 200
        assert pool.agreement.licensing_id in html and "40 days available" in html
        assert "30 June 2021" in html and "in 15 days" in html  # last create day
        assert "12 December 2021" in html  # a voucher created today is usable through

    def test_create_then_see_it_in_the_list_with_its_countdown(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool = factory.customer_pool(days=40)
        client = login(pool.admin)
        response = client.post(
            "/customer/vouchers/new/",
            {
                "agreement": pool.agreement.licensing_id,
                "engagement_type": factory.TYPE,
                "days": "5",
                "assignee": pool.manager_email,
                "division": "Treasury",
            },
        )
        voucher = Voucher.objects.get()
        assert response.status_code == 302
        assert response.url == f"/customer/vouchers/{voucher.voucher_id}/"
        listing = client.get("/customer/vouchers/").content.decode()
        assert voucher.display_id in listing and "in 180 days" in listing
        detail = client.get(response.url).content.decode()
        assert "Created and assigned" in detail and "Cancel this voucher" in detail

    def test_a_refusal_is_shown_on_the_form(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool = factory.customer_pool(days=3)
        response = login(pool.admin).post(
            "/customer/vouchers/new/",
            {
                "agreement": pool.agreement.licensing_id,
                "engagement_type": factory.TYPE,
                "days": "5",
                "assignee": pool.manager_email,
            },
        )
        assert response.status_code == 422
        assert "has 3 available days" in response.content.decode()
        assert not Voucher.objects.exists()

    def test_cancel_and_csv(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool = factory.customer_pool(days=40)
        voucher = factory.assigned(pool, today=D(2021, 6, 1))
        client = login(pool.admin)
        client.post(f"/customer/vouchers/{voucher.voucher_id}/cancel/")
        assert factory.fresh(voucher).status == "cancelled"
        csv = client.get("/customer/vouchers/?format=csv")
        assert csv["Content-Type"].startswith("text/csv")
        lines = b"".join(csv.streaming_content).decode().splitlines()
        assert lines[0].startswith("voucher_id,status")
        assert lines[1].startswith(f"{voucher.display_id},cancelled")

    def test_a_malformed_or_foreign_voucher_is_not_found(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool, other = factory.customer_pool(), factory.customer_pool()
        voucher = factory.assigned(other)
        client = login(pool.admin)
        assert client.get("/customer/vouchers/NOT-AN-ID/").status_code == 404
        assert client.get(f"/customer/vouchers/{voucher.voucher_id}/").status_code == 404


class TestPartnerPages:
    def _voucher(self) -> tuple[factory.Pool, factory.Firm, Voucher]:
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        return pool, firm, factory.assigned(pool, today=D(2021, 6, 1))

    def test_validate_by_htmx_returns_the_preview_fragment(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool, firm, voucher = self._voucher()
        response = login(firm.admin).post(
            "/partner/vouchers/reserve/",
            {"action": "validate", "voucher_id": voucher.display_id, "email": pool.manager_email},
            headers={"HX-Request": "true"},
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html and 'data-testid="reserve-form"' in html
        assert pool.customer.name in html

    def test_validate_without_javascript_and_the_same_answer_for_a_wrong_pair(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool, firm, voucher = self._voucher()
        client = login(firm.admin)
        wrong = client.post(
            "/partner/vouchers/reserve/",
            {"action": "validate", "voucher_id": voucher.display_id, "email": "x@example.test"},
        )
        assert wrong.status_code == 404 and "<html" in wrong.content.decode()
        assert pool.customer.name not in wrong.content.decode()

    def test_reserve_report_and_redeem_through_the_pages(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool, firm, voucher = self._voucher()
        client = login(firm.admin)
        reserved = client.post(
            "/partner/vouchers/reserve/",
            {
                "action": "reserve",
                "voucher_id": voucher.voucher_id,
                "email": pool.manager_email,
                "location": firm.location.location_id,
                "delivery_country": "US",
                "start_date": "2021-06-16",
                "accept_terms": "on",
            },
        )
        assert reserved.status_code == 302, reserved.content
        assert factory.fresh(voucher).status == "reserved"
        pin_clock(D(2021, 6, 18))
        form = client.get(f"/partner/vouchers/{voucher.voucher_id}/report/")
        assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.content.decode()
        filed = client.post(
            f"/partner/vouchers/{voucher.voucher_id}/report/",
            {
                "delivery_country": "US",
                "start_date": "2021-06-16",
                "end_date": "2021-06-18",
                "consultants": [str(firm.consultant.pk)],
                "onsite_days": "5",
                "offsite_days": "0",
                "summary": "Planned it.",
                "next_steps": "Do it.",
                "no_extra_fee": "on",
                "files": [SimpleUploadedFile("plan.pdf", factory.pdf_bytes())],
            },
        )
        assert filed.status_code == 302, filed.content.decode()[:2000]
        assert factory.fresh(voucher).status == "delivered"
        detail = client.get(f"/partner/vouchers/{voucher.voucher_id}/").content.decode()
        assert "Completion report filed" in detail and "plan.pdf" in detail
        client.post(
            f"/partner/vouchers/{voucher.voucher_id}/redeem/",
            {"location": firm.location.location_id},
        )
        assert factory.fresh(voucher).status == "redeemed"

    def test_batch_redemption_asks_for_confirmation_first(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        _, firm, voucher = self._voucher()
        factory.reserved(voucher, firm, today=D(2021, 6, 15))
        factory.delivered(voucher, firm, today=D(2021, 6, 15))
        client = login(firm.admin)
        step_one = client.get("/partner/vouchers/redeem/", {"voucher_id": voucher.voucher_id})
        assert 'data-testid="batch-confirm"' in step_one.content.decode()
        unconfirmed = client.post(
            "/partner/vouchers/redeem/",
            {"voucher_id": voucher.voucher_id, "location": firm.location.location_id},
        )
        assert "Tick the confirmation" in unconfirmed.content.decode()
        assert factory.fresh(voucher).status == "delivered"
        done = client.post(
            "/partner/vouchers/redeem/",
            {
                "voucher_id": voucher.voucher_id,
                "location": firm.location.location_id,
                "confirm": "yes",
            },
        )
        assert 'data-testid="batch-results"' in done.content.decode()
        assert factory.fresh(voucher).status == "redeemed"

    def test_the_list_csv_has_the_deadlines(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        _, firm, voucher = self._voucher()
        factory.reserved(voucher, firm, today=D(2021, 6, 15))
        csv = b"".join(
            login(firm.admin).get("/partner/vouchers/?format=csv").streaming_content
        ).decode()
        row = csv.splitlines()[1].split(",")
        assert row[0] == voucher.display_id and row[8] == "2021-11-28" and row[9] == "2021-11-28"


class TestDeliverableAccess:
    def test_customer_operator_and_the_reporting_firm_only(self, pin_clock, persona):
        pin_clock(D(2021, 6, 15))
        pool = factory.customer_pool()
        firm, other = factory.eligible_firm(), factory.eligible_firm()
        voucher = factory.assigned(pool, today=D(2021, 6, 1))
        factory.reserved(voucher, firm, today=D(2021, 6, 2))
        report = factory.delivered(voucher, firm, today=D(2021, 6, 10))
        file = report.deliverables.get()
        path = f"/vouchers/{voucher.voucher_id}/deliverables/{file.pk}/"
        for membership in (pool.admin, pool.manager, firm.admin, persona("auditor").membership):
            response = login(membership).get(path)
            assert response.status_code == 200
            assert response["Content-Disposition"].startswith("attachment")
            assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert login(other.admin).get(path).status_code == 404
        assert login(factory.customer_pool().admin).get(path).status_code == 404


class TestQueryBudget:
    def _count(self, client: Client, path: str) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    def test_list_pages_cost_the_same_queries_for_1_and_20_vouchers_perf_4(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool = factory.customer_pool(days=200)
        firm = factory.eligible_firm()

        def add() -> None:
            voucher = factory.assigned(pool, today=D(2021, 6, 1))
            factory.reserved(voucher, firm, today=D(2021, 6, 2))
            factory.delivered(voucher, firm, today=D(2021, 6, 10))

        add()
        customer, partner = login(pool.admin), login(firm.admin)
        one = (
            self._count(customer, "/customer/vouchers/"),
            self._count(partner, "/partner/vouchers/"),
        )
        for _ in range(19):
            add()
        twenty = (
            self._count(customer, "/customer/vouchers/"),
            self._count(partner, "/partner/vouchers/"),
        )
        assert one == twenty
