"""Reads of the customer benefits capability, and the access helpers the API and portal share.

R-ROLE-1: operators (any operator role) read every agreement; a customer reads only its own;
a foreign or unknown licensing id is not found; partners have no access (403).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, InvalidInput
from planserv.core.formatting import long_date
from planserv.core.types import OrganisationKind
from planserv.customers.accrual import coverage_year_starts, term_days, year_grant
from planserv.customers.errors import AgreementNotFound
from planserv.customers.importing import error_csv, parse_agreements_csv
from planserv.customers.ledger.accounts import PLANNING_KINDS, AccountKind
from planserv.customers.ledger.selectors import (  # noqa: F401  (re-exported)
    Problem,
    ReconcileReport,
    agreement_balances,
    days_granted,
    ledger_entries_for_agreement,
    ledger_reconcile,
    ledger_reconcile_report,
)
from planserv.customers.models import (
    AgreementImport,
    LedgerAccount,
    LedgerEntry,
    LicensingAgreement,
    TrainingConversion,
)
from planserv.program.calendar import calendar_get, program_settings_get
from planserv.program.models import AccrualBand, Milestone, MilestoneKey


def _agreements() -> QuerySet[LicensingAgreement]:
    return LicensingAgreement.objects.select_related("customer").prefetch_related(
        Prefetch("ledger_accounts", queryset=LedgerAccount.objects.order_by("pk")),
        "coverage_lines",
    )


def _forbid_partners(actor: Actor) -> None:
    if not (actor.is_operator or actor.is_customer):
        raise Forbidden(
            _(
                "Licensing agreements are read by their customer and by the program operator "
                "(R-ROLE-1)."
            ),
            details={"role": actor.role},
        )


def agreement_list_for_actor(actor: Actor) -> QuerySet[LicensingAgreement]:
    """Every agreement for an operator, the customer's own for a customer; Forbidden otherwise.
    Accounts and coverage are prefetched (no N+1)."""
    _forbid_partners(actor)
    agreements = _agreements()
    if actor.is_customer:
        agreements = agreements.filter(customer_id=actor.organisation_id)
    return agreements.order_by("licensing_id")


def _not_found(licensing_id: str) -> AgreementNotFound:
    return AgreementNotFound(
        _("There is no licensing agreement %(licensing_id)r for you.")
        % {"licensing_id": licensing_id},
        details={"licensing_id": licensing_id},
    )


# A search names at most this many customers; their agreements join the licensing id matches.
SEARCH_CUSTOMERS = 1000
LICENSING_ID_SHAPE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,39}$")
PUBLIC_ID_SHAPE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")


def access_agreement_for_actor(*, actor: Actor, licensing_id: str) -> LicensingAgreement:
    """Read access: an operator gets any agreement, a customer its own; NotFound for a foreign
    or unknown one (or a malformed id); Forbidden for partners (R-ROLE-1)."""
    agreements = agreement_list_for_actor(actor)
    wanted = licensing_id.strip().upper()
    if not LICENSING_ID_SHAPE.match(wanted):
        raise _not_found(licensing_id[:50])
    try:
        return agreements.get(licensing_id=wanted)
    except LicensingAgreement.DoesNotExist:
        raise _not_found(licensing_id) from None


def access_agreement_for_customer(*, actor: Actor, licensing_id: str) -> LicensingAgreement:
    """A customer's own agreement, for the customer's acts (activation, conversion); NotFound
    for a foreign or unknown one; Forbidden for anyone not on the customer side (R-ROLE-1)."""
    if not actor.is_customer:
        raise Forbidden(
            _("Only the customer's benefits admin acts on its agreements (R-ROLE-1)."),
            details={"role": actor.role},
        )
    return access_agreement_for_actor(actor=actor, licensing_id=licensing_id)


def access_agreement_for_operator(*, actor: Actor, licensing_id: str) -> LicensingAgreement:
    """Any agreement, for an operator; Forbidden for the other sides."""
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator may do this (R-ROLE-1)."))
    return access_agreement_for_actor(actor=actor, licensing_id=licensing_id)


def conversions_for_agreement(*, agreement: LicensingAgreement) -> QuerySet[TrainingConversion]:
    return TrainingConversion.objects.filter(agreement=agreement).order_by("-converted_at", "-id")


@dataclass(frozen=True)
class ConversionTerms:
    """What a benefits admin needs to know before converting (R-TRN-1)."""

    training_days_per_planning_day: int
    last_conversion_date: dt.date
    open: bool


def conversion_terms(*, today: dt.date) -> ConversionTerms:
    last = calendar_get().last_conversion_date
    return ConversionTerms(
        training_days_per_planning_day=program_settings_get().training_days_per_planning_day,
        last_conversion_date=last,
        open=today <= last,
    )


TRAINING_UNIT = {
    AccountKind.TRAINING,
    AccountKind.TRAINING_ISSUED,
    AccountKind.TRAINING_CONVERTED,
}


@dataclass(frozen=True)
class DaysPoint:
    """The agreement's days as they stood at the end of `day` (effective dates)."""

    day: dt.date
    granted: int  # accrued + converted + manual grants, net of corrections
    available: int
    held: int
    consumed: int
    returned: int  # cumulative days returned from vouchers to available
    forfeited: int
    removed: int


