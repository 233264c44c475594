"""Schemas of sign-in and access: the second factor reset (R-PPL-3) and single sign-on settings
(R-PPL-2)."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field


class SecondFactorOut(Schema):
    member: int = Field(examples=[42])
    email: str = Field(examples=["ana@fabrikam.example"])
    second_factor: bool = Field(examples=[False])
