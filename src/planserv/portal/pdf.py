"""PDF downloads of the documents people keep (docs/portal.md): a voucher, the receipt of a
completion report, the remittance advice of a paid request. fpdf2 (pure Python) draws them from
the same facts the page shows, in the same words and formats (core/formatting.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
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
}


def _latin(text: object) -> str:
    value = str(text)
    for sign, written in _OUTSIDE_LATIN_1.items():
        value = value.replace(sign, written)
    return value.encode("latin-1", "replace").decode("latin-1")


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
    answer = HttpResponse(render(document), content_type="application/pdf")
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer


def lines(items: Sequence[str]) -> str:
    return "\n".join(items)