def agreement_days_over_time(*, agreement: LicensingAgreement) -> list[DaysPoint]:
    """One point per effective date on which the agreement's planning days moved."""
    rows = (
        LedgerEntry.objects.filter(agreement=agreement)
        .order_by("effective_date", "id")
        .values_list("effective_date", "source__kind", "destination__kind", "days")
    )
    balances: dict[str, int] = dict.fromkeys(AccountKind.values, 0)
    returned = 0
    points: dict[dt.date, DaysPoint] = {}
    for day, source, destination, days in rows:
        if source in TRAINING_UNIT or destination in TRAINING_UNIT:
            continue  # training-voucher days are another unit; the chart shows planning days
        balances[source] -= days
        balances[destination] += days
        if (source, destination) == (AccountKind.HELD, AccountKind.AVAILABLE):
            returned += days
        points[day] = DaysPoint(
            day=day,
            granted=-balances[AccountKind.ISSUED],
            available=balances[AccountKind.AVAILABLE],
            held=balances[AccountKind.HELD],
            consumed=balances[AccountKind.CONSUMED],
            returned=returned,
            forfeited=balances[AccountKind.FORFEITED],
            removed=balances[AccountKind.REMOVED],
        )
    return list(points.values())


DAYS_MILESTONES = [
    MilestoneKey.TRAINING_CONVERSION_END,
    MilestoneKey.ACCRUAL_END,
    MilestoneKey.LAST_CREATE_DAY,
    MilestoneKey.REMOVAL,
    MilestoneKey.LAST_REDEMPTION_DAY,
]


@dataclass(frozen=True)
class MilestoneImpact:
    """What the next milestone will do to these agreements' days (the portal banner)."""

    milestone: Milestone
    days_away: int
    message: str


def _totals(agreements: list[LicensingAgreement]) -> dict[str, int]:
    totals = dict.fromkeys(AccountKind.values, 0)
    for agreement in agreements:
        for kind, balance in agreement_balances(agreement).items():
            totals[kind] += balance
    return totals


