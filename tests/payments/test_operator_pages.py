"""The operator's payment pages stay one page long at program scale (PERF-7): the review queue
and a payment run's requests come 50 a page (here 2, to page with a few requests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from planserv.payments.services import payment_run_build
from planserv.portal.operator import payments as payment_pages
from tests.factories import payments as payment_factory
from tests.factories import vouchers as voucher_factory
from tests.factories.vouchers import at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def client_as(persona: Any) -> Any:
    def make(role: str) -> Client:
        client = Client()
        client.force_login(persona(role).user)
        return client

    return make


def _requests(count: int) -> list[Any]:
    firm = voucher_factory.eligible_firm(country="US")
    pool = voucher_factory.customer_pool(days=100)
    return [
        payment_factory.filed(payment_factory.redeemed_case(firm=firm, pool=pool))
        for _ in range(count)
    ]


def test_the_review_queue_pages_oldest_first(
    client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(payment_pages, "PAGE_SIZE", 2)
    ids = [request.public_id for request in _requests(3)]
    client = client_as("auditor")
    first = client.get("/operator/payments/").content.decode()
    second = client.get("/operator/payments/", {"page": 2}).content.decode()
    queue = lambda html: html.split('data-testid="review-queue"')[1].split("</table>")[0]  # noqa: E731
    assert [i for i in ids if i in queue(first)] == ids[:2]
    assert [i for i in ids if i in queue(second)] == ids[2:]
    assert "Page 1 of 2" in first and "page=2" in first


def test_a_payment_run_pages_its_requests_and_totals_them_all(
    client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(payment_pages, "PAGE_SIZE", 2)
    requests = _requests(3)
    for request in requests:
        payment_factory.approved(request, today=D(2021, 3, 22))
    reviewer = payment_factory.reviewer()
    run = payment_run_build(
        month=D(2021, 4, 1),
        currency="USD",
        actor=reviewer,
        today=D(2021, 4, 20),
        at=at(D(2021, 4, 20)),
    )
    client = client_as("auditor")
    first = client.get(f"/operator/payments/runs/{run.public_id}/").content.decode()
    second = client.get(f"/operator/payments/runs/{run.public_id}/", {"page": 2}).content.decode()
    listed = lambda html: html.split('data-testid="run-requests"')[1].split("</table>")[0]  # noqa: E731
    ids = sorted(request.public_id for request in requests)
    assert [i for i in ids if i in listed(first)] == ids[:2]
    assert [i for i in ids if i in listed(second)] == ids[2:]
    assert "3 requests" in first  # the totals count every request of the run
