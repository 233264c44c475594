"""The operator admin shows vouchers and reports read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planserv.accounts.models import User
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db


def test_vouchers_and_reports_are_listed_and_shown_but_not_editable():
    pool = factory.customer_pool()
    firm = factory.eligible_firm()
    voucher = factory.assigned(pool)
    factory.reserved(voucher, firm)
    report = factory.delivered(voucher, firm, today=dt.date(2021, 3, 10))
    admin = User.objects.create_superuser(email="root@example.test", password="x" * 12)
    client = Client()
    client.force_login(admin)
    assert voucher.voucher_id in client.get("/admin/vouchers/voucher/").content.decode()
    assert client.get(f"/admin/vouchers/voucher/{voucher.pk}/change/").status_code == 200
    assert client.get(f"/admin/vouchers/completionreport/{report.pk}/change/").status_code == 200
    assert client.get("/admin/vouchers/voucher/add/").status_code == 403
