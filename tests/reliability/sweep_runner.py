"""A child process for the REL-6 sweep crash test, against the database of
PLANSERV_TEST_DATABASE_URL:

    python -m tests.reliability.sweep_runner sweep --date 2021-03-02 --batch-size 50 --pause 0.05
    python -m tests.reliability.sweep_runner fingerprint

`sweep` runs the production expiry sweep (`vouchers_expire_due`, what the daily job calls) and
prints a line after each committed batch, then pauses, so a SIGKILL can land anywhere in the run.
`fingerprint` prints, as JSON, everything the sweep decides: each voucher's state, each expiry
entry and every account balance, so two databases can be compared."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time


def main() -> None:
    import django

    django.setup()
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["sweep", "fingerprint"])
    parser.add_argument("--date", default="2021-03-02")
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--pause", type=float, default=0.0)
    options = parser.parse_args()
    if options.action == "sweep":
        sweep(dt.date.fromisoformat(options.date), options.batch_size, options.pause)
    else:
        json.dump(fingerprint(), sys.stdout, sort_keys=True)


def sweep(as_of: dt.date, batch_size: int, pause: float) -> None:
    from planserv.core.actor import Actor
    from planserv.vouchers.services import vouchers_expire_due

    def progress(batch: object) -> None:
        print(f"batch {batch.number}: {batch.expired} expired", flush=True)  # type: ignore[attr-defined]  # noqa: T201
        if pause:
            time.sleep(pause)

    # A fixed instant: a restarted run stamps what it writes exactly as an uninterrupted one.
    at = dt.datetime.combine(as_of, dt.time(3, 0), tzinfo=dt.UTC)
    report = vouchers_expire_due(
        as_of=as_of,
        actor=Actor.system(label="daily jobs"),
        at=at,
        batch_size=batch_size,
        after_batch=progress,
    )
    print(f"done: {json.dumps(report.counts(), sort_keys=True)}", flush=True)  # noqa: T201


def fingerprint() -> dict[str, object]:
    from planserv.audit.models import AuditEvent
    from planserv.customers.models import LedgerAccount, LedgerEntry
    from planserv.vouchers.models import Voucher

    entries = LedgerEntry.objects.filter(cause="expiry").order_by("idempotency_key")
    return {
        "vouchers": [
            [v, s, o, e.isoformat() if e else None]
            for v, s, o, e in Voucher.objects.order_by("voucher_id").values_list(
                "voucher_id", "status", "days_outcome", "expired_at"
            )
        ],
        "expiry_entries": [
            [key, agreement, source, destination, days, str(day), cause_id, created.isoformat()]
            for key, agreement, source, destination, days, day, cause_id, created in (
                entries.values_list(
                    "idempotency_key",
                    "agreement_id",
                    "source__kind",
                    "destination__kind",
                    "days",
                    "effective_date",
                    "cause_id",
                    "created_at",
                )
            )
        ],
        "balances": [
            list(row)
            for row in LedgerAccount.objects.order_by("agreement_id", "kind").values_list(
                "agreement_id", "kind", "balance"
            )
        ],
        "audited_expired": sum(
            int(after.get("expired", 0))
            for after in AuditEvent.objects.filter(action="vouchers.expiry.batch").values_list(
                "after", flat=True
            )
        ),
    }


if __name__ == "__main__":
    main()
