"""`GET /api/v1/support/getting-started`: the caller's organisation's getting-started checklist,
the same steps the partner and customer home pages show (docs/getting-started.md)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from planserv.api.auth import actor_of
from planserv.api.schemas import ERRORS
from planserv.core import clock
from planserv.guidance.getting_started import getting_started_for

router = Router(tags=["support"])


class ChecklistLinkOut(Schema):
    label: str
    path: str


class ChecklistFigureOut(Schema):
    label: str
    value: str
    count: int | None
    link: ChecklistLinkOut | None


class ChecklistItemOut(Schema):
    title: str
    detail: str
    link: ChecklistLinkOut | None


class ChecklistStepOut(Schema):
    number: int
    key: str
    title: str
    state: str
    summary: str
    why_locked: str
    deadline: dt.date | None
    link: ChecklistLinkOut | None
    figures: list[ChecklistFigureOut]
    items: list[ChecklistItemOut]
    more_items: int


class GettingStartedOut(Schema):
    side: str
    organisation: str
    today: dt.date
    active: bool
    current_step: int | None
    steps: list[ChecklistStepOut]
    notes: list[str]


@router.get("/support/getting-started", response={200: GettingStartedOut, **ERRORS})
def getting_started(request: HttpRequest) -> dict[str, object]:
    """Your organisation's getting-started steps: a partner firm's eight (eligibility to payment
    request), a customer's four (activate to follow the engagement), each with its state (done,
    open, in_progress, ready, locked, closed), where you stand and the portal page that does it. Operators: 403."""
    return getting_started_for(actor=actor_of(request), today=clock.today()).as_dict()
