"""The email outbox (domain.md section 7): one row per message, written with the change.

Times: `created_at` is the program instant of the change that wrote the message (so histories
read in program time in the sandbox); `next_attempt_at` and `sent_at` are real instants, because
delivery to the mail relay happens in real time whatever the sandbox clock says.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (will retry)")
    DEAD = "dead", _("Failed (gave up)")


UNDELIVERED = (OutboxStatus.PENDING, OutboxStatus.FAILED)


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
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="Real time; empty means due now."
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(help_text="Program instant of the change.")
    sent_at = models.DateTimeField(null=True, blank=True, help_text="Real time.")

    # Set by outbox_enqueue() on the returned instance: True if that call stored the row, False
    # when the dedup key already existed. Not a database field.
    is_new: bool = False

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at", "id"]),
            # The mail page: newest first, by status or by organisation (PERF-7).
            models.Index(fields=["status", "id"], name="outbox_status_id"),
            models.Index(fields=["organisation_id", "id"], name="outbox_organisation_id"),
            # The mail-body retention job walks only the sent messages that still have a body.
            models.Index(
                fields=["sent_at", "id"],
                name="outbox_sent_with_body",
                condition=models.Q(status=OutboxStatus.SENT) & ~models.Q(body_text=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OutboxStatus.values), name="outbox_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=OutboxStatus.SENT) | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} to {self.to_email} ({self.status})"


class OutboxRelay(models.Model):
    """The health of the mail relay (one row). A transport failure (relay unreachable, connection
    dropped) pauses all delivery with backoff, so messages keep their order of creation and no
    message is given up because the relay was down."""

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    paused_until = models.DateTimeField(null=True, blank=True, help_text="Real time.")
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=1), name="outbox_relay_singleton")
        ]

    def __str__(self) -> str:
        return f"Mail relay paused until {self.paused_until}" if self.paused_until else "Mail relay"
