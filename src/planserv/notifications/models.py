"""The email outbox (domain.md section 7): one row per message, written with the change."""

from __future__ import annotations

from django.db import models


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (will retry)"
    DEAD = "dead", "Failed (gave up)"


class OutboxMessage(models.Model):
    dedup_key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=80)
    to_email = models.EmailField()
    organisation_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text="The recipient's organisation."
    )
    subject = models.CharField(max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    subject_ref = models.CharField(
        max_length=120, blank=True, help_text="What it is about, e.g. vouchers.voucher:7KQ…"
    )
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OutboxStatus.values), name="outbox_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} to {self.to_email} ({self.status})"
