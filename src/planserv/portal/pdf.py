"""PDF downloads of the documents people keep (docs/portal.md): a voucher, the receipt of a
completion report, the remittance advice of a paid request. fpdf2 (pure Python) draws them from
the same facts the page shows, in the same words and formats (core/formatting.py).

The core fonts speak Latin-1 only: a language whose text they cannot show (Japanese) gets its PDFs
in English, with English dates and money (`document_language`), until a Unicode font ships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from planserv.core import clock, formatting

# The PDF core fonts speak Latin-1: the few signs outside it are written out.
_OUTSIDE_LATIN_1 = {
    "€": "EUR ",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "\u202f": "\u00a0",  # narrow no-break space: French groups digits with it (4 750,00 €)
    "\u2009": " ",  # thin space
}


def _latin(text: object) -> str:
    value = str(text)
    for sign, written in _OUTSIDE_LATIN_1.items():
        value = value.replace(sign, written)
    return value.encode("latin-1", "replace").decode("latin-1")


def _fits_latin_1(text: str) -> bool:
    for sign, written in _OUTSIDE_LATIN_1.items():
        text = text.replace(sign, written)
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def speaks_latin_1() -> bool:
    """Whether the active language's own words, dates and money fit the core fonts: probed with
    the fixed text every PDF prints and a formatted date and amount (names people typed are
    not the language's and do not count)."""
    sample = " ".join(
        [
            _("Planning Services"),
            _("Printed on %(date)s (program date).")
            % {"date": formatting.long_date(dt.date(2021, 6, 15))},
            _("Voucher %(voucher)s") % {"voucher": "V"},
            formatting.money(Decimal("4750"), "EUR"),
            formatting.days(2),
        ]
    )
    return _fits_latin_1(sample)


@contextmanager
def document_language() -> Iterator[str]:
    """Build and draw a PDF inside this: the active language when the core fonts can show it,
    else English (its words, dates and money) instead of a page of "?"."""
    if speaks_latin_1():
        yield translation.get_language() or "en"
        return
    with translation.override("en"):
        yield "en"


@dataclass
class Document:
    title: str
    reference: str  # the number people quote: voucher id, receipt number, request id
    facts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def render(document: Document) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(document.title))
    pdf.set_creator("planserv")
    pdf.set_compression(False)  # small documents; their text stays searchable and testable
    pdf.set_creation_date(clock.now())
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 9)
    brand = _("Planning Services")
    pdf.cell(0, 6, _latin(f"planserv - Software Assurance {brand}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, _latin(document.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, _latin(document.reference), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    label_width = 55
    for label, value in document.facts:
        pdf.set_font("Helvetica", "B", 10)
        y = pdf.get_y()
        pdf.multi_cell(label_width, 6, _latin(label), new_x="RIGHT", new_y="TOP")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 6, _latin(value or "-"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), y + 6))
    for note in document.notes:
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 5, _latin(note), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 8)
    printed = formatting.long_date(clock.today())
    printed_on = _("Printed on %(date)s (program date).") % {"date": printed}
    pdf.cell(0, 5, _latin(printed_on), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def response(document: Document, filename: str) -> HttpResponse:
    """The download; call it (and build the document) inside `document_language()`."""
    with document_language() as language:
        answer = HttpResponse(render(document), content_type="application/pdf")
    answer["Content-Language"] = language
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer


def lines(items: Sequence[str]) -> str:
    return "\n".join(items)
