"""The payment journey through the API (api.md): register, file, hold, answer, approve, build a
run, download both remittance files, confirm; the partner sees paid."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import ApiClient
from tests.factories import payments as factory

pytestmark = pytest.mark.django_db
D = dt.date


def test_payment_journey_through_the_api_r_pay_1_to_6(pin_clock, api_as) -> None:  # type: ignore[no-untyped-def]
    pin_clock(D(2021, 3, 15))
    case = factory.redeemed_case(country="DE")
    organisation = case.firm.organisation
    partner = ApiClient(case.firm.admin)
    admin = ApiClient(factory.global_admin(organisation))
    registered = admin.post(
        "/payment-registrations",
        {
            "offering": "DDPS",
            "legal_name": "Contoso Beratung GmbH",
            "tax_id": "DE123456789",
            "iban": "DE89 3704 0044 0532 0130 00",
            "bic": "COBADEFFXXX",
            "country": "DE",
            "currency": "EUR",
        },
    )
    assert registered.status_code == 201, registered.content
    assert registered.json()["iban"] == "•••• 3000"
    assert "0532" not in registered.content.decode()

    filed = partner.post(
        "/payment-requests",
        {"voucher_id": case.voucher.voucher_id, "location_id": case.firm.location.location_id},
    )
    assert filed.status_code == 201, filed.content
    body = filed.json()
    request_id = body["id"]
    assert (body["status"], body["amount"], body["currency"]) == ("validating", "4750.00", "EUR")
    assert body["last_request_date"] == "2021-05-11" and body["flags"] == []

    reviewer = api_as("payment_reviewer")
    held = reviewer.post(f"/payment-requests/{request_id}/hold", {"question": "Which division?"})
    assert held.json()["status"] == "held"
    answered = partner.post(f"/payment-requests/{request_id}/respond", {"answer": "Berlin."})
    assert answered.json()["status"] == "validating"
    approved = reviewer.post(f"/payment-requests/{request_id}/approve", {"note": ""})
    assert approved.json()["status"] == "approved"

    run = reviewer.post("/payment-runs", {"month": "2021-03", "currency": "EUR"})
    assert run.status_code == 201, run.content
    run_id = run.json()["id"]
    assert run.json()["requests"] == [request_id] and run.json()["total"] == "4750.00"
    csv_file = reviewer.get(f"/payment-runs/{run_id}/remittance", format="csv")
    assert (
        csv_file["Content-Type"].startswith("text/csv")
        and request_id in b"".join(csv_file.streaming_content).decode()
    )
    factory.paying_account()
    xml_file = reviewer.get(f"/payment-runs/{run_id}/remittance", format="pain001")
    assert xml_file.status_code == 200 and b"<CstmrCdtTrfInitn>" in xml_file.content
    same_person = reviewer.post(f"/payment-runs/{run_id}/confirm")
    assert same_person.status_code == 403
    assert same_person.json()["error"]["code"] == "run_confirmer_is_builder"
    second = api_as("payment_reviewer")
    changed = second.post(
        f"/payment-runs/{run_id}/confirm", {"expected_count": 2, "expected_total": "9500.00"}
    )
    assert changed.status_code == 409
    assert changed.json()["error"]["code"] == "run_changed_since_shown"
    confirmed = second.post(
        f"/payment-runs/{run_id}/confirm", {"expected_count": 1, "expected_total": "4750.00"}
    )
    assert confirmed.json()["status"] == "confirmed"

    seen = partner.get(f"/payment-requests/{request_id}").json()
    assert seen["status"] == "paid" and seen["run_id"] == run_id
    assert [h["to_status"] for h in seen["history"]] == [
        "submitted",
        "validating",
        "held",
        "validating",
        "approved",
        "in_payment_run",
        "paid",
    ]
    listed = partner.get("/payment-requests").json()
    assert [item["id"] for item in listed["items"]] == [request_id]


def test_api_refusals_are_4xx_r_pay_2(pin_clock, api_as) -> None:  # type: ignore[no-untyped-def]
    pin_clock(D(2021, 5, 12))
    case = factory.redeemed_case()
    factory.registered(case.firm)
    partner = ApiClient(case.firm.admin)
    late = partner.post(
        "/payment-requests",
        {"voucher_id": case.voucher.voucher_id, "location_id": case.firm.location.location_id},
    )
    assert late.status_code == 422 and late.json()["error"]["code"] == "payment_window_closed"
    reviewer = api_as("payment_reviewer")
    assert reviewer.get("/payment-requests/PR-999999").status_code == 404
    assert reviewer.get("/payment-requests/not-an-id").status_code == 404
    assert (
        reviewer.post("/payment-runs", {"month": "2021-13", "currency": "EUR"}).status_code == 400
    )
    customer = api_as("benefits_admin")
    assert customer.get("/payment-requests").status_code == 403
