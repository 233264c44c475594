"""Accrual (R-ACC-1): each coverage year of an active agreement grants a third of its term days,
none effective after the last accrual day (the day before the accrual end)."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.customers.accrual import (
    coverage_year_index,
    coverage_year_starts,
    term_days,
    year_grant,
)
from planserv.customers.errors import AccrualEnded, NotACoverageYear
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.ledger.services import Movement, ledger_lock, ledger_move, ledger_move_batch
from planserv.customers.models import LedgerEntry, LicensingAgreement
from planserv.customers.services._common import bands_by_pool, coverage_of
from planserv.program.calendar import calendar_get

ACCRUAL_MOVE = (AccountKind.ISSUED, AccountKind.AVAILABLE)


def accrual_key(agreement_id: int, year_start: dt.date) -> str:
    return f"accrual:{agreement_id}:{year_start.isoformat()}"


def _memo(year_start: dt.date) -> str:
    return f"Accrual for the coverage year starting {year_start.isoformat()}"


def _post_year(
    *,
    agreement: LicensingAgreement,
    year_start: dt.date,
    index: int,
    bands: dict[str, list[tuple[int, int]]],
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> LedgerEntry | None:
    days = year_grant(term_days(coverage_of(agreement), bands), index)
    if days == 0:
        return None  # the coverage reaches no band of the accrual scale
    ledger_lock(agreement=agreement, kinds=ACCRUAL_MOVE)
    key = accrual_key(agreement.pk, year_start)
    existing = LedgerEntry.objects.filter(idempotency_key=key).order_by("pk").first()
    if existing is not None:
        return existing
    entry = ledger_move(
        agreement=agreement,
        source=AccountKind.ISSUED,
        destination=AccountKind.AVAILABLE,
        days=days,
        cause=EntryCause.ACCRUAL,
        cause_id=year_start.isoformat(),
        effective_date=year_start,
        idempotency_key=key,
        actor=actor,
        at=at,
        memo=_memo(year_start),
    )
    audit_record(
        actor=actor,
        action=AuditEventType.LEDGER_ACCRUAL_POSTED,
        subject=agreement,
        at=at,
        program_date=today,
        organisation_id=agreement.customer_id,
        after={"coverage_year_start": year_start, "days": days, "entry": entry.pk},
    )
    return entry


@transaction.atomic
def accrual_post(
    *,
    agreement: LicensingAgreement,
    year_start: dt.date,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> LedgerEntry | None:
    """Post the grant of the coverage year starting `year_start` (R-ACC-1); a repeat returns the
    first entry; None when the coverage reaches no band. Raises Forbidden, NotACoverageYear,
    AccrualEnded (the year starts on or after the accrual end)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("post accruals"))
    index = coverage_year_index(agreement.start_date, agreement.end_date, year_start)
    if index is None or year_start > today:
        raise NotACoverageYear(
            _(
                "%(year_start)s does not start a coverage year of agreement %(licensing_id)s "
                "that has begun by %(today)s (R-ACC-1)."
            )
            % {
                "year_start": long_date(year_start),
                "licensing_id": agreement.licensing_id,
                "today": long_date(today),
            },
            details={"year_start": year_start.isoformat()},
        )
    last_accrual_date = calendar_get().last_accrual_date
    if year_start > last_accrual_date:
        raise AccrualEnded(
            _(
                "No accrual is effective after %(last_accrual_date)s: accrual ended on "
                "%(next_day)s, and this coverage year starts %(year_start)s (R-ACC-1)."
            )
            % {
                "last_accrual_date": long_date(last_accrual_date),
                "next_day": long_date(last_accrual_date + dt.timedelta(days=1)),
                "year_start": long_date(year_start),
            },
            details={
                "year_start": year_start.isoformat(),
                "last_accrual_date": last_accrual_date.isoformat(),
            },
        )
    return _post_year(
        agreement=agreement,
        year_start=year_start,
        index=index,
        bands=bands_by_pool(),
        actor=actor,
        today=today,
        at=at,
    )


def accruals_catch_up(
    *, agreement: LicensingAgreement, actor: Actor, today: dt.date, at: dt.datetime
) -> int:
    """Post every coverage year already begun by `today` and before the accrual end (used when an
    agreement is recorded after its start). Runs inside the caller's transaction."""
    last = min(today, calendar_get().last_accrual_date)
    bands = bands_by_pool()
    posted = 0
    for index, year_start in enumerate(
        coverage_year_starts(agreement.start_date, agreement.end_date)
    ):
        if year_start > last:
            break
        entry = _post_year(
            agreement=agreement,
            year_start=year_start,
            index=index,
            bands=bands,
            actor=actor,
            today=today,
            at=at,
        )
        posted += entry is not None
    return posted


def _anniversary_filter(day: dt.date) -> Q:
    """Agreements whose start date has its anniversary on `day` (29 Feb → 28 Feb)."""
    condition = Q(start_date__month=day.month, start_date__day=day.day)
    if day.month == 2 and day.day == 28 and not month_calendar.isleap(day.year):
        condition |= Q(start_date__month=2, start_date__day=29)
    return condition


def accruals_post_due(
    *, day: dt.date, actor: Actor, at: dt.datetime, batch_size: int = 500
) -> dict[str, int]:
    """The daily accrual job: grant every coverage year that starts on `day`, in batches of
    `batch_size` agreements, each batch one transaction (idempotent, resumable). Nothing is
    posted for a day after the last accrual day (R-ACC-1)."""
    counts = {"agreements": 0, "entries": 0, "after_accrual_end": 0}
    if day > calendar_get().last_accrual_date:
        counts["after_accrual_end"] = 1
        return counts
    bands = bands_by_pool()
    due = LicensingAgreement.objects.filter(
        _anniversary_filter(day), start_date__lte=day, end_date__gte=day
    ).prefetch_related("coverage_lines")
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(due.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                break
            movements = _accrual_movements(batch, day, bands)
            written = ledger_move_batch(
                movements=movements,
                cause=EntryCause.ACCRUAL,
                effective_date=day,
                actor=actor,
                at=at,
            )
            if written:
                audit_record(
                    actor=actor,
                    action=AuditEventType.LEDGER_ACCRUALS_POSTED,
                    subject=("customers.accrualday", day.isoformat()),
                    subject_label=f"Accruals of {day.isoformat()}",
                    at=at,
                    program_date=day,
                    after={
                        "entries": written,
                        "first_agreement": batch[0].pk,
                        "last_agreement": batch[-1].pk,
                    },
                )
            counts["agreements"] += len(movements)
            counts["entries"] += written
            last_pk = batch[-1].pk
    return counts


def _accrual_movements(
    batch: list[LicensingAgreement], day: dt.date, bands: dict[str, list[tuple[int, int]]]
) -> list[Movement]:
    movements = []
    for agreement in batch:
        index = coverage_year_index(agreement.start_date, agreement.end_date, day)
        if index is None:
            continue
        days = year_grant(term_days(coverage_of(agreement), bands), index)
        if days:
            movements.append(
                Movement(
                    agreement_id=agreement.pk,
                    source=AccountKind.ISSUED,
                    destination=AccountKind.AVAILABLE,
                    idempotency_key=accrual_key(agreement.pk, day),
                    days=days,
                    cause_id=day.isoformat(),
                    memo=_memo(day),
                )
            )
    return movements
