"""R-PAY-6 on PostgreSQL: racing approvals, run builds and confirmations never pay a request twice."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.payments.models import PaymentRequest, PaymentRequestTransition, PaymentRun
from planserv.payments.services import (
    payment_request_approve,
    payment_run_build,
    payment_run_confirm,
)
from tests.factories import payments as factory
from tests.factories.vouchers import at
from tests.races import race

DAY = dt.date(2021, 4, 10)
THREADS = 8


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_builds_and_confirmations_pay_once_r_pay_6() -> None:
    request = factory.filed(factory.redeemed_case(country="DE"))
    reviewers = [factory.reviewer() for _ in range(THREADS)]
    approvals = race(
        [
            lambda r=r: payment_request_approve(
                public_id=request.public_id, actor=r, today=DAY, at=at(DAY)
            )
            for r in reviewers
        ]
    )
    assert approvals == {"ok": 1, "invalid_transition": THREADS - 1}
    builds = race(
        [
            lambda r=r: payment_run_build(
                month=DAY.replace(day=1), currency="EUR", actor=r, today=DAY, at=at(DAY)
            )
            for r in reviewers
        ]
    )
    assert builds["ok"] >= 1 and set(builds) <= {"ok", "nothing_to_pay"}, builds
    assert PaymentRun.objects.count() == 1
    run = PaymentRun.objects.get()
    confirmations = race(
        [
            lambda r=r: payment_run_confirm(public_id=run.public_id, actor=r, today=DAY, at=at(DAY))
            for r in reviewers
        ]
    )
    assert confirmations == {"ok": 1, "run_already_confirmed": THREADS - 1}
    request.refresh_from_db()
    assert request.status == "paid" and request.run_id == run.pk
    transitions = PaymentRequestTransition.objects.filter(request=request)
    assert transitions.filter(to_status="paid").count() == 1
    assert transitions.filter(to_status="in_payment_run").count() == 1
    assert PaymentRequest.objects.filter(status="paid").count() == 1
