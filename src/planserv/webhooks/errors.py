"""Refusals of the webhook operations (docs/webhooks.md)."""

from __future__ import annotations

from planserv.core.errors import Forbidden, InvalidInput


class WebhookUrlRefused(InvalidInput):
    code = "webhook_url_refused"
    rule = "REL-13"


class WebhookEventsInvalid(InvalidInput):
    code = "webhook_events_invalid"
    rule = "REL-13"


class WebhookManagerOnly(Forbidden):
    code = "webhook_manager_only"
    rule = "R-PPL-1"
