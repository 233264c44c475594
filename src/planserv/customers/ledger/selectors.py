"""Reads of the days ledger: balances, entries, and the reconciliation that proves R-LED-1..3."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from planserv.customers.ledger.accounts import (
    ALL_KINDS,
    PLANNING_KINDS,
    TRAINING_KINDS,
    AccountKind,
)
from planserv.customers.ledger.flows import flow_mismatches
from planserv.customers.ledger.models import LedgerAccount, LedgerEntry

if TYPE_CHECKING:
    from planserv.customers.models import LicensingAgreement


def agreement_balances(agreement: LicensingAgreement) -> dict[str, int]:
    """Every account kind of the agreement → its stored balance (uses prefetched accounts)."""
    balances = dict.fromkeys(ALL_KINDS, 0)
    for account in agreement.ledger_accounts.all():
        balances[account.kind] = int(account.balance)
    return balances


def days_granted(balances: dict[str, int]) -> int:
    """Planning days ever granted (accrual, manual grants, conversions, net of corrections)."""
    return -balances[AccountKind.ISSUED]


def ledger_entries_for_agreement(*, agreement: LicensingAgreement) -> QuerySet[LedgerEntry]:
    """The agreement's entries, newest first (by id: the order they were written)."""
    return (
        LedgerEntry.objects.filter(agreement=agreement)
        .select_related("source", "destination")
        .order_by("-id")
    )


SUMMARY = "(days flow summary)"
COUNTERS = "(voucher counters)"
# Summaries kept by higher layers (the reports' voucher counters) register their recount here
# (`summary_check_register`, from their app's ready()); `ledger_reconcile` runs each one.
SUMMARY_CHECKS: dict[str, Callable[[], list[str]]] = {}


def summary_check_register(label: str, check: Callable[[], list[str]]) -> None:
    """Add a summary's recount (a function returning one sentence per wrong row) to the
    reconciliation of the whole ledger (`planserv ledger check`)."""
    SUMMARY_CHECKS[label] = check


@dataclass(frozen=True, order=True)
class Problem:
    licensing_id: str
    rule: str
    message: str
    agreement_id: int = 0


@dataclass(frozen=True)
class ReconcileReport:
    agreements: int
    accounts: int
    entries: int
    problems: list[Problem]

    @property
    def clean(self) -> bool:
        return not self.problems


def ledger_reconcile(*, agreement_ids: Sequence[int] | None = None) -> list[Problem]:
    """Every broken ledger invariant: R-LED-3 (stored balance = sum of entries), R-LED-1
    (conservation per agreement), R-LED-2 (no negative non-source account), plus structure
    (every account present, entries inside one agreement and one unit), and, over the whole
    ledger, the days-flow summary recounted from the entries and the registered summaries (the
    voucher counters). Empty means clean."""
    found: list[tuple[int, str, str]] = []
    found += _balance_mismatches(agreement_ids)
    found += _conservation_breaks(agreement_ids)
    found += _negative_balances(agreement_ids)
    found += _missing_accounts(agreement_ids)
    found += _misplaced_entries(agreement_ids)
    problems = _with_licensing_ids(found)
    if agreement_ids is None:
        problems += [
            Problem(licensing_id=SUMMARY, rule="summary", message=message)
            for message in flow_mismatches()
        ]
        for label, check in SUMMARY_CHECKS.items():
            problems += [
                Problem(licensing_id=label, rule="summary", message=message) for message in check()
            ]
    return problems


def ledger_reconcile_report(*, agreement_ids: Sequence[int] | None = None) -> ReconcileReport:
    """The reconciliation with what it looked at (for `planserv ledger check`)."""
    from planserv.customers.models import LicensingAgreement

    agreements = LicensingAgreement.objects.all()
    accounts = LedgerAccount.objects.all()
    entries = LedgerEntry.objects.all()
    if agreement_ids is not None:
        agreements = agreements.filter(pk__in=agreement_ids)
        accounts = accounts.filter(agreement_id__in=agreement_ids)
        entries = entries.filter(agreement_id__in=agreement_ids)
    return ReconcileReport(
        agreements=agreements.count(),
        accounts=accounts.count(),
        entries=entries.count(),
        problems=ledger_reconcile(agreement_ids=agreement_ids),
    )


def _filter_sql(column: str, agreement_ids: Sequence[int] | None) -> tuple[str, list[int]]:
    if agreement_ids is None:
        return "", []
    ids = [int(pk) for pk in agreement_ids] or [-1]
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", ids


