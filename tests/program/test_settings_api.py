"""API twins of the back office (issue 18): day rates, milestones with the preview, payment
settings, payment details changes and their verification, overdue review."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.audit.models import AuditEvent
from planserv.program.models import Milestone
from tests.conftest import ApiClient
from tests.factories import payments as factory

pytestmark = pytest.mark.django_db
D = dt.date


def test_day_rates_milestones_and_payment_settings_through_the_api(pin_clock, api_as):  # type: ignore[no-untyped-def]
    pin_clock(D(2021, 3, 15))
    admin = api_as("program_admin")
    created = admin.post(
        "/operator/day-rates",
        {"country": "AT", "currency": "EUR", "amount": "880.00", "effective_from": "2021-01-01"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["country"] == "AT"
    assert any(r["country"] == "AT" for r in admin.get("/operator/day-rates").json())
    refused = admin.post(
        "/operator/day-rates",
        {"country": "ZZ", "currency": "EUR", "amount": "1.00", "effective_from": "2021-01-01"},
    )
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "invalid_setting"
    assert (
        api_as("payment_reviewer")
        .post(
            "/operator/day-rates",
            {"country": "AT", "currency": "EUR", "amount": "1.00", "effective_from": "2021-01-01"},
        )
        .status_code
        == 403
    )

    preview = admin.post("/operator/milestones/last_redemption_day/preview", {"date": "2022-03-01"})
    assert preview.status_code == 200, preview.content
    assert preview.json()["proposed"]["date"] == "2022-03-01"
    assert Milestone.objects.get(key="last_redemption_day").date == D(2022, 1, 1)
    moved = admin.send(
        "PATCH",
        "/operator/milestones/last_redemption_day",
        {"date": "2022-03-01", "reason": "Extended."},
    )
    assert moved.status_code == 200 and moved.json()["date"] == "2022-03-01"
    broken = admin.send(
        "PATCH", "/operator/milestones/removal", {"date": "2021-06-01", "reason": "Too early."}
    )
    assert broken.status_code == 422
    assert broken.json()["error"]["code"] == "milestone_order_broken"

    settings = admin.get("/operator/settings/payments").json()
    assert settings["paying_account_iban"] == "" and settings["review_overdue_business_days"] == 10
    saved = admin.send(
        "PUT",
        "/operator/settings/payments",
        {
            **settings,
            "paying_account_iban": "DE89 3704 0044 0532 0130 00",
            "paying_account_bic": "COBADEFFXXX",
            "review_overdue_business_days": 5,
        },
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["paying_account_iban"] == "•••• 3000"
    assert "0532" not in saved.content.decode()
    assert AuditEvent.objects.filter(action="program.programsettings.changed").count() == 1


def test_a_payment_details_change_is_submitted_and_verified_through_the_api(pin_clock, api_as):  # type: ignore[no-untyped-def]
    pin_clock(D(2021, 3, 25))
    case = factory.redeemed_case(country="DE")
    factory.registered(case.firm)
    global_admin = ApiClient(factory.global_admin(case.firm.organisation))
    body = {
        "legal_name": "Contoso Beratung GmbH",
        "tax_id": "DE123456789",
        "iban": "GB33BUKB20201555555555",
        "bic": "BUKBGB22",
        "country": "DE",
        "currency": "EUR",
    }
    submitted = global_admin.post("/payment-registrations/DDPS/details-changes", body)
    assert submitted.status_code == 201, submitted.content
    change_id = submitted.json()["id"]
    assert submitted.json()["status"] == "pending" and submitted.json()["iban"] == "•••• 5555"
    again = global_admin.post("/payment-registrations/DDPS/details-changes", body)
    assert again.status_code == 409
    partner_admin = ApiClient(case.firm.admin)
    assert (
        partner_admin.post("/payment-registrations/DDPS/details-changes", body).status_code == 403
    )

    reviewer = api_as("payment_reviewer")
    assert [c["id"] for c in reviewer.get("/operator/payment-details-changes").json()] == [
        change_id
    ]
    verified = reviewer.post(f"/operator/payment-details-changes/{change_id}/verify")
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    assert reviewer.get("/operator/payment-details-changes").json() == []


def test_overdue_review_through_the_api(pin_clock, api_as):  # type: ignore[no-untyped-def]
    pin_clock(D(2021, 4, 5))
    waiting = factory.filed(factory.redeemed_case(country="DE"), today=D(2021, 3, 20))
    body = api_as("payment_reviewer").get("/operator/payments/overdue").json()
    assert body["overdue_count"] == 1 and body["overdue"][0]["id"] == waiting.public_id
    assert body["overdue"][0]["waiting_business_days"] == 11
    assert api_as("partner_admin").get("/operator/payments/overdue").status_code == 403


def test_a_deliverable_is_downloaded_by_the_partner_customer_and_operator(pin_clock, api_as):  # type: ignore[no-untyped-def]
    pin_clock(D(2021, 3, 15))
    case = factory.redeemed_case(country="DE")
    item = case.voucher.reports.get().deliverables.get()
    path = f"/vouchers/{case.voucher.voucher_id}/deliverables/{item.pk}"
    for client in (ApiClient(case.firm.admin), ApiClient(case.pool.admin), api_as("auditor")):
        response = client.get(path)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
    assert api_as("partner_admin").get(path).status_code == 404  # another firm
