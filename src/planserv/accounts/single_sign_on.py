"""Single sign-on (R-PPL-2): an organisation's OpenID Connect settings, which organisation an
email belongs to, who may still use a password, and the provider's published configuration.

The sign-in itself (authorization code with PKCE, the ID token's RS256 signature checked against
the provider's published keys) runs through mozilla-django-oidc in `accounts/oidc.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import requests
from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.errors import SingleSignOnInvalid, SingleSignOnNotAllowed
from planserv.accounts.invitations import invitation_accept_for_verified_email
from planserv.accounts.models import Membership, Organisation, SingleSignOn, User
from planserv.accounts.second_factor import is_managing
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.types import Role

DISCOVERY_TIMEOUT_SECONDS = 5
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class ProviderUnavailable(Exception):
    """The organisation's provider did not answer, or answered with something unusable."""


@dataclass(frozen=True)
class ProviderConfiguration:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def provider_configuration(sso: SingleSignOn) -> ProviderConfiguration:
    """The provider's OpenID configuration (`<issuer>/.well-known/openid-configuration`)."""
    url = sso.issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=DISCOVERY_TIMEOUT_SECONDS)
        response.raise_for_status()
        document: dict[str, Any] = response.json()
        return ProviderConfiguration(
            issuer=str(document["issuer"]),
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
        )
    except (requests.RequestException, ValueError, KeyError) as error:
        raise ProviderUnavailable(str(error)) from error


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower()


def single_sign_on_for_email(email: str) -> SingleSignOn | None:
    """The organisation whose allowed domains include the email's domain."""
    domain = email_domain(email)
    if not domain:
        return None
    for sso in SingleSignOn.objects.select_related("organisation").order_by("pk"):
        if domain in sso.allowed_domains:
            return sso
    return None


