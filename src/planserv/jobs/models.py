"""Job runs: each daily job runs once per program day (R-TIME-1), recorded with counts and errors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class JobRun(models.Model):
    job = models.CharField(max_length=60)
    program_day = models.DateField()
    status = models.CharField(max_length=12, choices=JobRunStatus.choices)
    attempts = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    retry_after = models.DateTimeField(
        null=True, blank=True, help_text="Real time: when the worker retries a failed run."
    )

    class Meta:
        ordering = ["-program_day", "-id"]
        indexes = [
            models.Index(fields=["status", "program_day"]),
            # The job runs page: newest day first, all jobs, one job or one status (PERF-7).
            models.Index(fields=["-program_day", "id"], name="job_run_newest_day"),
            models.Index(fields=["job", "-program_day", "id"], name="job_run_job_day"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["job", "program_day"], name="job_run_once_per_day"),
            models.CheckConstraint(
                condition=models.Q(status__in=JobRunStatus.values), name="job_run_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job} for {self.program_day}: {self.status}"


class RunnerState(models.Model):
    """How far the daily runner has got, and who holds the lease to run it (one runner at a time)."""

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    completed_through = models.DateField(null=True, blank=True)
    lease_owner = models.CharField(max_length=80, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Real time: when a runner last took or renewed the lease (a worker takes it "
        "every --interval seconds); /ready reads it.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=1), name="runner_state_singleton")
        ]

    def __str__(self) -> str:
        return f"Daily jobs completed through {self.completed_through}"