def _balance_mismatches(agreement_ids: Sequence[int] | None) -> list[tuple[int, str, str]]:
    """R-LED-3 in one grouped query: stored balance vs incoming minus outgoing entries."""
    account = connection.ops.quote_name(LedgerAccount._meta.db_table)
    entry = connection.ops.quote_name(LedgerEntry._meta.db_table)
    account_filter, account_params = _filter_sql("a.agreement_id", agreement_ids)
    entry_filter, entry_params = _filter_sql("agreement_id", agreement_ids)
    sql = (
        f"SELECT a.agreement_id, a.kind, a.balance, COALESCE(s.total, 0) FROM {account} a "  # noqa: S608 - table names from models, values bound
        "LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM ("
        f"SELECT destination_id AS account_id, days AS amount FROM {entry} WHERE 1=1{entry_filter} "
        f"UNION ALL SELECT source_id, -days FROM {entry} WHERE 1=1{entry_filter}"
        ") x GROUP BY account_id) s ON s.account_id = a.id "
        f"WHERE a.balance <> COALESCE(s.total, 0){account_filter} ORDER BY a.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*entry_params, *entry_params, *account_params])
        rows = cursor.fetchall()
    return [
        (
            agreement_id,
            "R-LED-3",
            f"the stored {kind} balance is {balance} but its entries sum to {total}",
        )
        for agreement_id, kind, balance, total in rows
    ]


def _accounts(agreement_ids: Sequence[int] | None) -> QuerySet[LedgerAccount]:
    accounts = LedgerAccount.objects.all()
    if agreement_ids is not None:
        accounts = accounts.filter(agreement_id__in=agreement_ids)
    return accounts


def _conservation_breaks(agreement_ids: Sequence[int] | None) -> list[tuple[int, str, str]]:
    """R-LED-1: -issued = available + held + consumed + forfeited + removed; same for training."""

    def total(kinds: Sequence[str]) -> Coalesce:
        return Coalesce(Sum("balance", filter=Q(kind__in=kinds)), Value(0))

    rows = (
        _accounts(agreement_ids)
        .order_by()
        .values("agreement_id")
        .annotate(
            planning=total(PLANNING_KINDS),
            granted=-total([AccountKind.ISSUED]),
            training=total(TRAINING_KINDS),
            training_granted=-total([AccountKind.TRAINING_ISSUED]),
        )
        .filter(~Q(planning=F("granted")) | ~Q(training=F("training_granted")))
        .order_by("agreement_id")
    )
    problems = []
    for row in rows:
        if row["planning"] != row["granted"]:
            problems.append(
                (
                    row["agreement_id"],
                    "R-LED-1",
                    f"{row['granted']} days were accrued or converted but the agreement's accounts "
                    f"hold {row['planning']}",
                )
            )
        if row["training"] != row["training_granted"]:
            problems.append(
                (
                    row["agreement_id"],
                    "R-LED-1",
                    f"{row['training_granted']} training days were granted but the training "
                    f"accounts hold {row['training']}",
                )
            )
    return problems


def _negative_balances(agreement_ids: Sequence[int] | None) -> list[tuple[int, str, str]]:
    rows = (
        _accounts(agreement_ids)
        .filter(balance__lt=0)
        .exclude(kind__in=[AccountKind.ISSUED, AccountKind.TRAINING_ISSUED])
        .order_by("pk")
        .values_list("agreement_id", "kind", "balance")
    )
    return [
        (agreement_id, "R-LED-2", f"the {kind} account is negative ({balance})")
        for agreement_id, kind, balance in rows
    ]


def _missing_accounts(agreement_ids: Sequence[int] | None) -> list[tuple[int, str, str]]:
    from planserv.customers.models import LicensingAgreement

    agreements = LicensingAgreement.objects.all()
    if agreement_ids is not None:
        agreements = agreements.filter(pk__in=agreement_ids)
    rows = (
        agreements.annotate(accounts=Count("ledger_accounts"))
        .exclude(accounts=len(ALL_KINDS))
        .order_by("pk")
        .values_list("pk", "accounts")
    )
    return [
        (pk, "R-LED-1", f"it has {count} ledger accounts instead of {len(ALL_KINDS)}")
        for pk, count in rows
    ]


def _misplaced_entries(agreement_ids: Sequence[int] | None) -> list[tuple[int, str, str]]:
    entries = LedgerEntry.objects.all()
    if agreement_ids is not None:
        entries = entries.filter(agreement_id__in=agreement_ids)
    outside = Q(~Q(source__agreement_id=F("agreement_id"))) | Q(
        ~Q(destination__agreement_id=F("agreement_id"))
    )
    training = [*TRAINING_KINDS, AccountKind.TRAINING_ISSUED]
    mixed_units = (Q(source__kind__in=training) & ~Q(destination__kind__in=training)) | (
        Q(destination__kind__in=training) & ~Q(source__kind__in=training)
    )
    rows = entries.filter(outside | mixed_units).order_by("pk").values_list("agreement_id", "pk")
    return [
        (agreement_id, "R-LED-1", f"entry {pk} moves days across agreements or units")
        for agreement_id, pk in rows
    ]


def _with_licensing_ids(found: list[tuple[int, str, str]]) -> list[Problem]:
    from planserv.customers.models import LicensingAgreement

    ids = sorted({agreement_id for agreement_id, _, _ in found})
    names = dict(LicensingAgreement.objects.filter(pk__in=ids).values_list("pk", "licensing_id"))
    return sorted(
        Problem(
            licensing_id=names.get(agreement_id, f"#{agreement_id}"),
            rule=rule,
            message=message,
            agreement_id=agreement_id,
        )
        for agreement_id, rule, message in found
    )


def ledger_days_by_kind() -> dict[str, int]:
    """Days in each kind of account over every agreement, every kind present: the stored balances
    summed (R-LED-3), one grouped read of the accounts, never of the entries."""
    rows = LedgerAccount.objects.values("kind").annotate(total=Sum("balance")).order_by()
    totals = {kind: 0 for kind in AccountKind.values}
    totals.update({row["kind"]: int(row["total"] or 0) for row in rows})
    return totals
