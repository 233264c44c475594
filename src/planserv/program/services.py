"""Writes of operator-owned program configuration made outside the Django admin."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.program.models import PolicyExtension, PolicyKind


@transaction.atomic
def policy_extension_record_bulk(
    *, name: str, reason: str, extra_days: int, actor: Actor, today: dt.date, at: dt.datetime
) -> PolicyExtension:
    """An operator's bulk expiry extension as a policy extension (domain.md section 2, R-EXT-1).

    It has no `created_before`/`live_on`, so neither the daily extension job nor voucher creation
    ever applies it again: it covers exactly the vouchers the bulk operation extended.
    Raises Forbidden."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("extend voucher expiry in bulk"))
    policy = PolicyExtension.objects.create(
        kind=PolicyKind.EXPIRY_EXTENSION,
        name=name[:200],
        reason=reason,
        created_before=None,
        live_on=None,
        extra_days=extra_days,
        effective_from=today,
        effective_to=today,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.POLICY_EXTENSION_CREATED,
        subject=policy,
        at=at,
        program_date=today,
        after={"kind": policy.kind, "name": policy.name, "extra_days": extra_days, "bulk": True},
        reason=reason,
    )
    return policy
