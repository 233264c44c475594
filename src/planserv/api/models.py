"""The Idempotency-Key store (api.md, "Conventions"): first response kept, replayed on repeats."""

from __future__ import annotations

from django.db import models


class IdempotencyRecord(models.Model):
    scope = models.CharField(max_length=64, help_text="Hash of the credential that sent the key.")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.BinaryField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_once_per_scope")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code})"


class RateCounter(models.Model):
    """Requests counted in one fixed window for one scope (a token, a voucher id being
    validated): api/ratelimit.py increments it with one atomic upsert, across processes."""

    scope = models.CharField(max_length=120)
    period = models.BigIntegerField(help_text="Window number: Unix time // window seconds.")
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "period"], name="rate_counter_once_per_window")
        ]

    def __str__(self) -> str:
        return f"{self.scope} #{self.period}: {self.hits}"
