"""Issue 20, item 4: a deliverable is downloaded through the API by the delivering partner firm,
the customer and operators; anyone else gets 404 (R-ROLE-1, api.md "Added after the first
release")."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import ApiClient
from tests.factories import accounts as account_factory
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(pin_clock):
    pin_clock(dt.date(2021, 3, 12))
    pool = factory.customer_pool(days=50)
    firm = factory.eligible_firm()
    voucher = factory.assigned(pool)
    factory.reserved(voucher, firm)
    report = factory.delivered(voucher, firm)
    return pool, firm, voucher, report.deliverables.get()


def _path(voucher, deliverable) -> str:
    return f"/vouchers/{voucher.voucher_id}/deliverables/{deliverable.pk}"


@pytest.mark.parametrize("who", ["partner", "customer", "operator"])
def test_the_partner_the_customer_and_the_operator_download_the_file(delivered, who):
    pool, firm, voucher, deliverable = delivered
    member = {
        "partner": firm.admin,
        "customer": pool.manager,
        "operator": account_factory.member(
            account_factory.organisation("operator"), "payment_reviewer"
        ),
    }[who]
    response = ApiClient(member).get(_path(voucher, deliverable))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factory.pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_voucher_answer_names_the_api_path_of_each_deliverable(delivered):
    pool, _, voucher, deliverable = delivered
    body = ApiClient(pool.admin).get(f"/vouchers/{voucher.voucher_id}").json()
    listed = body["report"]["deliverables"][0]
    assert listed["api_path"] == "/api/v1" + _path(voucher, deliverable)


def test_another_firm_and_another_customer_get_404(delivered):
    _, _, voucher, deliverable = delivered
    other_firm = factory.eligible_firm()
    other_pool = factory.customer_pool(days=5)
    for member in (other_firm.admin, other_pool.admin):
        response = ApiClient(member).get(_path(voucher, deliverable))
        assert response.status_code == 404
        assert response.json()["error"]["code"]


def test_a_deliverable_of_another_voucher_is_404_even_for_its_customer(delivered):
    pool, _, _, deliverable = delivered
    other = factory.assigned(pool)
    response = ApiClient(pool.admin).get(_path(other, deliverable))
    assert response.status_code == 404


def test_without_a_token_it_is_401(delivered):
    _, _, voucher, deliverable = delivered
    assert ApiClient(None).get(_path(voucher, deliverable)).status_code == 401
