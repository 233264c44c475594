"""Request and response schemas of the meta operations (api/routers/meta.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import model_validator


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    country: str


class MeOut(Schema):
    email: str
    organisation: OrganisationOut
    role: str
    language: str = Field(
        default="",
        description="Your language preference for the portal and email (en, de, fr, es, ja); "
        "empty: the browser's. API error messages follow the request's Accept-Language.",
    )
    time_zone: str = Field(
        default="",
        description="The IANA time zone the portal shows times of day in; empty: the program's.",
    )


class PreferencesIn(Schema):
    language: str | None = Field(
        default=None,
        max_length=12,
        description="en, de, fr, es or ja; empty for the browser's language; leave out to keep.",
        examples=["de"],
    )
    time_zone: str | None = Field(
        default=None,
        max_length=64,
        description="An IANA zone such as Europe/Berlin; empty for the program's; leave out to "
        "keep.",
        examples=["Europe/Berlin"],
    )


class ClockOut(Schema):
    today: dt.date
    pinned: bool
    sandbox: bool
    time_zone: str


class JobRunOut(Schema):
    job: str
    program_day: dt.date
    status: str
    counts: dict[str, int]


class ClockMoveOut(ClockOut):
    days_run: list[dt.date]
    job_runs: list[JobRunOut]


class ClockIn(Schema):
    """Either a date to pin, a number of days to advance, or {"date": null} for the real date."""

    date: dt.date | None = None
    advance_days: int | None = None

    @model_validator(mode="after")
    def one_of(self) -> ClockIn:
        if self.advance_days is not None and self.date is not None:
            raise ValueError("give either date or advance_days, not both")
        if self.advance_days is not None and not 0 <= self.advance_days <= 3660:
            raise ValueError("advance_days must be between 0 and 3660")
        return self
