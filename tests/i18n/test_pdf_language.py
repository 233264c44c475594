"""Issue 24: PDFs are drawn with the core fonts (Latin-1). A language they can show keeps its
words; a language they cannot (Japanese) gets the PDF in English, dates and money included,
never a page of "?" (portal/pdf.py, docs/i18n.md)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from planserv.core import formatting
from planserv.portal import pdf
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date


def pdf_text(content: bytes) -> str:
    """The text the (uncompressed) PDF shows: the strings of its text-showing operators."""
    raw = content.decode("latin-1")
    shown = re.findall(r"\(((?:\\.|[^\\)])*)\)\s*Tj", raw)
    assert shown, "no text operators found: is the PDF compressed?"
    return "\n".join(re.sub(r"\\(.)", r"\1", part) for part in shown)


def voucher_pdf(language: str):  # type: ignore[no-untyped-def]
    pool = factory.customer_pool(days=40)
    voucher = factory.assigned(pool, today=D(2021, 6, 1))
    user = pool.admin.user
    user.language = language
    user.save()
    client = Client()
    client.force_login(user)
    response = client.get(f"/customer/vouchers/{voucher.voucher_id}/voucher.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response, voucher, client


class TestPdfLanguage:
    def test_only_languages_outside_latin_1_fall_back(self):
        for language, fits in [
            ("en", True),
            ("de", True),
            ("fr", True),
            ("es", True),
            ("ja", False),
        ]:
            with translation.override(language):
                assert pdf.speaks_latin_1() is fits, language
                with pdf.document_language() as used:
                    assert used == (language if fits else "en")
                    assert translation.get_language() == used

    def test_french_money_keeps_its_digits_together_without_a_question_mark(self):
        with translation.override("fr"):
            written = pdf._latin(formatting.money(Decimal("4750"), "EUR"))
        assert written == "4\u00a0750,00\u00a0EUR "

    def test_a_japanese_users_pdf_is_readable_english(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        response, voucher, _client = voucher_pdf("ja")
        text = pdf_text(response.content)
        assert "?" not in text
        assert f"Voucher {voucher.display_id}" in text
        assert "Status" in text and "Expires" in text and "Assigned on" in text
        assert "1 June 2021" in text  # English date, not 2021年6月1日
        assert "Printed on 15 June 2021 (program date)." in text
        assert response["Content-Language"] == "en"

    def test_a_german_users_pdf_stays_german(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        response, _voucher, _client = voucher_pdf("de")
        text = pdf_text(response.content)
        assert "?" not in text
        assert "Verfällt am" in text and "1. Juni 2021" in text
        assert "Expires" not in text
        assert response["Content-Language"] == "de"

    def test_the_page_after_the_pdf_is_japanese_again(self, pin_clock):
        pin_clock(D(2021, 6, 15))
        _response, voucher, client = voucher_pdf("ja")
        page = client.get(f"/customer/vouchers/{voucher.voucher_id}/")
        assert page["Content-Language"] == "ja" and "バウチャー" in page.content.decode()
