"""Request and response schemas of the getting started operations (api/routers/getting_started.py)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


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
