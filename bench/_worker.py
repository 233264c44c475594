"""The Django side of the PERF-2/3/6 benchmarks, run in a subprocess on one database:

    python -m bench._worker <task> [--as-of YYYY-MM-DD] [--sample N] ...

Prints one JSON object (the figures) as its last line. Timings exclude Django start-up.
Tasks: sweep, orm-sweep-sample, bare-update, removal, removal-bare, check, pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from typing import Any

import django

AT = dt.datetime(2022, 1, 15, 2, 0, tzinfo=dt.UTC)


def _batching(batch_size: int) -> dict[str, int]:
    """The product's own batch size unless --batch-size is given."""
    return {"batch_size": batch_size} if batch_size else {}


def _sweep(as_of: dt.date, batch_size: int) -> dict[str, Any]:
    from planserv.audit.models import AuditEvent
    from planserv.core.actor import Actor
    from planserv.customers.models import LedgerEntry
    from planserv.vouchers.services.expire import vouchers_expire_due

    actor = Actor.system(label="bench:expiry sweep")
    entries_before = LedgerEntry.objects.count()
    audits_before = AuditEvent.objects.count()
    rss_before = _current_rss_mb()
    started = time.perf_counter()
    report = vouchers_expire_due(as_of=as_of, actor=actor, at=AT, **_batching(batch_size))
    seconds = time.perf_counter() - started
    rss_peak = _peak_rss_mb()  # the process's high-water mark: the sweep's threads included
    started = time.perf_counter()
    second = vouchers_expire_due(as_of=as_of, actor=actor, at=AT, **_batching(batch_size))
    second_seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        **report.counts(),
        "entries_written": LedgerEntry.objects.count() - entries_before,
        "audit_events": AuditEvent.objects.count() - audits_before,
        "second_run_expired": second.expired,
        "second_run_seconds": second_seconds,
        "batch_size": batch_size or "default",
        "sweep_workers": _sweep_workers(),
        "rss_before_mb": rss_before,
        "rss_peak_mb": rss_peak,
    }


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _orm_sweep_sample(as_of: dt.date, sample: int) -> dict[str, Any]:
    """What the sweep would cost written naively: one transaction per voucher, the ORM object,
    the per-entry ledger service, save(), and one audit event per voucher."""
    from django.db import transaction

    from planserv.audit.services import audit_record
    from planserv.core.actor import Actor
    from planserv.customers.ledger.accounts import AccountKind, EntryCause
    from planserv.customers.ledger.services import ledger_move
    from planserv.program.calendar import calendar_get
    from planserv.vouchers.lifecycle import VoucherStatus
    from planserv.vouchers.models import DaysOutcome, Voucher
    from planserv.vouchers.rules import days_return_on, expiry_passed

    actor = Actor.system(label="bench:orm loop")
    calendar = calendar_get()
    pks = list(
        Voucher.objects.filter(expiry_passed(as_of))
        .order_by("pk")
        .values_list("pk", flat=True)[:sample]
    )
    started = time.perf_counter()
    for pk in pks:
        with transaction.atomic():
            voucher = Voucher.objects.select_for_update().select_related("agreement").get(pk=pk)
            agreement = voucher.agreement
            returns = days_return_on(
                agreement_start=agreement.start_date,
                agreement_end=agreement.end_date,
                day=voucher.expiry_date,
                removal_date=calendar.removal_date,
            )
            ledger_move(
                agreement=agreement,
                source=AccountKind.HELD,
                destination=AccountKind.AVAILABLE if returns else AccountKind.FORFEITED,
                days=voucher.days,
                cause=EntryCause.EXPIRY,
                cause_id=voucher.voucher_id,
                effective_date=as_of,
                idempotency_key=f"voucher:{voucher.voucher_id}:expiry",
                actor=actor,
                at=AT,
            )
            voucher.status = VoucherStatus.EXPIRED
            voucher.expired_at = AT
            voucher.days_outcome = DaysOutcome.RETURNED if returns else DaysOutcome.FORFEITED
            voucher.save()
            audit_record(
                actor=actor,
                action="vouchers.voucher.expired",
                subject=voucher,
                at=AT,
                program_date=as_of,
                after={"status": voucher.status, "days_outcome": voucher.days_outcome},
            )
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": len(pks), "per_row": seconds / max(1, len(pks))}


def _bare_update(as_of: dt.date) -> dict[str, Any]:
    """The baseline: one UPDATE of the same rows the sweep changes, nothing else."""
    from django.db import connection, transaction

    from planserv.vouchers.lifecycle import LIVE_STATUSES

    statuses = sorted(LIVE_STATUSES)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE vouchers_voucher SET status = 'expired', expired_at = %s, "
            "days_outcome = 'forfeited' WHERE status IN (%s, %s, %s) AND expiry_date < %s",
            [AT, *statuses, as_of],
        )
        rows = cursor.rowcount
    return {"seconds": time.perf_counter() - started, "rows": rows}


def _removal(as_of: dt.date, batch_size: int) -> dict[str, Any]:
    from planserv.audit.models import AuditEvent
    from planserv.core.actor import Actor
    from planserv.customers.models import LedgerEntry
    from planserv.customers.services import removal_run

    actor = Actor.system(label="bench:removal")
    entries_before = LedgerEntry.objects.count()
    audits_before = AuditEvent.objects.count()
    started = time.perf_counter()
    report = removal_run(as_of=as_of, actor=actor, at=AT, **_batching(batch_size))
    seconds = time.perf_counter() - started
    entries_after = LedgerEntry.objects.count()
    started = time.perf_counter()
    second = removal_run(as_of=as_of, actor=actor, at=AT, **_batching(batch_size))
    second_seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        **report.counts(),
        "entries_written": entries_after - entries_before,
        "audit_events": AuditEvent.objects.count() - audits_before,
        "second_run_entries": LedgerEntry.objects.count() - entries_after,
        "second_run_agreements": second.agreements,
        "second_run_seconds": second_seconds,
        "batch_size": batch_size or "default",
        "sweep_workers": _sweep_workers(),
    }


def _sweep_workers() -> int:
    from planserv.core.partitions import sweep_workers

    return sweep_workers()


def _check() -> dict[str, Any]:
    from planserv.customers.selectors import ledger_reconcile_report

    started = time.perf_counter()
    report = ledger_reconcile_report()
    return {
        "seconds": time.perf_counter() - started,
        "clean": report.clean,
        "problems": [str(problem) for problem in report.problems[:5]],
        "agreements": report.agreements,
        "entries": report.entries,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("task")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2022, 1, 15))
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planserv.config.settings.dev")
    django.setup()
    if args.task == "sweep":
        out = _sweep(args.as_of, args.batch_size)
    elif args.task == "orm-sweep-sample":
        out = _orm_sweep_sample(args.as_of, args.sample)
    elif args.task == "bare-update":
        out = _bare_update(args.as_of)
    elif args.task == "removal":
        out = _removal(args.as_of, args.batch_size)
    elif args.task == "check":
        out = _check()
    elif args.task == "pages":
        from bench._pages import render_pages

        out = render_pages(repeat=args.repeat)
    else:
        raise SystemExit(f"unknown task {args.task}")
    sys.stdout.write(json.dumps(out, default=str) + "\n")


if __name__ == "__main__":
    main()
