"""Request and response schemas of the people operations (api/routers/people.py; R-PPL-1)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class MemberOut(Schema):
    id: int = Field(description="The person's user id (the `{id}` of the member operations).")
    email: str
    full_name: str
    roles: list[str]
    last_login: dt.datetime | None


class MemberRolesIn(Schema):
    roles: list[str] = Field(
        description="Every role the member keeps in your organisation; at least one.",
        examples=[["partner_admin", "profile_admin"]],
        max_length=10,
    )


class InvitationIn(Schema):
    email: str = Field(max_length=254, examples=["dana@contoso.example"])
    roles: list[str] = Field(examples=[["partner_admin"]], max_length=10)
    full_name: str = Field(default="", max_length=150)


class InvitationOut(Schema):
    id: int
    email: str
    full_name: str
    roles: list[str]
    sent_at: dt.datetime
    expires_at: dt.datetime
    accepted_at: dt.datetime | None
    revoked_at: dt.datetime | None
