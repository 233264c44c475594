"""/me, /clock, /calendar."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router

from planserv.accounts.language import preferences_update
from planserv.accounts.models import User
from planserv.api.auth import actor_of
from planserv.api.schemas.common import ERRORS, MilestoneOut
from planserv.api.schemas.meta import (
    ClockIn,
    ClockMoveOut,
    ClockOut,
    JobRunOut,
    MeOut,
    OrganisationOut,
    PreferencesIn,
)
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.jobs.services import clock_set
from planserv.program.selectors import milestones_list

router = Router(tags=["program"])


@router.get(
    "/me",
    response={200: MeOut, **ERRORS},
    operation_id="getMe",
    summary="Who the token acts as: user, organisation and role",
)
def me(request: HttpRequest) -> MeOut:
    return _me_out(actor_of(request))


def _me_out(actor: Actor) -> MeOut:
    user = User.objects.filter(pk=actor.user_id or 0).only("language", "time_zone").first()
    return MeOut(
        email=actor.email,
        organisation=OrganisationOut(
            id=actor.organisation_id or 0,
            name=actor.organisation_name,
            kind=actor.organisation_kind or "",
            country=actor.organisation_country,
        ),
        role=actor.role or "",
        language=user.language if user else "",
        time_zone=user.time_zone if user else "",
    )


@router.patch(
    "/me",
    response={200: MeOut, **ERRORS},
    operation_id="updateMyPreferences",
    summary="Change your language and time-zone preferences",
)
def me_update(request: HttpRequest, payload: PreferencesIn) -> MeOut:
    """The token's person: language (portal and email) and time zone (portal times), audited as
    on the profile page. API answers keep following each request's Accept-Language."""
    actor = actor_of(request)
    preferences_update(
        user=User.objects.get(pk=actor.user_id or 0),
        language=payload.language,
        time_zone=payload.time_zone,
        actor=actor,
        at=clock.now(),
        today=clock.today(),
    )
    return _me_out(actor)


def _clock_out() -> ClockOut:
    reading = clock.reading()
    return ClockOut(
        today=reading.today,
        pinned=reading.pinned,
        sandbox=reading.sandbox,
        time_zone=reading.time_zone,
    )


@router.get(
    "/clock",
    response={200: ClockOut, **ERRORS},
    operation_id="getClock",
    summary="Read the program date",
)
def clock_get(request: HttpRequest) -> ClockOut:
    return _clock_out()


@router.post(
    "/clock",
    response={200: ClockMoveOut, **ERRORS},
    operation_id="moveClock",
    summary="Pin or advance the program clock (sandbox)",
)
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


@router.get(
    "/calendar",
    response={200: list[MilestoneOut], **ERRORS},
    operation_id="listMilestones",
    summary="List the program calendar's milestones",
)
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
