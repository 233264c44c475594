"""Print and PDF (issue 19 item 7, docs/portal.md): the voucher, the completion-report receipt and
the remittance advice download as PDF (fpdf2), in the page's words; each page prints through the
print style sheet."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from planserv.core.types import Role
from tests.security.operations import PORTAL_PAGES
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    return build_world()


def fetch(world, url_name: str, role: str, tenant: str = "own"):
    page = next(page for page in PORTAL_PAGES if page.url_name == url_name)
    client = Client()
    client.force_login(world.member(role).user)
    call = page.build(world, tenant, role)
    return client.get(call.path), call.path


def pdf_text(content: bytes) -> str:
    """The text shown by the PDF's uncompressed content streams (Tj operators)."""
    return " ".join(re.findall(r"\((.*?)\) ?Tj", content.decode("latin-1")))


def test_the_voucher_downloads_as_a_pdf_for_the_customer_and_the_partner(world):
    for url_name, role in (
        ("portal:customer_voucher_pdf", Role.BENEFITS_ADMIN),
        ("portal:partner_voucher_pdf", Role.PARTNER_ADMIN),
    ):
        response, path = fetch(world, url_name, role)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="voucher-')
        assert response.content.startswith(b"%PDF-")
        text = pdf_text(response.content)
        assert "Voucher" in text and "15 June 2021" in text  # one date format, as on the page


def test_the_completion_report_receipt_names_its_receipt_number(world):
    response, path = fetch(world, "portal:partner_voucher_receipt_pdf", Role.MEMBER)
    assert response.status_code == 200, path
    text = pdf_text(response.content)
    assert "Completion report receipt" in text
    receipt = re.search(r"Receipt (\S+)", text)
    assert receipt and receipt.group(1) in response["Content-Disposition"]


def test_the_remittance_advice_of_a_paid_request_shows_the_amount_by_locale(world):
    response, path = fetch(world, "portal:partner_payment_remittance_pdf", Role.PARTNER_ADMIN)
    assert response.status_code == 200, path
    text = pdf_text(response.content)
    assert "Remittance advice" in text
    assert re.search(r"EUR \d[\d,]*\.\d\d", text), text  # "€" written out in the PDF font


def test_a_request_not_paid_yet_has_no_remittance_advice(world):
    response, _ = fetch(world, "portal:partner_payment_detail", Role.PARTNER_ADMIN)
    path = response.request["PATH_INFO"] + "remittance.pdf"
    client = Client()
    client.force_login(world.member(Role.PARTNER_ADMIN).user)
    assert client.get(path).status_code == 404
    assert "remittance" not in response.content.decode()  # no link on an unpaid request's page


def test_the_voucher_page_offers_the_pdf_and_a_print_button(world):
    response, _ = fetch(world, "portal:partner_voucher_detail", Role.PARTNER_ADMIN)
    html = response.content.decode()
    assert 'data-testid="pdf-link"' in html and "data-print" in html
