"""The program clock's stored state (R-TIME-1). One row; written only through core.clock."""

from __future__ import annotations

from django.db import models


class ProgramClock(models.Model):
    """In sandbox mode the program date may be pinned; `jobs_through` is the last day jobs ran for."""

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    pinned_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=1), name="program_clock_singleton")
        ]

    def __str__(self) -> str:
        return f"Program clock pinned to {self.pinned_date}" if self.pinned_date else "Real clock"


class ConfigVersion(models.Model):
    """The version of the configuration the serving processes cache (PERF-1): the calendar and
    settings, the catalogue, the day rates and the webhook subscriptions. One row, written only by
    database triggers on those tables (migration core 0002), so every change, from any surface or
    process (a service, the admin, a raw UPDATE), sets a new random `token`; a process compares the
    token against the one its cache was built with (core.config_cache). A missing row means "not
    known": nothing is cached."""

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    token = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=1), name="config_version_singleton")
        ]

    def __str__(self) -> str:
        return f"Configuration version {self.token}"
