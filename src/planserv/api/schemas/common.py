"""Schemas shared by several routers: the error envelope and calendar milestones."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ErrorDetail(Schema):
    code: str
    message: str
    rule: str | None
    details: dict[str, object]


class ErrorOut(Schema):
    error: ErrorDetail


ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


class MilestoneOut(Schema):
    key: str
    title: str
    date: dt.date
    semantics: str
    effect: str
    days_away: int
