"""The operator's organisation pages (issue 18): a firm page, a customer page, a voucher page and
one search; each section shows its top rows with its own pagination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planserv.accounts.selectors import actor_for_membership
from planserv.partners.services import Evidence, competency_claim
from planserv.payments.models import PaymentRegistration, PaymentRequest
from planserv.program.models import Competency
from tests.factories import partners as partner_factory
from tests.factories import payments as payment_factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 6, 15)


@pytest.fixture(autouse=True)
def _today(pin_clock):
    pin_clock(TODAY)


@pytest.fixture
def operator(persona):
    client = Client()
    client.force_login(persona("auditor").user)
    return client


@pytest.fixture
def case():
    case = payment_factory.redeemed_case(country="DE")
    payment_factory.registered(case.firm)
    payment_factory.filed(case)
    return case


def test_the_firm_page_shows_every_part_of_the_firm(operator, case):
    firm = case.firm.organisation
    competency_claim(
        organisation=firm,
        competency=Competency.objects.get(code="messaging"),
        level="gold",
        earned_on=dt.date(2021, 5, 3),
        expires_on=dt.date(2022, 5, 2),
        evidence=Evidence(reference="PN-77"),
        actor=actor_for_membership(case.firm.admin),
        today=TODAY,
        at=partner_factory.at(TODAY),
    )

    response = operator.get(f"/operator/partners/{firm.public_id}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert case.firm.location.location_id in text
    assert "Gold Messaging" in text and "Waiting for verification" in text
    assert case.firm.consultant.name in text
    assert "Renewal opens" in text
    registration = PaymentRegistration.objects.get(organisation=firm)
    assert registration.iban_masked in text and registration.iban not in text
    assert case.voucher.display_id in text
    assert "Payment requests" in text and "Audit trail" in text
    assert "firm-support" not in text or "No support request." in text


def test_the_customer_page_shows_agreements_with_balances_vouchers_and_people(operator, case):
    customer = case.pool.customer

    response = operator.get(f"/operator/customers/{customer.public_id}/")

    text = response.content.decode()
    assert response.status_code == 200
    assert case.pool.agreement.licensing_id in text
    assert case.voucher.display_id in text
    assert case.pool.admin.user.email in text


def test_the_voucher_page_shows_reservation_report_ledger_and_payment(operator, case):
    response = operator.get(f"/operator/vouchers/{case.voucher.display_id}/")

    text = response.content.decode()
    assert response.status_code == 200
    assert case.firm.location.location_id in text  # the reservation
    assert "deliverable-link" in text  # the report's deliverables open from here
    assert 'data-testid="voucher-ledger"' in text and "Voucher" in text
    assert PaymentRequest.objects.get(voucher=case.voucher).public_id in text


def test_a_section_lists_its_top_rows_and_pages_through_the_rest(operator, case):
    firm = case.firm.organisation
    for number in range(12):
        partner_factory.location(firm, location_id=f"DE-77{number:05d}")

    first = operator.get(f"/operator/partners/{firm.public_id}/").content.decode()
    second = operator.get(
        f"/operator/partners/{firm.public_id}/", {"locations_page": 2}
    ).content.decode()

    assert "1–10 of 13" in first and "11–13 of 13" in second


def test_one_search_finds_firms_customers_and_vouchers(operator, case):
    firm = case.firm.organisation
    found = operator.get("/operator/organisations/", {"q": firm.public_id})
    assert found.status_code == 302
    assert found["Location"] == f"/operator/partners/{firm.public_id}/"
    voucher = operator.get("/operator/organisations/", {"q": case.voucher.display_id})
    assert 'data-testid="search-voucher"' in voucher.content.decode()
    nothing = operator.get("/operator/organisations/", {"q": "no such firm anywhere"})
    assert "No organisation matches" in nothing.content.decode()


def test_unknown_ids_are_not_found(operator, case):
    assert operator.get("/operator/partners/P-999999/").status_code == 404
    assert (
        operator.get(f"/operator/customers/{case.firm.organisation.public_id}/").status_code == 404
    )
    assert operator.get("/operator/vouchers/not-a-voucher/").status_code == 404


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_firm_and_customer_pages_cost_the_same_queries_whatever_their_size_perf_4(
    operator, case
):
    from tests.factories import vouchers as voucher_factory

    firm = case.firm.organisation
    customer = case.pool.customer
    firm_path = f"/operator/partners/{firm.public_id}/"
    customer_path = f"/operator/customers/{customer.public_id}/"
    operator.get(firm_path)  # the first request of the session writes the session
    small = (_queries(operator, firm_path), _queries(operator, customer_path))
    for number in range(6):
        partner_factory.location(firm, location_id=f"DE-66{number:05d}")
        partner_factory.consultant(firm, exams=(("MD-100", dt.date(2020, 1, 6)),))
        voucher = voucher_factory.assigned(case.pool, today=dt.date(2021, 3, 1), days=1)
        voucher_factory.reserved(voucher, case.firm, today=dt.date(2021, 3, 2))

    large = (_queries(operator, firm_path), _queries(operator, customer_path))

    assert large == small
