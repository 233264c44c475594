"""outbox_enqueue(): the one way email leaves planserv (STYLE.md principle 6).

The message is rendered now (so it says what was true at the change) and stored in the same
transaction as the change; a worker delivers it after commit. The dedup key makes a repeat a no-op.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from planserv.notifications.models import OutboxMessage


def _render(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    base = f"notifications/email/{template}"
    subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
    text = render_to_string(f"{base}.txt", context)
    try:
        html: str = render_to_string(f"{base}.html", context)
    except TemplateDoesNotExist:  # the HTML part is optional per template
        html = ""
    return subject[:250], text, html


def outbox_enqueue(
    *,
    template: str,
    to_email: str,
    context: dict[str, Any],
    dedup_key: str,
    at: dt.datetime,
    organisation_id: int | None = None,
    subject_ref: str = "",
) -> OutboxMessage:
    """Store one rendered email for delivery after commit; the same dedup key is stored once."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_enqueue() must be called inside the changing transaction.")
    existing = OutboxMessage.objects.filter(dedup_key=dedup_key).order_by("pk").first()
    if existing is not None:
        return existing
    subject, text, html = _render(template, context)
    message = OutboxMessage.objects.create(
        dedup_key=dedup_key,
        template=template,
        to_email=to_email,
        organisation_id=organisation_id,
        subject=subject,
        body_text=text,
        body_html=html,
        subject_ref=subject_ref,
        created_at=at,
        next_attempt_at=at,
    )
    from planserv.notifications import delivery

    transaction.on_commit(lambda: delivery.schedule(message.pk))
    return message
