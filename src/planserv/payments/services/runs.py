"""R-PAY-6: payment runs. Requests approved on or before the 15th of a month go into that month's
run (one per month and currency); later ones into the next month's. Confirming a run marks its
requests paid. A request belongs to at most one run and `paid` is final: never paid twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.payments.errors import (
    NothingToPay,
    PaymentRunNotFound,
    RunAlreadyConfirmed,
    RunChangedSinceShown,
    RunConfirmerIsBuilder,
    RunMonthOutOfRange,
)
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import (
    DetailsChangeStatus,
    PaymentRequest,
    PaymentRequestTransition,
    PaymentRun,
    RunStatus,
)
from planserv.payments.services._common import move

S = PaymentRequestStatus
CUT_OFF_DAY = 15


def run_month_for(approved_on: dt.date) -> dt.date:
    """The first day of the month whose run takes a request approved on `approved_on`."""
    first = approved_on.replace(day=1)
    if approved_on.day <= CUT_OFF_DAY:
        return first
    return (first + dt.timedelta(days=32)).replace(day=1)


def cut_off_date(month: dt.date) -> dt.date:
    return month.replace(day=CUT_OFF_DAY)


def public_run_id(month: dt.date, currency: str) -> str:
    return f"RUN-{month:%Y%m}-{currency}"


def _audit_run(
    run: PaymentRun, action: AuditEventType, actor: Actor, today: dt.date, at: dt.datetime
) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=("payments.paymentrun", str(run.pk)),
        subject_label=f"Payment run {run.public_id}",
        at=at,
        program_date=today,
        before=None,
        after={"public_id": run.public_id, "status": run.status, "currency": run.currency},
    )


def _run_for(
    month: dt.date, currency: str, actor: Actor, today: dt.date, at: dt.datetime
) -> PaymentRun:
    run = (
        PaymentRun.objects.select_for_update()
        .filter(month=month, currency=currency)
        .order_by("pk")
        .first()
    )
    if run is None:
        try:
            with transaction.atomic():
                run = PaymentRun.objects.create(
                    public_id=public_run_id(month, currency),
                    month=month,
                    currency=currency,
                    built_on=today,
                    built_at=at,
                    built_by_label=actor.email,
                )
        except IntegrityError:
            run = PaymentRun.objects.select_for_update().get(month=month, currency=currency)
    if run.status != RunStatus.OPEN:
        raise RunAlreadyConfirmed(
            _(
                "The %(month)s %(currency)s run %(public_id)s is already confirmed; requests "
                "approved after its cut-off go into the next month's run (R-PAY-6)."
            )
            % {"month": format(month, "%B %Y"), "currency": currency, "public_id": run.public_id},
            details={"run": run.public_id},
        )
    return run


def check_run_month(month: dt.date, today: dt.date) -> None:
    """A run is built for the current or the previous month only (R-PAY-6): never for a month
    to come, whose cut-off has not passed, nor for an old one."""
    current = today.replace(day=1)
    previous = (current - dt.timedelta(days=1)).replace(day=1)
    if month not in (current, previous):
        raise RunMonthOutOfRange(
            _(
                "A payment run is built for %(current)s or %(previous)s only; %(month)s is not "
                "allowed (R-PAY-6)."
            )
            % {
                "current": format(current, "%B %Y"),
                "previous": format(previous, "%B %Y"),
                "month": format(month, "%B %Y"),
            },
            details={"month": month, "allowed": [previous, current]},
        )


@dataclass(frozen=True)
class RunTotals:
    """What a reviewer checks before confirming: the count and the total of the run."""

    count: int
    total: Decimal


def payment_run_totals(run: PaymentRun) -> RunTotals:
    row = PaymentRequest.objects.filter(run=run).aggregate(n=Count("pk"), total=Sum("amount"))
    return RunTotals(count=row["n"] or 0, total=row["total"] or Decimal("0.00"))


@transaction.atomic
def payment_run_build(
    *, month: dt.date, currency: str, actor: Actor, today: dt.date, at: dt.datetime
) -> PaymentRun:
    """R-PAY-6: put every approved `currency` request approved on or before the month's cut-off
    (the 15th) into the month's run, for the current or the previous month only; requests whose
    firm's new payment details wait for verification stay out. Raises Forbidden,
    RunMonthOutOfRange, RunAlreadyConfirmed, NothingToPay."""
    actor.require_role(Role.PAYMENT_REVIEWER, action=_("build payment runs"))
    month = month.replace(day=1)
    check_run_month(month, today)
    currency = currency.strip().upper()[:3]
    run = _run_for(month, currency, actor, today, at)
    # Lock in pk order, re-check the status under the lock (STYLE principle 8).
    due = list(
        PaymentRequest.objects.select_for_update(of=("self",))
        .select_related("voucher", "filed_by")
        .filter(
            status=S.APPROVED,
            currency=currency,
            approved_on__lte=cut_off_date(month),
            run__isnull=True,
        )
        .exclude(registration__details_changes__status=DetailsChangeStatus.PENDING)
        .order_by("pk")
    )
    if not due and not run.requests.exists():
        raise NothingToPay(
            _(
                "No %(currency)s payment request approved on or before %(month)s is waiting for "
                "a run (R-PAY-6)."
            )
            % {"currency": currency, "month": long_date(cut_off_date(month))},
            details={"month": month, "currency": currency},
        )
    for request in due:
        request.run = run
        move(request, S.IN_PAYMENT_RUN, actor=actor, today=today, at=at, extra_fields=("run",))
    _audit_run(run, AuditEventType.PAYMENT_RUN_BUILT, actor, today, at)
    return run


def lock_run(public_id: str) -> PaymentRun:
    run = PaymentRun.objects.select_for_update().filter(public_id=public_id).first()
    if run is None:
        raise PaymentRunNotFound(
            _("There is no payment run %(public_id)r.") % {"public_id": public_id[:24]}
        )
    return run


def _check_second_person(run: PaymentRun, actor: Actor) -> None:
    """Four eyes: whoever put requests into the run does not confirm it."""
    built = PaymentRequestTransition.objects.filter(
        request__run=run, to_status=S.IN_PAYMENT_RUN, actor_user_id=actor.user_id
    )
    if actor.user_id is not None and built.exists():
        raise RunConfirmerIsBuilder(
            _(
                "You built payment run %(public_id)s; a second payment reviewer confirms it "
                "(R-PAY-6)."
            )
            % {"public_id": run.public_id},
            details={"run": run.public_id},
        )


def _check_shown(run: PaymentRun, expected: RunTotals | None) -> None:
    if expected is None:
        return
    actual = payment_run_totals(run)
    if actual != expected:
        raise RunChangedSinceShown(
            _(
                "Payment run %(public_id)s now holds %(count)s request(s) totalling %(total)s "
                "%(currency)s, not the %(count2)s totalling %(total2)s you checked; look at it "
                "again before confirming (R-PAY-6)."
            )
            % {
                "public_id": run.public_id,
                "count": actual.count,
                "total": actual.total,
                "currency": run.currency,
                "count2": expected.count,
                "total2": expected.total,
            },
            details={"count": actual.count, "total": str(actual.total)},
        )


@transaction.atomic
def payment_run_confirm(
    *,
    public_id: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    expected: RunTotals | None = None,
) -> PaymentRun:
    """R-PAY-6: the bank executed the run: its requests become paid, once. A second reviewer
    confirms (never one who built it), against the count and total they were shown. Raises
    Forbidden, PaymentRunNotFound, RunAlreadyConfirmed, RunConfirmerIsBuilder,
    RunChangedSinceShown."""
    actor.require_role(Role.PAYMENT_REVIEWER, action=_("confirm payment runs"))
    run = lock_run(public_id)
    if run.status != RunStatus.OPEN:
        raise RunAlreadyConfirmed(
            _(
                "Payment run %(public_id)s was confirmed on %(confirmed_on)s; its requests are "
                "paid once (R-PAY-6)."
            )
            % {"public_id": run.public_id, "confirmed_on": long_date(run.confirmed_on)},
            details={"run": run.public_id},
        )
    _check_second_person(run, actor)
    _check_shown(run, expected)
    requests = list(
        PaymentRequest.objects.select_for_update(of=("self",))
        .select_related("voucher", "filed_by")
        .filter(run=run, status=S.IN_PAYMENT_RUN)
        .order_by("pk")
    )
    for request in requests:
        move(request, S.PAID, actor=actor, today=today, at=at, note=f"Run {run.public_id}.")
    run.status = RunStatus.CONFIRMED
    run.confirmed_on = today
    run.confirmed_at = at
    run.confirmed_by_label = actor.email
    run.save(update_fields=["status", "confirmed_on", "confirmed_at", "confirmed_by_label"])
    _audit_run(run, AuditEventType.PAYMENT_RUN_CONFIRMED, actor, today, at)
    return run
