"""Issue 18 item 7: the partner home has a payments panel: registration (masked), requests by
status, what is paid, redeemed vouchers still without a request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planserv.payments.selectors import firm_payments_panel
from tests.factories import accounts as account_factory
from tests.factories import payments as factory

pytestmark = pytest.mark.django_db


def test_the_panel_counts_a_firms_requests_and_its_redeemed_vouchers_without_one(pin_clock):
    pin_clock(dt.date(2021, 3, 25))
    case = factory.redeemed_case()
    other = factory.redeemed_case(firm=case.firm, pool=case.pool)
    factory.registered(case.firm)
    factory.filed(case)

    panel = firm_payments_panel(organisation_id=case.firm.organisation.pk)

    assert panel.registered and panel.redeemed_without_request == 1
    assert panel.in_review == 1 and panel.held == 0 and panel.paid == []
    assert [item.voucher_id for item in panel.recent] == [case.voucher.pk]
    assert other.voucher.status == "redeemed"


def test_a_new_firm_reads_on_its_home_that_registration_comes_with_the_first_redemption(
    pin_clock,
):
    pin_clock(dt.date(2021, 3, 25))
    case = factory.redeemed_case()
    member = account_factory.member(case.firm.organisation, "member")
    client = Client()
    client.force_login(member.user)

    page = client.get("/").content.decode()

    assert 'data-testid="payments-panel"' in page
    assert "Not registered for payment yet" in page
    assert "1 redeemed voucher without a payment request" in page
