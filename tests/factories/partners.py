"""Factories for partner firms' data, built through the partners services."""

from __future__ import annotations

import datetime as dt
import itertools

from planserv.accounts.models import Organisation
from planserv.partners.models import CompetencyHeld, Consultant, Enrollment, Location
from planserv.partners.services import (
    competency_record,
    consultant_create,
    consultant_exam_record,
    enrollment_create,
    location_create,
)
from planserv.program.models import Competency, Exam, Offering
from planserv.program.seed import AGREEMENT_VERSION
from tests.factories import accounts as account_factory

SYSTEM = account_factory.SYSTEM
EARNED = dt.date(2019, 7, 1)
EXPIRES = dt.date(2022, 6, 30)
AGREEMENT = AGREEMENT_VERSION[0]
_sequence = itertools.count(1)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)


def firm(*, name: str | None = None, country: str = "DE") -> Organisation:
    return account_factory.organisation("partner", name=name, country=country)


def competency(
    organisation: Organisation,
    code: str,
    *,
    level: str = "silver",
    earned_on: dt.date = EARNED,
    expires_on: dt.date = EXPIRES,
) -> CompetencyHeld:
    return competency_record(
        organisation=organisation,
        competency=Competency.objects.get(code=code),
        level=level,
        earned_on=earned_on,
        expires_on=expires_on,
        actor=SYSTEM,
        today=earned_on,
        at=at(earned_on),
    )


def enroll(organisation: Organisation, offering: str, *, on: dt.date) -> Enrollment:
    return enrollment_create(
        organisation=organisation,
        offering=Offering.objects.get(code=offering),
        agreement_version=AGREEMENT,
        accepted=True,
        actor=SYSTEM,
        today=on,
        at=at(on),
    )


def location(
    organisation: Organisation, *, country: str | None = None, location_id: str | None = None
) -> Location:
    number = next(_sequence)
    return location_create(
        organisation=organisation,
        location_id=location_id or f"LOC-{number:05d}",
        country=country or str(organisation.country),
        name=f"Office {number}",
        actor=SYSTEM,
        today=account_factory.TODAY,
        at=account_factory.AT,
    )


def consultant(
    organisation: Organisation, *, exams: tuple[tuple[str, dt.date], ...] = ()
) -> Consultant:
    number = next(_sequence)
    person = consultant_create(
        organisation=organisation,
        name=f"Consultant {number}",
        email=f"consultant{number}@example.test",
        actor=SYSTEM,
        today=account_factory.TODAY,
        at=account_factory.AT,
    )
    for code, passed_on in exams:
        consultant_exam_record(
            consultant=person,
            exam=Exam.objects.get(code=code),
            passed_on=passed_on,
            actor=SYSTEM,
            today=passed_on,
            at=at(passed_on),
        )
    return person


def listed_firm(
    *,
    name: str,
    country: str = "DE",
    offering: str = "DDPS",
    competency_code: str = "windows-and-devices",
    countries_served: tuple[str, ...] = ("DE",),
    description: str = "Planning services.",
    tags: tuple[str, ...] = (),
    on: dt.date = dt.date(2020, 1, 6),
    publish: bool = True,
) -> Organisation:
    """A firm enrolled in `offering` with a published profile listing it (the directory's rows)."""
    from planserv.partners.services import ProfileInput, profile_publish, profile_update

    organisation = firm(name=name, country=country)
    competency(organisation, competency_code)
    enroll(organisation, offering, on=on)
    profile_update(
        organisation=organisation,
        data=ProfileInput(
            description=description,
            countries_served=list(countries_served),
            offerings_delivered=[offering],
            expertise_tags=list(tags),
            contact_email="contact@example.test",
        ),
        actor=SYSTEM,
        today=on,
        at=at(on),
    )
    if publish:
        profile_publish(organisation=organisation, actor=SYSTEM, today=on, at=at(on))
    return organisation
