"""voucher_reserve locks the voucher row first and makes every check on it, in one transaction
with one commit (R-RES-3, R-ENR-2, PERF-1): the refusals of a rival's win or a cancellation are
the committed truth, and eligibility is evaluated inside the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError
from planserv.notifications.models import OutboxMessage
from planserv.vouchers.models import Reservation
from planserv.vouchers.services import voucher_cancel
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_rival_that_won_is_refused_on_the_locked_row_r_res_3():
    pool = factory.customer_pool()
    firm, rival = factory.eligible_firm(), factory.eligible_firm()
    voucher = factory.assigned(pool)
    factory.reserved(voucher, rival)
    with pytest.raises(DomainError) as refused:
        factory.reserved(voucher, firm)
    assert refused.value.code == "already_reserved"
    assert "another partner" in str(refused.value)
    (reservation,) = Reservation.objects.filter(voucher=voucher)
    assert reservation.partner_id == rival.organisation.pk
    assert factory.fresh(voucher).holder_id == rival.organisation.pk
    assert AuditEvent.objects.filter(action="vouchers.voucher.reserved").count() == 1
    assert OutboxMessage.objects.filter(template="voucher_reserved").count() == 2


def test_a_cancelled_voucher_is_refused_on_the_locked_row_r_vou_7():
    pool = factory.customer_pool()
    firm = factory.eligible_firm()
    voucher = factory.assigned(pool)
    today = D(2021, 3, 2)
    voucher_cancel(voucher=voucher, actor=pool.admin_actor, today=today, at=factory.at(today))
    with pytest.raises(DomainError) as refused:
        factory.reserved(voucher, firm, today=today)
    assert refused.value.code == "voucher_cancelled"
    assert not Reservation.objects.filter(voucher=voucher).exists()
    assert factory.fresh(voucher).status == "cancelled"
    assert not AuditEvent.objects.filter(action="vouchers.voucher.reserved").exists()
    assert not OutboxMessage.objects.filter(template="voucher_reserved").exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)  # the service's own transaction, not a savepoint
def test_the_row_lock_comes_first_and_every_read_follows_it_r_enr_2():
    pool = factory.customer_pool()
    firm = factory.eligible_firm()
    voucher = factory.assigned(pool)
    with CaptureQueriesContext(connection) as captured:
        factory.reserved(voucher, firm)
    statements = [q["sql"] for q in captured.captured_queries if q["sql"] not in ("BEGIN",)]
    assert "FOR UPDATE" in statements[0], statements[0]
    eligibility = [
        n for n, sql in enumerate(statements) if "partners_enrollment" in sql and "UNION" in sql
    ]
    assert len(eligibility) == 1, "R-ENR-2 is one statement (enrollment and competencies)"
    assert not any("SAVEPOINT" in sql for sql in statements), "no savepoint on a locked row"
