"""Every page tells the truth at every date of the timeline (issue 19, item 4): the demo loaded at a
dozen dates from 2019 to 2022, each side's home and main pages rendered, and the numbers shown
checked against the ledger; the inconsistencies the issue found do not come back.

One date runs in the fast lane; the others are marked slow (each loads the whole demo)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db.models import Q, Sum
from django.test import Client

from planserv.accounts.models import User
from planserv.customers.models import LedgerAccount
from planserv.program.calendar import calendar_get
from planserv.vouchers.models import Voucher
from planserv_dev.demo.builder import build_demo

pytestmark = pytest.mark.django_db

D = dt.date
FAST_DATES = [D(2021, 6, 15)]
SLOW_DATES = [
    D(2019, 7, 1),
    D(2019, 10, 15),
    D(2020, 1, 31),
    D(2020, 6, 16),
    D(2020, 11, 2),
    D(2021, 2, 1),
    D(2021, 6, 30),
    D(2021, 7, 1),
    D(2021, 9, 15),
    D(2022, 1, 2),
    D(2022, 3, 31),
]
DATES = [*FAST_DATES, *(pytest.param(day, marks=pytest.mark.slow) for day in SLOW_DATES)]

CUSTOMER = ("benefits@woodgrove.demo", "C-200001")
CUSTOMER_PAGES = ["/", "/customer/agreements/", "/customer/vouchers/", "/customer/vouchers/new/"]
PARTNERS = ["admin@contoso.demo", "global@fabrikam.demo", "admin@adatum.demo"]
PARTNER_PAGES = [
    "/",
    "/partner/eligibility/",
    "/partner/enrollments/",
    "/partner/vouchers/",
    "/partner/payments/",
]
OPERATOR = "admin@operator.demo"
OPERATOR_PAGES = [
    "/",
    "/operator/agreements/",
    "/operator/reports/dashboard/",
    "/operator/reports/retirement-impact/",
    "/operator/bulk/extend/",
]


def client_for(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    html = response.content.decode()
    # The footer never shows an empty "next milestone" between its separators.
    footer = html[html.index('<footer class="container site-footer">') :]
    assert not re.search(r"·\s*·", footer), (path, footer[:300])
    return html


def shown(html: str, testid: str) -> int:
    match = re.search(rf'data-testid="{testid}"><strong>(\d+)</strong>', html)
    assert match, f"{testid} is not on the page"
    return int(match.group(1))


def figure(html: str, label: str) -> int | None:
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(?:<a [^>]*>)?(\d+)", html)
    return int(match.group(1)) if match else None


def ledger_days(public_id: str, kind: str, *, activated_only: bool = False) -> int:
    accounts = LedgerAccount.objects.filter(agreement__customer__public_id=public_id, kind=kind)
    if activated_only:
        accounts = accounts.filter(~Q(agreement__activated_on=None))
    return int(accounts.aggregate(total=Sum("balance"))["total"] or 0)


@pytest.mark.parametrize("today", DATES, ids=str)
def test_each_sides_pages_show_the_ledgers_numbers_at_the_date(today):
    build_demo(today=today)
    cal = calendar_get()
    email, customer = CUSTOMER

    customer_client = client_for(email)
    home = page(customer_client, "/")
    for kind in ("available", "held", "consumed", "removed"):
        assert shown(home, f"days-{kind}") == ledger_days(customer, kind), kind
    forfeited = ledger_days(customer, "forfeited")
    if forfeited:
        assert shown(home, "days-forfeited") == forfeited
        assert "forfeited" in home
    usable = ledger_days(customer, "available", activated_only=True)
    waiting = ledger_days(customer, "available") - usable
    step_two = figure(home, "Days available for vouchers")
    if step_two is not None:  # the step shows its figure once an agreement is activated
        assert step_two == usable
    if waiting and today <= cal.last_create_date:
        # The panel says how the two numbers relate (the "30 available" vs "18").
        assert f"the other {waiting} wait for their agreement" in home
    create = page(customer_client, "/customer/vouchers/new/")
    if today > cal.last_create_date:
        assert "A voucher created today is usable through" not in create
        assert "Vouchers can no longer be created" in create
    else:
        assert "A voucher created today is usable through" in create
    for path in CUSTOMER_PAGES[1:3]:
        page(customer_client, path)

    for partner in PARTNERS:
        partner_client = client_for(partner)
        partner_home = page(partner_client, "/")
        if today > cal.last_redemption_date:
            assert "You may enroll" not in partner_home, partner
        for path in PARTNER_PAGES[1:]:
            page(partner_client, path)

    operator_client = client_for(OPERATOR)
    for path in OPERATOR_PAGES:
        html = page(operator_client, path)
        assert "Not found" not in html, path
    dashboard = page(operator_client, "/operator/reports/dashboard/")
    assert 'aria-labelledby="partners_by_offering-heading"' in dashboard


@pytest.mark.slow
def test_after_the_last_milestone_the_retirement_impact_shows_it_and_the_footer_names_it():
    build_demo(today=D(2022, 3, 31))
    html = page(client_for(OPERATOR), "/operator/reports/retirement-impact/")
    assert 'data-testid="all-passed"' in html
    assert "the last milestone, Last day to redeem, was on 1 January 2022" in html


def test_bulk_extension_by_voucher_ids_needs_no_status_unticked():
    build_demo(today=D(2021, 6, 15))
    client = client_for(OPERATOR)
    form = page(client, "/operator/bulk/extend/")
    boxes = re.findall(r'<input[^>]*name="statuses"[^>]*>', form)
    assert boxes and not [box for box in boxes if "checked" in box]
    voucher = Voucher.objects.filter(status="assigned").order_by("pk").first()
    response = client.post(
        "/operator/bulk/extend/",
        {
            "voucher_ids": voucher.voucher_id,
            "extra_days": "30",
            "reason": "Travel restrictions",
            "action": "dry_run",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "not both" not in html
    assert voucher.display_id in html
