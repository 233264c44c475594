"""What waits too long in the payment back office (issue 18, item 5): requests validating or held
for more than the configured number of business days (default 10), and payment runs still open
after their month. Shown on the reviewer's queue and the operator home, and sent to reviewers as
a daily digest (a daily job; one email per reviewer and day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from planserv.accounts.models import Membership
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.formatting import program_date
from planserv.core.types import OrganisationKind, Role
from planserv.notifications.messages import Recipient, ReviewDigestMessage, send
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import PaymentRequest, PaymentRun, RunStatus
from planserv.program.calendar import program_settings_get

S = PaymentRequestStatus
WAITING = (S.VALIDATING, S.HELD)


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (0 if end <= start)."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    extra = sum(1 for offset in range(1, rest + 1) if (start + dt.timedelta(offset)).weekday() < 5)
    return weeks * 5 + extra


def business_days_before(day: dt.date, count: int) -> dt.date:
    """The day `count` business days before `day`."""
    while count > 0:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def waiting_since(request: PaymentRequest) -> dt.date:
    """The program day the request entered its current waiting status."""
    stamp = request.held_at if request.status == S.HELD else request.validating_at
    return program_date(stamp or request.submitted_at)


def request_age(request: PaymentRequest, today: dt.date) -> int:
    """Business days the request has waited in its current status."""
    return business_days_between(waiting_since(request), today)


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.program_zone())


def overdue_requests(*, today: dt.date) -> QuerySet[PaymentRequest]:
    """Requests validating or held longer than the configured business days."""
    limit = program_settings_get().review_overdue_business_days
    # Waiting since a day before this one means more than `limit` business days by today.
    since_before = _start_of(business_days_before(today, limit))
    return (
        PaymentRequest.objects.filter(
            Q(status=S.VALIDATING, validating_at__lt=since_before)
            | Q(status=S.HELD, held_at__lt=since_before)
        )
        .select_related("organisation", "voucher")
        .order_by("submitted_at", "pk")
    )


def runs_open_past_their_month(*, today: dt.date) -> QuerySet[PaymentRun]:
    return PaymentRun.objects.filter(
        status=RunStatus.OPEN, month__lt=today.replace(day=1)
    ).order_by("month", "currency", "pk")


@dataclass(frozen=True)
class ReviewAlerts:
    overdue: list[PaymentRequest]
    overdue_count: int
    stale_runs: list[PaymentRun]
    limit_business_days: int

    @property
    def any(self) -> bool:
        return bool(self.overdue_count or self.stale_runs)


def review_alerts(*, today: dt.date, show: int = 20) -> ReviewAlerts:
    overdue = overdue_requests(today=today)
    return ReviewAlerts(
        overdue=list(overdue[:show]),
        overdue_count=overdue.count(),
        stale_runs=list(runs_open_past_their_month(today=today)),
        limit_business_days=program_settings_get().review_overdue_business_days,
    )


def review_digest_send(*, day: dt.date, actor: Actor, at: dt.datetime) -> dict[str, int]:
    """The daily digest to every payment reviewer: what is overdue on `day`. Nothing is sent on
    a day with nothing overdue; a second run of the day sends nothing again (dedup key)."""
    del actor
    alerts = review_alerts(today=day, show=50)
    if not alerts.any:
        return {"overdue": 0, "runs": 0, "messages": 0}
    reviewers = (
        Membership.objects.filter(
            organisation__kind=OrganisationKind.OPERATOR,
            role=Role.PAYMENT_REVIEWER,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email", "pk")
    )
    message = ReviewDigestMessage(
        day=day,
        limit_business_days=alerts.limit_business_days,
        overdue_count=alerts.overdue_count,
        overdue=tuple(
            f"{r.public_id} · {r.organisation.name} · {r.get_status_display()} for "
            f"{request_age(r, day)} business days"
            for r in alerts.overdue
        ),
        stale_runs=tuple(f"{run.public_id} ({run.month:%B %Y})" for run in alerts.stale_runs),
        recipients=[Recipient.of_user(m.user, m.organisation_id) for m in reviewers],
    )
    sent = send(message, at=at) if message.recipients else []
    return {
        "overdue": alerts.overdue_count,
        "runs": len(alerts.stale_runs),
        "messages": sum(1 for item in sent if item.is_new),
    }