def milestone_impact(
    *,
    agreements: list[LicensingAgreement] | None = None,
    today: dt.date,
    totals: dict[str, int] | None = None,
) -> MilestoneImpact | None:
    """The next milestone that concerns days (dated today or later) and, in a sentence, its
    effect on the days of `agreements` (their accounts prefetched), or on `totals` by kind."""
    milestone = (
        Milestone.objects.filter(date__gte=today, key__in=DAYS_MILESTONES)
        .order_by("date", "key")
        .first()
    )
    if milestone is None:
        return None
    totals = totals if totals is not None else _totals(agreements or [])
    available, held, training = (
        totals[AccountKind.AVAILABLE],
        totals[AccountKind.HELD],
        totals[AccountKind.TRAINING],
    )
    when = long_date(milestone.date)
    held_note = f" The {held} days held in vouchers stay with their vouchers." if held else ""
    messages = {
        MilestoneKey.TRAINING_CONVERSION_END: (
            f"From {when} training days can no longer be converted: {training} training days "
            "are still unconverted."
        ),
        MilestoneKey.ACCRUAL_END: (
            f"From {when} no coverage year accrues new days; the {available} available days "
            "you have stay yours."
        ),
        MilestoneKey.LAST_CREATE_DAY: (
            f"{when} is the last day to put days into vouchers: {available} available days are "
            f"not in a voucher yet, and on {long_date(calendar_get().removal_date)} the remaining "
            "available days are removed."
        ),
        MilestoneKey.REMOVAL: (
            f"Today the remaining available days are removed: {totals[AccountKind.REMOVED]} days "
            f"have been removed.{held_note}"
            if milestone.date == today
            else f"On {when} the remaining {available} available days will be removed.{held_note}"
        ),
        MilestoneKey.LAST_REDEMPTION_DAY: (
            f"{when} is the last day partners can redeem vouchers: {held} days are held in "
            "vouchers not yet redeemed."
        ),
    }
    return MilestoneImpact(
        milestone=milestone,
        days_away=(milestone.date - today).days,
        message=messages.get(MilestoneKey(milestone.key), milestone.effect),
    )


def days_to_be_removed_by_customer() -> dict[int, int]:
    """Customer organisation id → available days the removal would take now (one query)."""
    rows = (
        LedgerAccount.objects.filter(kind=AccountKind.AVAILABLE, balance__gt=0)
        .order_by()
        .values("agreement__customer_id")
        .annotate(days=Sum("balance"))
        .values_list("agreement__customer_id", "days")
    )
    return {customer_id: int(days) for customer_id, days in rows}


def agreement_imports_recent(*, limit: int = 20) -> QuerySet[AgreementImport]:
    return AgreementImport.objects.order_by("-created_at", "-id")[:limit]


def agreement_import_error_csv(*, agreement_import: AgreementImport) -> Iterator[str]:
    """The error file of an import: the rows in error as uploaded, with an `error` column."""
    errors = {
        int(result["line"]): str(result["message"])
        for result in agreement_import.results
        if result["outcome"] == "error"
    }
    return error_csv(parse_agreements_csv(agreement_import.content), errors)


def customer_public_id(value: str) -> str:
    """A customer id as typed (e.g. c-200001) in its stored form; InvalidInput if malformed."""
    public_id = value.strip().upper()
    if not PUBLIC_ID_SHAPE.match(public_id):
        raise InvalidInput(
            _("%(customer_id)r is not a customer id (letters, digits and dashes, e.g. C-200001).")
            % {"customer_id": value[:40]},
            details={"customer": value[:40]},
        )
    return public_id


def customer_get(*, public_id: str) -> Organisation:
    """The customer organisation with this public id (e.g. C-200001); InvalidInput otherwise."""
    public_id = customer_public_id(public_id)
    customer = (
        Organisation.objects.filter(
            public_id=public_id.strip().upper(), kind=OrganisationKind.CUSTOMER
        )
        .order_by("pk")
        .first()
    )
    if customer is None:
        raise InvalidInput(
            _("There is no customer %(public_id)r.") % {"public_id": public_id},
            details={"customer": public_id},
        )
    return customer


def entry_for_agreement(*, agreement: LicensingAgreement, entry_id: int) -> LedgerEntry:
    """One entry of the agreement; NotFound when it belongs to another agreement."""
    if not 0 < entry_id < 2**63:
        raise AgreementNotFound(
            _("Agreement %(licensing_id)s has no ledger entry %(entry_id)s.")
            % {"licensing_id": agreement.licensing_id, "entry_id": entry_id}
        )
    try:
        return ledger_entries_for_agreement(agreement=agreement).get(pk=entry_id)
    except LedgerEntry.DoesNotExist:
        raise AgreementNotFound(
            _("Agreement %(licensing_id)s has no ledger entry %(entry_id)s.")
            % {"licensing_id": agreement.licensing_id, "entry_id": entry_id}
        ) from None


