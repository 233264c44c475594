"""Factories for users, organisations and memberships, built through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from planserv.accounts.models import Membership, Organisation, User
from planserv.accounts.services import membership_grant, organisation_create, user_create
from planserv.core.actor import Actor

SYSTEM = Actor.system(label="tests")
AT = dt.datetime(2020, 1, 6, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2020, 1, 6)
_sequence = itertools.count(1)
PASSWORD = "correct-horse-battery"


def organisation(kind: str, *, name: str | None = None, country: str = "US") -> Organisation:
    number = next(_sequence)
    return organisation_create(
        kind=kind,
        name=name or f"{kind.title()} {number}",
        country=country,
        public_id=f"{kind[0].upper()}-T{number:05d}",
        actor=SYSTEM,
        at=AT,
        today=TODAY,
    )


def user(*, email: str | None = None, is_staff: bool = False) -> User:
    number = next(_sequence)
    return user_create(
        email=email or f"user{number}@example.test",
        full_name=f"User {number}",
        password=PASSWORD,
        actor=SYSTEM,
        at=AT,
        today=TODAY,
        is_staff=is_staff,
    )


def member(organisation: Organisation, role: str, *, email: str | None = None) -> Membership:
    return membership_grant(
        user=user(email=email),
        organisation=organisation,
        role=role,
        actor=SYSTEM,
        at=AT,
        today=TODAY,
    )