def password_refused_for(user: User) -> Organisation | None:
    """The organisation that requires single sign-on of this person, if any (R-PPL-2)."""
    membership = (
        Membership.objects.filter(
            user=user, is_active=True, organisation__single_sign_on__required=True
        )
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return membership.organisation if membership else None


def member_for_claims(sso: SingleSignOn, claims: dict[str, Any]) -> tuple[User | None, str]:
    """The person a verified email names: an active member of the organisation (never a
    membership made out of nothing). Returns (user, "") or (None, the reason in plain words)."""
    email = str(claims.get("email") or "").strip().lower()
    if not email:
        return None, _("Your organisation's sign-in did not tell us your email address.")
    verified = claims.get("email_verified") is True or claims.get("xms_edov") is True
    if not verified:
        return None, _("Your organisation's sign-in did not confirm your email address.")
    if email_domain(email) not in sso.allowed_domains:
        return None, _("%(email)s is not an address %(organisation)s signs in with here.") % {
            "email": email,
            "organisation": sso.organisation.name,
        }
    member = (
        Membership.objects.filter(
            organisation=sso.organisation, is_active=True, user__is_active=True, user__email=email
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if member is not None:
        return member.user, ""
    invited = match_pending_invitation(sso.organisation, email, str(claims.get("name") or ""))
    if invited is not None:
        return invited, ""
    return None, _(
        "%(email)s is not a member of %(organisation)s in Planning Services. Ask your "
        "organisation's administrator to invite you."
    ) % {"email": email, "organisation": sso.organisation.name}


def match_pending_invitation(
    organisation: Organisation, email: str, full_name: str = ""
) -> User | None:
    """A verified email with a pending invitation of this organisation accepts it (R-PPL-1) and
    signs in as the person it makes; None when nothing is pending."""
    return invitation_accept_for_verified_email(
        organisation=organisation,
        email=email,
        full_name=full_name,
        at=clock.real_now(),
        today=clock.today(),
    )


@dataclass(frozen=True)
class SingleSignOnInput:
    issuer: str
    client_id: str
    client_secret: str  # blank keeps the stored secret
    allowed_domains: tuple[str, ...]
    required: bool


def _clean(data: SingleSignOnInput, existing: SingleSignOn | None) -> SingleSignOnInput:
    issuer = data.issuer.strip().rstrip("/")
    if not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", issuer) or len(issuer) > 300:
        raise SingleSignOnInvalid(
            _(
                "The issuer must be the provider's web address, e.g. "
                "https://login.microsoftonline.com/<tenant id>/v2.0 (R-PPL-2)."
            ),
            details={"field": "issuer"},
        )
    client_id = data.client_id.strip()
    if not client_id or len(client_id) > 200:
        raise SingleSignOnInvalid(
            _("The client id is required (R-PPL-2)."), details={"field": "client_id"}
        )
    secret = data.client_secret.strip()
    if len(secret) > 500:
        raise SingleSignOnInvalid(
            _("The client secret is at most 500 characters (R-PPL-2)."),
            details={"field": "client_secret"},
        )
    if not secret and existing is None:
        raise SingleSignOnInvalid(
            _("The client secret is required (R-PPL-2)."), details={"field": "client_secret"}
        )
    domains = tuple(sorted({d.strip().lower() for d in data.allowed_domains if d.strip()}))
    bad = [d for d in domains if not DOMAIN.match(d)]
    if not domains or bad or len(domains) > 50:
        raise SingleSignOnInvalid(
            (
                _(
                    "Name at least one email domain, like fabrikam.com; not a domain: %(bad)s (R-PPL-2)."
                )
                % {"bad": ", ".join(bad)[:100]}
                if bad
                else _("Name at least one email domain, like fabrikam.com (R-PPL-2).")
            ),
            details={"field": "allowed_domains"},
        )
    return SingleSignOnInput(issuer, client_id, secret, domains, data.required)


def _state(sso: SingleSignOn | None) -> dict[str, Any] | None:
    if sso is None:
        return None
    return {
        "issuer": sso.issuer,
        "client_id": sso.client_id,
        "allowed_domains": list(sso.allowed_domains),
        "required": sso.required,
    }


def may_edit_single_sign_on(actor: Actor, organisation: Organisation) -> bool:
    """The organisation's managing member, or a program admin; never while acting (R-PPL-4)."""
    if not is_managing(actor):
        return False
    return actor.role == Role.PROGRAM_ADMIN or actor.organisation_id == organisation.pk


@transaction.atomic
def single_sign_on_save(
    *,
    organisation: Organisation,
    data: SingleSignOnInput,
    actor: Actor,
    at: dt.datetime,
    today: dt.date,
) -> SingleSignOn:
    """Create or change an organisation's single sign-on settings; audited (the secret never).

    Raises SingleSignOnNotAllowed or SingleSignOnInvalid (also for a domain another organisation
    already signs in with)."""
    if not may_edit_single_sign_on(actor, organisation):
        raise SingleSignOnNotAllowed(
            _(
                "Only the organisation's managing member or a program admin may change its "
                "single sign-on, never while acting for it (R-PPL-2, R-PPL-4)."
            ),
            details={"role": actor.role},
        )
    Organisation.objects.select_for_update().filter(pk=organisation.pk).get()
    existing = SingleSignOn.objects.filter(organisation=organisation).first()
    clean = _clean(data, existing)
    taken = [
        d
        for other in SingleSignOn.objects.exclude(organisation=organisation)
        for d in other.allowed_domains
        if d in clean.allowed_domains
    ]
    if taken:
        raise SingleSignOnInvalid(
            _("Another organisation already signs in with %(domains)s (R-PPL-2).")
            % {"domains": ", ".join(sorted(taken))},
            details={"field": "allowed_domains"},
        )
    before = _state(existing)
    sso = existing or SingleSignOn(organisation=organisation)
    sso.issuer = clean.issuer
    sso.client_id = clean.client_id
    if clean.client_secret:
        sso.client_secret = clean.client_secret
    sso.allowed_domains = list(clean.allowed_domains)
    sso.required = clean.required
    sso.updated_at = at
    sso.save()
    audit_record(
        actor=actor,
        action=AuditEventType.SINGLE_SIGN_ON_SAVED,
        subject=sso,
        at=at,
        program_date=today,
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
        before=before,
        after={**(_state(sso) or {}), "client_secret_changed": bool(clean.client_secret)},
    )
    return sso