def agreement_search_for_operator(*, actor: Actor, query: str) -> QuerySet[LicensingAgreement]:
    """Agreements whose licensing id, customer name or customer id matches `query` (operators)."""
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator searches every agreement (R-ROLE-1)."))
    agreements = agreement_list_for_actor(actor)
    text = query.replace("\x00", "").strip()
    if text:
        # The matching customers first (a trigram index on their names on PostgreSQL), then one
        # OR of two index reads on the agreements: a join inside the OR would scan them all.
        customers = list(
            Organisation.objects.filter(kind=OrganisationKind.CUSTOMER)
            .filter(Q(name__icontains=text) | Q(public_id=text.upper()))
            .order_by("pk")
            .values_list("pk", flat=True)[:SEARCH_CUSTOMERS]
        )
        agreements = agreements.filter(
            Q(licensing_id__icontains=text) | Q(customer_id__in=customers)
        )
    return agreements


def access_import_for_operator(*, actor: Actor, import_id: int) -> AgreementImport:
    if not actor.is_operator:
        raise Forbidden(_("Only the program operator imports agreements (R-ROLE-1)."))
    if not 0 < import_id < 2**63:
        raise AgreementNotFound(
            _("There is no agreement import %(import_id)s.") % {"import_id": import_id}
        )
    try:
        return AgreementImport.objects.get(pk=import_id)
    except AgreementImport.DoesNotExist:
        raise AgreementNotFound(
            _("There is no agreement import %(import_id)s.") % {"import_id": import_id}
        ) from None


def customers_list() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.CUSTOMER).order_by("name", "pk")


@dataclass(frozen=True)
class DaysAtStake:
    """One thing a customer stands to lose at a milestone, per agreement (for the reminders)."""

    customer_id: int
    quantity: int
    unit: str
    detail: str


def _balances_at_stake(kind: str, unit: str, detail: str) -> list[DaysAtStake]:
    rows = (
        LedgerAccount.objects.filter(kind=kind, balance__gt=0)
        .order_by("agreement__customer_id", "agreement__licensing_id")
        .values_list("agreement__customer_id", "agreement__licensing_id", "balance")
    )
    return [
        DaysAtStake(customer_id, int(balance), unit, detail % {"licensing_id": licensing_id})
        for customer_id, licensing_id, balance in rows
    ]


def _accrual_at_stake() -> list[DaysAtStake]:
    """The days of the coverage years that start from the accrual end (R-ACC-1)."""
    first_refused = calendar_get().last_accrual_date + dt.timedelta(days=1)
    bands = bands_by_pool()
    stakes = []
    agreements = (
        LicensingAgreement.objects.filter(end_date__gte=first_refused)
        .prefetch_related("coverage_lines")
        .order_by("customer_id", "licensing_id")
    )
    for agreement in agreements.iterator(chunk_size=2000):
        term = term_days(coverage_of(agreement), bands)
        starts = coverage_year_starts(agreement.start_date, agreement.end_date)
        lost = sum(
            year_grant(term, index) for index, day in enumerate(starts) if day >= first_refused
        )
        if lost:
            stakes.append(
                DaysAtStake(
                    agreement.customer_id,
                    lost,
                    _("days"),
                    _("would have accrued on agreement %(licensing_id)s from %(date)s")
                    % {"licensing_id": agreement.licensing_id, "date": long_date(first_refused)},
                )
            )
    return stakes


