"""voucher_reserve checks everything before the row lock and re-checks under it only what a
concurrent write can change (R-RES-3, R-ENR-2): the guarantee holds, and the lock is short."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError
from planserv.notifications.models import OutboxMessage
from planserv.vouchers.models import Reservation
from planserv.vouchers.services import reserve as reserve_module
from planserv.vouchers.services import voucher_cancel
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date


def after_the_checks(monkeypatch, change) -> None:
    """Make `change()` commit between voucher_reserve's unlocked checks and its row lock."""
    checked = reserve_module._check_request

    def checks_then_change(**arguments):
        request = checked(**arguments)
        monkeypatch.setattr(reserve_module, "_check_request", checked)
        change()
        return request

    monkeypatch.setattr(reserve_module, "_check_request", checks_then_change)


def test_a_rival_that_wins_after_the_checks_is_caught_under_the_lock_r_res_3(monkeypatch):
    pool = factory.customer_pool()
    firm, rival = factory.eligible_firm(), factory.eligible_firm()
    voucher = factory.assigned(pool)
    after_the_checks(monkeypatch, lambda: factory.reserved(voucher, rival))
    with pytest.raises(DomainError) as refused:
        factory.reserved(voucher, firm)
    assert refused.value.code == "already_reserved"
    assert "another partner" in str(refused.value)
    (reservation,) = Reservation.objects.filter(voucher=voucher)
    assert reservation.partner_id == rival.organisation.pk
    assert factory.fresh(voucher).holder_id == rival.organisation.pk
    assert AuditEvent.objects.filter(action="vouchers.voucher.reserved").count() == 1
    assert OutboxMessage.objects.filter(template="voucher_reserved").count() == 2


def test_a_voucher_cancelled_after_the_checks_is_refused_under_the_lock_r_vou_7(monkeypatch):
    pool = factory.customer_pool()
    firm = factory.eligible_firm()
    voucher = factory.assigned(pool)
    today = D(2021, 3, 2)

    def cancel() -> None:
        voucher_cancel(voucher=voucher, actor=pool.admin_actor, today=today, at=factory.at(today))

    after_the_checks(monkeypatch, cancel)
    with pytest.raises(DomainError) as refused:
        factory.reserved(voucher, firm, today=today)
    assert refused.value.code == "voucher_cancelled"
    assert not Reservation.objects.filter(voucher=voucher).exists()
    assert factory.fresh(voucher).status == "cancelled"
    assert not AuditEvent.objects.filter(action="vouchers.voucher.reserved").exists()
    assert not OutboxMessage.objects.filter(template="voucher_reserved").exists()


@pytest.mark.postgres_only
def test_the_eligibility_queries_run_before_the_row_lock_r_enr_2():
    pool = factory.customer_pool()
    firm = factory.eligible_firm()
    voucher = factory.assigned(pool)
    with CaptureQueriesContext(connection) as captured:
        factory.reserved(voucher, firm)
    statements = [query["sql"] for query in captured.captured_queries]
    (lock,) = [n for n, sql in enumerate(statements) if "FOR UPDATE" in sql]
    eligibility = [
        n
        for n, sql in enumerate(statements)
        if "partners_enrollment" in sql or "partners_competencyheld" in sql
    ]
    assert eligibility, "the eligibility reads were not seen"
    assert max(eligibility) < lock, statements[lock:]
