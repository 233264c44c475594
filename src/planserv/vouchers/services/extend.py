"""Expiry extension policies (R-EXT-1), applied set-based by a daily job on each policy's
`live_on` day: every voucher assigned before `created_before`, assigned by `live_on` and still live
on `live_on` (by status and by date) gets `extra_days`, once (unique voucher + policy), recorded
as a VoucherExpiryExtension row and audited per batch. Vouchers created later but still before
`created_before` get the extension at creation (services/create.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import DateField, Exists, ExpressionWrapper, F, OuterRef

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.program.models import PolicyExtension
from planserv.vouchers.lifecycle import LIVE_STATUSES
from planserv.vouchers.models import Voucher, VoucherExpiryExtension
from planserv.vouchers.rules import expiry_policies


def _covered(policy: PolicyExtension):  # type: ignore[no-untyped-def]
    assert policy.created_before is not None and policy.live_on is not None
    applied = VoucherExpiryExtension.objects.filter(voucher=OuterRef("pk"), policy=policy)
    return Voucher.objects.filter(
        status__in=sorted(LIVE_STATUSES),
        assigned_on__lt=policy.created_before,
        assigned_on__lte=policy.live_on,
        expiry_date__gte=policy.live_on,
    ).exclude(Exists(applied))


@transaction.atomic
def _extend_batch(
    policy: PolicyExtension, *, after_pk: int, batch_size: int, actor: Actor, at: dt.datetime
) -> tuple[int, int] | None:
    rows = list(
        _covered(policy)
        .select_for_update(of=("self",))
        .filter(pk__gt=after_pk)
        .order_by("pk")
        .values_list("pk", "expiry_date")[:batch_size]
    )
    if not rows:
        return None
    extra = dt.timedelta(days=policy.extra_days)
    assert policy.live_on is not None
    VoucherExpiryExtension.objects.bulk_create(
        [
            VoucherExpiryExtension(
                voucher_id=pk,
                policy=policy,
                extra_days=policy.extra_days,
                previous_expiry_date=expiry,
                expiry_date=expiry + extra,
                applied_on=policy.live_on,
                applied_at=at,
                applied_by="job",
            )
            for pk, expiry in rows
        ],
        batch_size=500,
    )
    Voucher.objects.filter(pk__in=[pk for pk, _ in rows]).update(
        expiry_date=ExpressionWrapper(F("expiry_date") + extra, output_field=DateField())
    )
    audit_record(
        actor=actor,
        action=AuditEventType.VOUCHER_EXPIRY_EXTENDED_BY_POLICY,
        subject=("program.policyextension", str(policy.pk)),
        subject_label=policy.name[:200],
        at=at,
        program_date=policy.live_on,
        after={"policy": policy.name, "extra_days": policy.extra_days, "vouchers": len(rows)},
    )
    return len(rows), rows[-1][0]


def vouchers_extend_expiry_due(
    *, as_of: dt.date, actor: Actor, at: dt.datetime, batch_size: int = 1000
) -> dict[str, int]:
    """Apply every expiry_extension policy whose `live_on` is `as_of` (R-EXT-1). Idempotent."""
    counts = {"policies": 0, "vouchers": 0}
    for policy in expiry_policies().filter(live_on=as_of):
        counts["policies"] += 1
        last_pk = 0
        while True:
            done = _extend_batch(
                policy, after_pk=last_pk, batch_size=batch_size, actor=actor, at=at
            )
            if done is None:
                break
            counts["vouchers"] += done[0]
            last_pk = done[1]
    return counts
