"""/me, /clock, /calendar."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import model_validator

from planserv.api.auth import actor_of
from planserv.api.schemas import ERRORS, MilestoneOut
from planserv.core import clock
from planserv.jobs.services import clock_set
from planserv.program.selectors import milestones_list

router = Router(tags=["program"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    country: str


class MeOut(Schema):
    email: str
    organisation: OrganisationOut
    role: str


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


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request: HttpRequest) -> MeOut:
    actor = actor_of(request)
    return MeOut(
        email=actor.email,
        organisation=OrganisationOut(
            id=actor.organisation_id or 0,
            name=actor.organisation_name,
            kind=actor.organisation_kind or "",
            country=actor.organisation_country,
        ),
        role=actor.role or "",
    )


def _clock_out() -> ClockOut:
    reading = clock.reading()
    return ClockOut(
        today=reading.today,
        pinned=reading.pinned,
        sandbox=reading.sandbox,
        time_zone=reading.time_zone,
    )


@router.get("/clock", response={200: ClockOut, **ERRORS})
def clock_get(request: HttpRequest) -> ClockOut:
    return _clock_out()


@router.post("/clock", response={200: ClockMoveOut, **ERRORS})
def clock_post(request: HttpRequest, payload: ClockIn) -> ClockMoveOut:
    today = clock.today()
    target = (
        today + dt.timedelta(days=payload.advance_days)
        if payload.advance_days is not None
        else payload.date
    )
    report = clock_set(actor=actor_of(request), target=target, today=today, at=clock.now())
    runs = [
        JobRunOut(job=run.job, program_day=run.program_day, status=run.status, counts=run.counts)
        for run in report.runs
    ]
    return ClockMoveOut(**_clock_out().dict(), days_run=report.days, job_runs=runs)


@router.get("/calendar", response={200: list[MilestoneOut], **ERRORS})
def calendar(request: HttpRequest) -> list[MilestoneOut]:
    today = clock.today()
    return [
        MilestoneOut(
            key=m.key,
            title=m.title,
            date=m.date,
            semantics=m.semantics,
            effect=m.effect,
            days_away=(m.date - today).days,
        )
        for m in milestones_list()
    ]
