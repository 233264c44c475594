"""Webhook subscriptions and their delivery outbox (REL-13; docs/webhooks.md).

A subscription belongs to one partner or customer organisation and names the events it wants. When
a change concerns that organisation's objects, the changing transaction writes one
`WebhookDelivery` row per subscription (the outbox pattern, as for email): nothing is sent inside
the change, nothing is lost if the receiver is down. The worker delivers the rows in order per
object, signed the Standard Webhooks way, and retries with backoff.

Times: `created_at` is the program instant of the change (histories read in program time in the
sandbox); `next_attempt_at`, `last_attempt_at` and `sent_at` are real instants, as for email.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class WebhookEvent(models.TextChoices):
    """What a subscriber can ask for; the value is the payload's `type` (docs/webhooks.md)."""

    VOUCHER_ASSIGNED = "voucher.assigned", gettext_lazy("A voucher was created and assigned")
    VOUCHER_RESERVED = "voucher.reserved", gettext_lazy("A voucher was reserved")
    VOUCHER_RELEASED = "voucher.released", gettext_lazy("A reservation was released")
    VOUCHER_DATE_CHANGED = "voucher.date_changed", gettext_lazy("A planned start date changed")
    VOUCHER_REPORT_FILED = "voucher.report_filed", gettext_lazy("A completion report was filed")
    VOUCHER_REDEEMED = "voucher.redeemed", gettext_lazy("A voucher was redeemed")
    VOUCHER_EXPIRED = "voucher.expired", gettext_lazy("A voucher expired")
    PAYMENT_REQUEST_STATUS = (
        "payment_request.status_changed",
        gettext_lazy("A payment request changed status"),
    )
    MILESTONE_REMINDER = (
        "program.milestone_reminder",
        gettext_lazy("A retirement milestone is coming"),
    )


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", gettext_lazy("Active")
    PAUSED = "paused", gettext_lazy("Paused by its owners")
    DISABLED = "disabled", gettext_lazy("Disabled after repeated failures")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Waiting")
    SENT = "sent", gettext_lazy("Delivered")
    FAILED = "failed", gettext_lazy("Failed (will retry)")
    DEAD = "dead", gettext_lazy("Failed (gave up)")


UNDELIVERED = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


class WebhookSubscription(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="webhook_subscriptions"
    )
    url = models.URLField(max_length=500, help_text="The receiving endpoint (HTTPS).")
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, help_text="WebhookEvent values.")
    secret = models.CharField(max_length=100, help_text="whsec_… signing secret.")
    status = models.CharField(
        max_length=10, choices=SubscriptionStatus.choices, default=SubscriptionStatus.ACTIVE
    )
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(help_text="Program instant.")
    created_by_label = models.CharField(max_length=254)

    class Meta:
        ordering = ["organisation_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SubscriptionStatus.values),
                name="webhook_subscription_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"Webhook {self.pk} → {self.url}"

    def wants(self, event: str) -> bool:
        return event in self.events


class WebhookDelivery(models.Model):
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries"
    )
    event_id = models.CharField(max_length=40, help_text="The stable `webhook-id` (msg_…).")
    event_type = models.CharField(max_length=40, choices=WebhookEvent.choices)
    subject_ref = models.CharField(
        max_length=120, help_text="The object the event is about; delivery is in order per object."
    )
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="Real time; empty means due now."
    )
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(help_text="Program instant of the change.")
    sent_at = models.DateTimeField(null=True, blank=True, help_text="Real time.")

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="webhook_delivery_event_once"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values),
                name="webhook_delivery_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at", "id"], name="webhook_delivery_due"),
            models.Index(
                fields=["subscription", "subject_ref", "id"], name="webhook_delivery_per_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} → subscription {self.subscription_id}"

    @property
    def subject_label(self) -> str:
        """What the event is about, in words: "Voucher 7KQ4-…", "Payment request PR-…"."""
        kind, _, key = self.subject_ref.partition(":")
        return f"{SUBJECT_KINDS.get(kind, kind)} {key}".strip()


SUBJECT_KINDS = {
    "voucher": "Voucher",
    "payment_request": "Payment request",
    "milestone": "Milestone",
}