def days_at_stake(*, milestone_key: str) -> list[DaysAtStake] | None:
    """What each customer stands to lose at the milestone, per agreement, from the ledger now;
    None for a milestone that is not about days (the cloud retirement is about vouchers)."""
    if milestone_key == MilestoneKey.TRAINING_CONVERSION_END:
        return _balances_at_stake(
            AccountKind.TRAINING,
            _("training days"),
            _("not yet converted on agreement %(licensing_id)s"),
        )
    if milestone_key == MilestoneKey.ACCRUAL_END:
        return _accrual_at_stake()
    if milestone_key in (MilestoneKey.LAST_CREATE_DAY, MilestoneKey.REMOVAL):
        return _balances_at_stake(
            AccountKind.AVAILABLE,
            _("days"),
            _("available on agreement %(licensing_id)s, not in a voucher"),
        )
    if milestone_key == MilestoneKey.LAST_REDEMPTION_DAY:
        return _balances_at_stake(
            AccountKind.HELD,
            _("days"),
            _("in vouchers on agreement %(licensing_id)s not yet redeemed"),
        )
    return None


def bands_by_pool() -> dict[str, list[tuple[int, int]]]:
    """The accrual scale in force: pool → [(minimum quantity, days per 3-year term)]."""
    bands: dict[str, list[tuple[int, int]]] = {}
    for pool, minimum, days in AccrualBand.objects.order_by(
        "product_pool", "minimum_quantity"
    ).values_list("product_pool", "minimum_quantity", "days_per_term"):
        bands.setdefault(pool, []).append((minimum, days))
    return bands


def coverage_of(agreement: LicensingAgreement) -> dict[str, int]:
    """Product pool → SA-covered quantity (uses prefetched coverage lines)."""
    return {line.product_pool: line.quantity for line in agreement.coverage_lines.all()}


@dataclass(frozen=True)
class CustomerDays:
    """A customer's days summed over its agreements, by aggregate (no agreement is loaded)."""

    totals: dict[str, int]
    agreements: int
    not_activated: int
    # The available days of activated agreements: the days that can go into vouchers (the
    # getting-started step 2 counts these; the rest waits for an agreement's activation).
    available_to_use: int = 0


def customer_days_summary(actor: Actor) -> CustomerDays:
    """The customer's balances summed by account kind and its agreement counts, in two queries
    whatever the number of agreements (PERF-6: the home page of a customer with hundreds)."""
    _forbid_partners(actor)
    totals = dict.fromkeys(AccountKind.values, 0)
    rows = (
        LedgerAccount.objects.filter(agreement__customer_id=actor.organisation_id)
        .order_by()
        .values("kind")
        .annotate(
            total=Sum("balance"),
            activated=Sum("balance", filter=Q(agreement__activated_on__isnull=False)),
        )
        .values_list("kind", "total", "activated")
    )
    available_to_use = 0
    for kind, total, activated in rows:
        totals[kind] = int(total or 0)
        if kind == AccountKind.AVAILABLE:
            available_to_use = int(activated or 0)
    counts = LicensingAgreement.objects.filter(customer_id=actor.organisation_id).aggregate(
        agreements=Count("pk"), not_activated=Count("pk", filter=Q(activated_on__isnull=True))
    )
    return CustomerDays(
        totals=totals,
        agreements=counts["agreements"],
        not_activated=counts["not_activated"],
        available_to_use=available_to_use,
    )


def agreement_balance_rows(actor: Actor) -> list[dict[str, Any]]:
    """The customer's agreements with their planning-day balances, one aggregate query and no
    model objects (PERF-6: the voucher form of a customer with hundreds of agreements):
    licensing_id, start_date, end_date, is_activated and one key per planning account kind."""
    _forbid_partners(actor)
    balance = "ledger_accounts__balance"
    sums = {
        str(kind): Coalesce(Sum(balance, filter=Q(ledger_accounts__kind=kind)), 0)
        for kind in PLANNING_KINDS
    }
    rows = (
        LicensingAgreement.objects.filter(customer_id=actor.organisation_id)
        .order_by("licensing_id")
        .values("licensing_id", "start_date", "end_date", "activated_on")
        .annotate(**sums)
    )
    return [{**row, "is_activated": row["activated_on"] is not None} for row in rows]
