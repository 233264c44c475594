"""Issue 18 item 7: the customer is emailed when the completion report is filed, with a link to
the voucher page where the deliverables open."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.notifications.models import OutboxMessage
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db


def test_filing_the_report_emails_the_assignee_and_benefits_admins_with_the_link():
    pool = factory.customer_pool()
    firm = factory.eligible_firm(country="US")
    voucher = factory.assigned(pool, today=dt.date(2021, 3, 1), days=5)
    factory.reserved(voucher, firm, today=dt.date(2021, 3, 2))

    report = factory.delivered(voucher, firm, today=dt.date(2021, 3, 10))

    messages = OutboxMessage.objects.filter(template="completion_report_filed")
    assert set(messages.values_list("to_email", flat=True)) == {
        pool.manager_email,
        pool.admin.user.email,
    }
    message = messages.first()
    assert report.receipt_number in message.body_text
    assert f"/customer/vouchers/{voucher.voucher_id}/" in message.body_text
    assert message.subject == (
        f"{firm.organisation.name} filed the completion report of voucher {voucher.display_id}"
    )
    assert not OutboxMessage.objects.filter(
        template="completion_report_filed", to_email=firm.admin.user.email
    ).exists()
