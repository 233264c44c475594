"""Schemas of sign-in and access: the second factor reset (R-PPL-3) and single sign-on settings
(R-PPL-2)."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field


class SecondFactorOut(Schema):
    member: int = Field(examples=[42])
    email: str = Field(examples=["ana@fabrikam.example"])
    second_factor: bool = Field(examples=[False])


class SingleSignOnIn(Schema):
    issuer: str = Field(examples=["https://login.microsoftonline.com/<tenant id>/v2.0"])
    client_id: str = Field(examples=["6731de76-14a6-49ae-97bc-6eba6914391e"])
    client_secret: str = Field(default="", description="Empty keeps the stored secret.")
    allowed_domains: list[str] = Field(examples=[["fabrikam.com"]])
    required: bool = Field(default=False, examples=[False])


class SingleSignOnOut(Schema):
    organisation: str = Field(examples=["P-100001"])
    configured: bool
    issuer: str = ""
    client_id: str = ""
    allowed_domains: list[str] = Field(default_factory=list)
    required: bool = False
    redirect_uri: str = Field(
        examples=["https://planserv.example/sign-in/organisation/callback/"],
        description="Register this address with the provider.",
    )
