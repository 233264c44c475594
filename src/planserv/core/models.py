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
