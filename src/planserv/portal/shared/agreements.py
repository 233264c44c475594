"""What the customer and operator agreement pages share: balances, the days-over-time chart data,
the ledger rows with their causes. Presentation only; the numbers come from customers.selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.customers.ledger.accounts import AccountKind
from planserv.customers.models import LedgerEntry, LicensingAgreement
from planserv.customers.selectors import (
    agreement_balances,
    agreement_days_over_time,
    days_granted,
    ledger_entries_for_agreement,
)
from planserv.customers.services.grants import CORRECTABLE

LEDGER_PAGE = 25

# (key, label, colour): the lines of the chart and the columns of the table beside it.
SERIES = [
    ("granted", gettext_lazy("Accrued"), "#1f6feb"),
    ("available", gettext_lazy("Available"), "#1e8a4c"),
    ("held", gettext_lazy("Held"), "#b7791f"),
    ("consumed", gettext_lazy("Consumed"), "#6f42c1"),
    ("returned", gettext_lazy("Returned"), "#0aa2c0"),
    ("forfeited", gettext_lazy("Forfeited"), "#8a8a8a"),
    ("removed", gettext_lazy("Removed"), "#c62828"),
]

BALANCE_CARDS = [
    (
        AccountKind.AVAILABLE,
        gettext_lazy("Available"),
        gettext_lazy("days you can put into vouchers"),
    ),
    (AccountKind.HELD, gettext_lazy("Held"), gettext_lazy("in live vouchers")),
    (AccountKind.CONSUMED, gettext_lazy("Consumed"), gettext_lazy("redeemed vouchers")),
    (
        AccountKind.FORFEITED,
        gettext_lazy("Forfeited"),
        gettext_lazy("expired after end or removal"),
    ),
    (AccountKind.REMOVED, gettext_lazy("Removed"), gettext_lazy("at the program's retirement")),
    (AccountKind.TRAINING, gettext_lazy("Training days"), gettext_lazy("not yet converted")),
]


def balance_cards(agreement: LicensingAgreement) -> list[dict[str, Any]]:
    balances = agreement_balances(agreement)
    cards = [
        {"kind": str(kind), "label": label, "help": help_text, "days": balances[kind]}
        for kind, label, help_text in BALANCE_CARDS
    ]
    cards.insert(
        0,
        {
            "kind": "granted",
            "label": _("Granted"),
            "help": _("accrued, converted and granted"),
            "days": days_granted(balances),
        },
    )
    return cards


def days_chart(agreement: LicensingAgreement) -> dict[str, Any]:
    """The chart's data island and the rows of the table beside it (the same numbers)."""
    points = agreement_days_over_time(agreement=agreement)
    series = [
        {
            "key": key,
            "label": str(label),
            "colour": colour,
            "values": [getattr(point, key) for point in points],
        }
        for key, label, colour in SERIES
    ]
    rows = [
        {"day": point.day, "values": [getattr(point, key) for key, _label, _colour in SERIES]}
        for point in points
    ]
    return {
        "data": {"labels": [point.day.isoformat() for point in points], "series": series},
        "columns": [str(label) for _key, label, _colour in SERIES],
        "rows": rows,
    }


def describe_entry(entry: LedgerEntry) -> str:
    """The cause of an entry in words."""
    cause = entry.get_cause_display()
    if entry.cause in ("voucher", "expiry") and entry.cause_id:
        return f"{cause} {entry.cause_id}"
    if entry.cause == "correction" and entry.reverses_id:
        return _("Correction of entry %(entry)s") % {"entry": entry.reverses_id}
    return cause


def ledger_page(agreement: LicensingAgreement, *, before: str | None) -> dict[str, Any]:
    """The newest LEDGER_PAGE entries (older than entry `before` when given)."""
    entries: QuerySet[LedgerEntry] = ledger_entries_for_agreement(agreement=agreement)
    if before and before.isascii() and before.isdigit() and len(before) < 19:
        entries = entries.filter(pk__lt=int(before))
    page = list(entries[: LEDGER_PAGE + 1])
    reversed_ids = set(
        LedgerEntry.objects.filter(reverses__in=page[:LEDGER_PAGE]).values_list(
            "reverses_id", flat=True
        )
    )
    rows = [
        {
            "entry": entry,
            "what": describe_entry(entry),
            "source": entry.source.get_kind_display(),
            "destination": entry.destination.get_kind_display(),
            "correctable": entry.cause in CORRECTABLE and entry.pk not in reversed_ids,
            "reversed": entry.pk in reversed_ids,
        }
        for entry in page[:LEDGER_PAGE]
    ]
    older = page[LEDGER_PAGE - 1].pk if len(page) > LEDGER_PAGE else None
    return {"rows": rows, "older": older, "paged": bool(before)}


def agreement_context(
    agreement: LicensingAgreement, *, today: dt.date, before: str | None
) -> dict[str, Any]:
    return {
        "agreement": agreement,
        "cards": balance_cards(agreement),
        "chart": days_chart(agreement),
        "ledger": ledger_page(agreement, before=before),
        "coverage": list(agreement.coverage_lines.all()),
        "active_today": agreement.is_active_on(today),
    }
