"""The portal conventions of docs/portal.md (issue 19 items 1-3): confirmations before irreversible
steps, forms that keep what was typed and show every error, sensible defaults, stated limits
enforced by the server, only choosable offerings, and a closed payment window that says so."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client

from planserv.partners.models import BusinessProfile
from tests.factories import accounts as account_factory
from tests.factories import vouchers as factory
from tests.security.world import build_world

pytestmark = pytest.mark.django_db
D = dt.date
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "planserv" / "portal" / "templates"
# The steps that cannot be undone, by the URL their form posts to.
IRREVERSIBLE = {
    "customer_agreement_activate",
    "customer_voucher_cancel",
    "partner_voucher_redeem",
    "partner_voucher_release",
    "operator_payment_run_confirm",
    "operator_agreement_import_commit",
    "token_revoke",
    "partner_profile_logo_remove",
}


def login(membership) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(membership.user)
    return client


def test_every_irreversible_form_asks_for_confirmation_first():
    found = set()
    for template in TEMPLATES.rglob("*.html"):
        for tag in re.findall(r"<form\b[^>]*>", template.read_text(encoding="utf-8")):
            name = re.search(r"\{% url 'portal:(\w+)'", tag)
            if name and name.group(1) in IRREVERSIBLE:
                found.add(name.group(1))
                assert "data-confirm=" in tag and "data-confirm-button=" in tag, (template, tag)
    assert found == IRREVERSIBLE


def test_a_redeemable_voucher_page_asks_before_redeeming(pin_clock):
    pin_clock(D(2021, 6, 15))
    pool, firm = factory.customer_pool(), factory.eligible_firm()
    voucher = factory.assigned(pool, today=D(2021, 6, 1))
    factory.reserved(voucher, firm, today=D(2021, 6, 15))
    factory.delivered(voucher, firm, today=D(2021, 6, 15))
    html = login(firm.admin).get(f"/partner/vouchers/{voucher.voucher_id}/").content.decode()
    form = re.search(r'<form[^>]*data-testid="redeem-form"[^>]*>', html)
    assert form and "A redemption cannot be undone." in form.group(0)


class TestForms:
    def test_a_refused_reservation_keeps_every_choice_and_lists_every_error(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        pool, firm = factory.customer_pool(), factory.eligible_firm()
        voucher = factory.assigned(pool, today=D(2021, 6, 1))
        response = login(firm.admin).post(
            "/partner/vouchers/reserve/",
            {
                "action": "reserve",
                "voucher_id": voucher.voucher_id,
                "email": pool.manager_email,
                "location": firm.location.location_id,
                "delivery_country": "US",
                "start_date": "not a date",
                "accept_terms": "on",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert 'data-testid="form-errors"' in html and "Planned start date:" in html
        assert "start_date" not in re.sub(r"<[^>]+>", " ", html)  # labels, not field names
        assert re.search(r'name="accept_terms"[^>]*checked', html)
        assert re.search(rf'value="{firm.location.location_id}"\s+selected', html)
        assert factory.fresh(voucher).status == "assigned"

    def _reserved(self, start: dt.date):  # type: ignore[no-untyped-def]
        pool, firm = factory.customer_pool(), factory.eligible_firm()
        voucher = factory.assigned(pool, today=D(2021, 6, 1))
        factory.reserved(voucher, firm, today=D(2021, 6, 15), start=start)
        return firm, factory.fresh(voucher)

    def test_the_report_end_date_is_never_before_the_planned_start(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        firm, voucher = self._reserved(D(2021, 6, 20))
        html = login(firm.admin).get(f"/partner/vouchers/{voucher.voucher_id}/report/")
        end = re.search(r'name="end_date" value="([\d-]+)"', html.content.decode())
        assert end and end.group(1) == "2021-06-20"

    def test_a_refused_report_keeps_the_consultants_and_the_attestation_ticked(self, pin_clock):
        pin_clock(D(2021, 6, 25))
        firm, voucher = self._reserved(D(2021, 6, 20))
        response = login(firm.admin).post(
            f"/partner/vouchers/{voucher.voucher_id}/report/",
            {
                "delivery_country": "US",
                "start_date": "2021-06-20",
                "end_date": "2021-06-22",
                "consultants": [str(firm.consultant.pk)],
                "onsite_days": "99",  # over the limit: refused
                "offsite_days": "0",
                "summary": "Planned it.",
                "next_steps": "",  # missing: a second error shown at once
                "no_extra_fee": "on",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200 and 'data-testid="form-errors"' in html
        assert "Onsite days:" in html and "Next steps:" in html
        assert re.search(rf'value="{firm.consultant.pk}"\s+checked', html)
        assert re.search(r'name="no_extra_fee"[^>]*checked', html)
        assert factory.fresh(voucher).status == "reserved"

    def test_the_profile_refuses_more_than_the_stated_2500_characters(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        firm = factory.eligible_firm()
        editor = account_factory.member(firm.organisation, "profile_admin")
        response = login(editor).post(
            "/partner/profile/edit/", {"description": "x" * 3000, "action": "save"}
        )
        assert response.status_code == 400
        assert "x" * 3000 in response.content.decode()  # kept, to shorten
        assert not BusinessProfile.objects.filter(organisation=firm.organisation).exists()

    def test_the_profile_offers_only_enrolled_offerings_and_searchable_countries(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        firm = factory.eligible_firm()
        editor = account_factory.member(firm.organisation, "profile_admin")
        html = login(editor).get("/partner/profile/edit/").content.decode()
        offered = set(re.findall(r'name="offerings_delivered" value="(\w+)"', html))
        enrolled = {e.offering.code for e in firm.organisation.enrollments.all()}
        assert offered and offered <= enrolled
        assert re.search(r'<select[^>]*name="countries_served"[^>]*data-searchable', html)
        assert "Ctrl" not in html

    def test_the_bulk_extension_ticks_no_status_for_the_operator(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        operator = account_factory.organisation("operator", name="Program Office")
        html = login(account_factory.member(operator, "program_admin")).get(
            "/operator/bulk/extend/"
        )
        assert html.status_code == 200
        assert not re.search(r'name="statuses"[^>]*checked', html.content.decode())


def test_a_closed_payment_window_says_when_it_closed_and_offers_no_request(pin_clock):
    from tests.security import (
        operations,  # noqa: F401  (loads the rows in their order)
        rows_payments,
    )

    pin_clock(rows_payments.TODAY)
    world = build_world()
    voucher, _ = rows_payments._redeemed(world, "partner")
    pin_clock(D(2022, 3, 1))
    admin = world.member("partner_admin")
    page = login(admin).get(f"/partner/payments/vouchers/{voucher.voucher_id}/request/")
    html = page.content.decode()
    assert re.search(r"closed \d+ days ago", html), html[-3000:]
    assert 'data-testid="window-closed"' in html
    assert 'data-testid="payment-request-form"' not in html
