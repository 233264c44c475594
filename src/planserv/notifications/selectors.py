"""Reads of the outbox: what is due for delivery, and what operators see on the Mail page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.utils.translation import gettext as _

from planserv.core.errors import InvalidInput
from planserv.notifications.errors import OutboxMessageNotFound
from planserv.notifications.models import UNDELIVERED, OutboxMessage, OutboxRelay, OutboxStatus


def outbox_due(*, now: dt.datetime, through_id: int | None = None) -> QuerySet[OutboxMessage]:
    """Messages to deliver at the real instant `now`, oldest first: pending, or failed whose
    next attempt has come (an empty next_attempt_at means due now)."""
    queryset = OutboxMessage.objects.filter(status__in=UNDELIVERED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    if through_id is not None:
        queryset = queryset.filter(pk__lte=through_id)
    return queryset.order_by("pk")


def outbox_relay_get() -> OutboxRelay | None:
    return OutboxRelay.objects.filter(singleton=1).order_by("pk").first()


def outbox_messages_list(
    *, status: str | None = None, organisation_id: int | None = None, search: str = ""
) -> QuerySet[OutboxMessage]:
    """The outbox for operators, newest first (the Mail page and the API). Raises InvalidInput
    for an unknown status."""
    if status and status not in OutboxStatus.values:
        raise InvalidInput(
            _("Unknown status %(status)r; use one of: %(statuses)s.")
            % {"status": status[:40], "statuses": ", ".join(OutboxStatus.values)},
            details={"status": status[:40]},
        )
    search = search.replace("\x00", "")
    queryset = OutboxMessage.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if organisation_id is not None:
        queryset = queryset.filter(organisation_id=organisation_id)
    if search:
        queryset = queryset.filter(
            Q(to_email__icontains=search)
            | Q(subject__icontains=search)
            | Q(subject_ref__icontains=search)
            | Q(dedup_key__icontains=search)
        )
    return queryset.order_by("-id")


MAX_ID = 2**63 - 1


def outbox_message_get(*, message_id: int) -> OutboxMessage:
    """One message for an operator page; raises OutboxMessageNotFound."""
    if not 0 < message_id <= MAX_ID:
        raise OutboxMessageNotFound(
            _("There is no outbox message %(message_id)s.") % {"message_id": message_id}
        )
    message = OutboxMessage.objects.filter(pk=message_id).order_by("pk").first()
    if message is None:
        raise OutboxMessageNotFound(
            _("There is no outbox message %(message_id)s.") % {"message_id": message_id}
        )
    return message


def outbox_status_counts() -> dict[str, int]:
    """Messages per status, every status present (zero when none)."""
    rows = OutboxMessage.objects.values("status").annotate(total=Count("id")).order_by()
    counts = {status: 0 for status in OutboxStatus.values}
    counts.update({row["status"]: row["total"] for row in rows})
    return counts


@dataclass(frozen=True)
class OutboxBacklog:
    undelivered: int  # pending or failed (will retry)
    oldest_created_at: dt.datetime | None  # program instant of the oldest undelivered message
    dead: int


def outbox_backlog() -> OutboxBacklog:
    """What waits to leave: reads of the (status, next_attempt_at, id) index, cheap however many
    messages were sent (readiness and metrics read it). Three queries, not one: SQLite plans a
    count and a MIN over the same rows together as a scan of the whole outbox."""
    undelivered = OutboxMessage.objects.filter(status__in=UNDELIVERED)
    oldest = undelivered.aggregate(oldest=Min("created_at"))["oldest"]
    dead = OutboxMessage.objects.filter(status=OutboxStatus.DEAD).count()
    return OutboxBacklog(undelivered=undelivered.count(), oldest_created_at=oldest, dead=dead)
