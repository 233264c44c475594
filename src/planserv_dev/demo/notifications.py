"""Demo data of the notifications capability: the milestone reminders of the month before the
demo date, as the daily runner would have written them (the Mail page shows them; the worker
delivers them to var/sent-mail/ in development)."""

from __future__ import annotations

import datetime as dt

from planserv.jobs.reminders import milestone_reminders
from planserv_dev.demo.context import DemoContext

REMINDER_HISTORY_DAYS = 31


def build(context: DemoContext) -> None:
    """Run the milestone reminder job for each of the last 31 program days before the demo date
    (the 30-day reminders of the last create day and of the removal fall in that window)."""
    for back in range(REMINDER_HISTORY_DAYS, 0, -1):
        milestone_reminders(context.today - dt.timedelta(days=back), context.operator)
