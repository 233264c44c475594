"""Every kind of change a subscriber can ask for writes its event: the expiry sweep (one read and
one insert per batch, whatever the number of vouchers), payment requests, milestone reminders
(written once, even when the job runs the day again)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.core.actor import Actor
from planserv.jobs import reminders
from planserv.vouchers.services import vouchers_expire_due
from planserv.webhooks.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from planserv.webhooks.services import new_secret
from tests.factories import accounts as account_factory
from tests.factories import customers as customer_factory
from tests.factories import payments as payment_factory
from tests.factories import vouchers as voucher_factory

pytestmark = pytest.mark.django_db
D = dt.date
JOB = Actor.system(label="daily jobs")


def _hook(organisation, *events):  # type: ignore[no-untyped-def]
    return WebhookSubscription.objects.create(
        organisation=organisation,
        url="https://erp.example.com/hook",
        events=list(events),
        secret=new_secret(),
        created_at=voucher_factory.at(D(2020, 1, 1)),
        created_by_label="test",
    )


def _sweep_statements(count: int) -> int:
    pool = voucher_factory.customer_pool(days=count)
    _hook(pool.customer, WebhookEvent.VOUCHER_EXPIRED)
    for _ in range(count):
        voucher_factory.assigned(pool, today=D(2020, 9, 2), days=1)
    with CaptureQueriesContext(connection) as captured:
        vouchers_expire_due(as_of=D(2021, 3, 2), actor=JOB, at=voucher_factory.at(D(2021, 3, 2)))
    assert WebhookDelivery.objects.filter(event_type=WebhookEvent.VOUCHER_EXPIRED).count() == count
    WebhookDelivery.objects.all().delete()
    return len(captured)


def test_the_expiry_sweep_writes_one_event_per_voucher_in_a_fixed_number_of_statements():
    assert _sweep_statements(2) == _sweep_statements(30)


def test_an_expired_voucher_event_names_the_voucher():
    pool = voucher_factory.customer_pool(days=1)
    hook = _hook(pool.customer, WebhookEvent.VOUCHER_EXPIRED)
    voucher = voucher_factory.assigned(pool, today=D(2020, 9, 2), days=1)
    vouchers_expire_due(as_of=D(2021, 3, 2), actor=JOB, at=voucher_factory.at(D(2021, 3, 2)))
    (delivery,) = WebhookDelivery.objects.filter(subscription=hook)
    assert delivery.subject_ref == f"voucher:{voucher.display_id}"
    assert delivery.payload["data"] == {
        "voucher_id": voucher.display_id,
        "status": "expired",
        "days": 1,
        "expiry_date": voucher.expiry_date.isoformat(),
    }


def test_payment_request_status_changes_reach_the_firm_only():
    case = payment_factory.redeemed_case()
    firm_hook = _hook(case.firm.organisation, WebhookEvent.PAYMENT_REQUEST_STATUS)
    payment_factory.registered(case.firm)
    request = payment_factory.filed(case)
    statuses = [
        d.payload["data"]["status"]
        for d in WebhookDelivery.objects.filter(subscription=firm_hook).order_by("pk")
    ]
    assert statuses and statuses[-1] == request.status
    assert all(
        d.subject_ref == f"payment_request:{request.public_id}"
        for d in WebhookDelivery.objects.filter(subscription=firm_hook)
    )


def test_milestone_reminders_are_sent_once_per_organisation_even_if_the_day_runs_again(
    customer_org,
):
    account_factory.member(customer_org, "benefits_admin")
    customer_factory.grant(customer_factory.agreement(customer_org, licensing_id="EA-WOOD-1"), 12)
    hook = _hook(customer_org, WebhookEvent.MILESTONE_REMINDER)
    reminders.milestone_reminders(D(2021, 6, 1), JOB)
    reminders.milestone_reminders(D(2021, 6, 1), JOB)
    (delivery,) = WebhookDelivery.objects.filter(subscription=hook)
    data = delivery.payload["data"]
    assert data["date"] == "2021-07-01" and data["days_before"] == 30
    assert data["at_stake"] and data["at_stake"][0]["quantity"] == 12
