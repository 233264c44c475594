"""Ledger accounts (one per kind per agreement, with a stored balance) and immutable entries.

R-LED-2: CHECK (balance >= 0) on every account except the sources. R-LED-3: a stored balance is
the sum of its entries, kept so by `ledger_move`/`ledger_move_batch` in the same transaction.
Entries are never updated: the database refuses it (migration 0002).
"""

from __future__ import annotations

from django.db import models

from planserv.customers.ledger.accounts import SOURCE_KINDS, AccountKind, EntryCause


class LedgerAccount(models.Model):
    agreement = models.ForeignKey(
        "customers.LicensingAgreement",
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
        db_index=False,  # the unique (agreement, kind) index serves every lookup by agreement
    )
    kind = models.CharField(max_length=20, choices=AccountKind.choices)
    balance = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["agreement", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind"], name="ledger_account_one_per_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AccountKind.values), name="ledger_account_kind_valid"
            ),
            # R-LED-2: enforced by the database, not only by Python.
            models.CheckConstraint(
                condition=models.Q(balance__gte=0) | models.Q(kind__in=sorted(SOURCE_KINDS)),
                name="ledger_account_balance_non_negative",
            ),
        ]
        indexes = [models.Index(fields=["kind", "agreement"], name="ledger_account_kind_agr")]

    def __str__(self) -> str:
        return f"{self.agreement_id}:{self.kind} = {self.balance}"


class LedgerEntry(models.Model):
    """One movement of whole days between two accounts of the same agreement. Immutable."""

    agreement = models.ForeignKey(
        "customers.LicensingAgreement",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        db_index=False,  # the (agreement, id) index below serves every lookup by agreement
    )
    # Entries are read by agreement (index below), never by account: no index per account column,
    # so sweeps that write a million entries maintain fewer indexes.
    source = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="outgoing_entries", db_index=False
    )
    destination = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="incoming_entries", db_index=False
    )
    days = models.PositiveIntegerField()
    cause = models.CharField(max_length=20, choices=EntryCause.choices)
    cause_id = models.CharField(
        max_length=64, blank=True, help_text="What caused it: a voucher id, a job day, a grant."
    )
    effective_date = models.DateField()
    idempotency_key = models.CharField(max_length=200)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        help_text="The entry this correction reverses (each entry is reversed at most once).",
    )
    memo = models.CharField(max_length=300, blank=True)
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254)
    job_run_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "ledger entries"
        constraints = [
            # A constraint rather than unique=True: no extra LIKE index on PostgreSQL to maintain.
            models.UniqueConstraint(fields=["idempotency_key"], name="ledger_entry_key_unique"),
            models.CheckConstraint(
                condition=models.Q(days__gt=0), name="ledger_entry_days_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("destination")),
                name="ledger_entry_two_accounts",
            ),
            models.CheckConstraint(
                condition=models.Q(cause__in=EntryCause.values), name="ledger_entry_cause_valid"
            ),
        ]
        indexes = [models.Index(fields=["agreement", "id"], name="ledger_entry_agreement_id")]

    def __str__(self) -> str:
        return f"{self.days} days {self.source_id}→{self.destination_id} ({self.cause})"


FLOW_SHARDS = 16


class LedgerDayFlow(models.Model):
    """Days moved per effective date and movement (source kind → destination kind): a summary of
    the entries, kept by the ledger's writers in the same statement batch that writes the entries
    (`ledger/flows.py`), so the dashboard reads a row per day and movement instead of every entry.
    `shard` (agreement id mod FLOW_SHARDS) spreads concurrent writers of one day over several rows;
    a reader sums the shards. `planserv ledger check` recounts it from the entries."""

    effective_date = models.DateField()
    source_kind = models.CharField(max_length=20, choices=AccountKind.choices)
    destination_kind = models.CharField(max_length=20, choices=AccountKind.choices)
    shard = models.PositiveSmallIntegerField()
    days = models.BigIntegerField(default=0)
    entries = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["effective_date", "source_kind", "destination_kind", "shard"],
                name="ledger_day_flow_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.effective_date} {self.source_kind}→{self.destination_kind}: {self.days}"
