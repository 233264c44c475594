"""audit_record(): the one writer of AuditEvent, called inside the changing transaction."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from planserv.audit.events import AuditEventType, AuditPayload
from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.request_id import current_request_id


def jsonable(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Dates, decimals and the like as JSON text, the way the API writes them (audit before/after,
    webhook payloads)."""
    if value is None:
        return None
    result: dict[str, Any] = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return result


def _reason(reason: str, actor: Actor) -> str:
    """The event's own reason, and the acting-for note of a support user acting (both kept)."""
    if actor.on_behalf_reason and reason and reason != actor.on_behalf_reason:
        return f"{actor.on_behalf_reason} | {reason}"
    return reason or actor.on_behalf_reason


def audit_record(
    *,
    actor: Actor,
    action: AuditEventType | None = None,
    event: AuditPayload | None = None,
    subject: models.Model | tuple[str, str],
    at: dt.datetime,
    program_date: dt.date,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organisation_id: int | None = None,
    organisation_label: str = "",
    subject_label: str = "",
    reason: str = "",
) -> AuditEvent:
    """Append one audit event; must run inside the transaction of the change it describes.

    Either `action` with hand-built `before`/`after`, or a typed `event` payload (audit/events.py)
    whose type is the action and which serialises itself into `before`/`after`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must be called inside the changing transaction.")
    if event is not None:
        if action is not None or before is not None or after is not None:
            raise TypeError("audit_record() takes an event payload or action/before/after.")
        action, before, after = event.event_type, event.before_json(), event.after_json()
    if action is None:
        raise TypeError("audit_record() needs an action or an event payload.")
    if isinstance(subject, tuple):
        subject_type, subject_id = subject
    else:
        subject_type = subject._meta.label_lower
        subject_id = str(subject.pk)
        subject_label = subject_label or str(subject)[:200]
    return AuditEvent.objects.create(
        occurred_at=at,
        program_date=program_date,
        action=str(action),
        actor_user_id=actor.user_id,
        actor_label=actor.email,
        actor_role=actor.support_role or actor.role or "",
        organisation_id=organisation_id if organisation_id is not None else actor.organisation_id,
        organisation_label=organisation_label or actor.organisation_name,
        job_run_id=actor.job_run_id,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_label=subject_label[:200],
        before=jsonable(before),
        after=jsonable(after),
        request_id=actor.request_id or current_request_id(),
        reason=_reason(reason, actor),
    )


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of an instance as a JSON-ready dict, for before/after."""
    result: dict[str, Any] = {}
    for name in fields:
        value = getattr(instance, name)
        if isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, Decimal):
            value = str(value)
        result[name] = value
    return result
