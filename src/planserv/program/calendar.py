"""The retirement calendar as named inclusive "last days" (STYLE.md principle 7, domain.md section 8).

Milestones are stored as published (some name the first refused day, some the last allowed day);
this module turns them into `last_<x>_date` values every rule compares with `<=`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planserv.core.config_cache import VersionedCache
from planserv.program.models import Milestone, MilestoneKey, MilestoneSemantics, ProgramSettings

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ProgramCalendar:
    last_cloud_date: dt.date  # last day cloud vouchers, reservations, enrollments are accepted
    last_conversion_date: dt.date  # R-TRN-1
    last_accrual_date: dt.date  # R-ACC-1: no accrual effective after this day
    last_create_date: dt.date  # R-VOU-3
    removal_date: dt.date  # the day remaining available days move to `removed`
    last_redemption_date: dt.date  # R-RED-1
    payment_window_days: int  # R-PAY-2
    voucher_validity_days: int  # R-VOU-6

    def last_payment_request_date(self, redeemed_on: dt.date) -> dt.date:
        return redeemed_on + dt.timedelta(days=self.payment_window_days)

    def redemption_open(self, today: dt.date) -> bool:
        """R-RED-1: redemption is allowed through the last redemption day, inclusive."""
        return today <= self.last_redemption_date

    def payment_request_open(self, redeemed_on: dt.date, today: dt.date) -> bool:
        """R-PAY-2: a payment request is allowed through redemption + the window, inclusive."""
        return today <= self.last_payment_request_date(redeemed_on)

    def cloud_open(self, today: dt.date) -> bool:
        return today <= self.last_cloud_date

    def removal_has_happened(self, on: dt.date) -> bool:
        return on >= self.removal_date


def _last_allowed(milestone: Milestone) -> dt.date:
    if milestone.semantics == MilestoneSemantics.FIRST_REFUSED_DAY:
        return milestone.date - ONE_DAY
    return milestone.date


def program_settings_get() -> ProgramSettings:
    settings_row, _ = ProgramSettings.objects.get_or_create(singleton=1)
    return settings_row


def program_settings_cached() -> ProgramSettings:
    """The program settings from the per-process cache (core.config_cache), for reading only:
    the row is shared by the process; a change goes through program_settings_get()."""
    return _SETTINGS.get()


def calendar_get(*, proposed: Milestone | None = None) -> ProgramCalendar:
    """The calendar in force, from the Milestone records and the program settings, cached per
    process and rebuilt on any change of them in any process (core.config_cache: a change made in
    the portal is in force at once everywhere). `proposed`, an unsaved milestone, stands in for
    the stored one of its key: the calendar a change would give (the settings page's preview)."""
    if proposed is None:
        return _CALENDAR.get()
    return _calendar_read(proposed)


def _calendar_read(proposed: Milestone | None = None) -> ProgramCalendar:
    milestones = {m.key: m for m in Milestone.objects.all()}
    if proposed is not None:
        milestones[proposed.key] = proposed
    program_settings = program_settings_get()

    def last(key: MilestoneKey) -> dt.date:
        return _last_allowed(milestones[key])

    return ProgramCalendar(
        last_cloud_date=last(MilestoneKey.CLOUD_RETIREMENT),
        last_conversion_date=last(MilestoneKey.TRAINING_CONVERSION_END),
        last_accrual_date=last(MilestoneKey.ACCRUAL_END),
        last_create_date=last(MilestoneKey.LAST_CREATE_DAY),
        removal_date=milestones[MilestoneKey.REMOVAL].date,
        last_redemption_date=last(MilestoneKey.LAST_REDEMPTION_DAY),
        payment_window_days=program_settings.payment_window_days,
        voucher_validity_days=program_settings.voucher_validity_days,
    )


_CALENDAR: VersionedCache[ProgramCalendar] = VersionedCache("calendar", _calendar_read)
_SETTINGS: VersionedCache[ProgramSettings] = VersionedCache(
    "program_settings", program_settings_get
)
