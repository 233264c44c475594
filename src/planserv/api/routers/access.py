"""API operations of sign-in and access (docs/people.md): resetting a member's lost second
factor (R-PPL-3) and an organisation's single sign-on settings (R-PPL-2)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router

from planserv.accounts.errors import SingleSignOnNotFound
from planserv.accounts.models import Organisation, SingleSignOn
from planserv.accounts.second_factor import second_factor_reset
from planserv.accounts.selectors import access_membership_for_reset
from planserv.accounts.single_sign_on import (
    SingleSignOnInput,
    may_edit_single_sign_on,
    single_sign_on_save,
)
from planserv.api.auth import actor_of
from planserv.api.schemas.access import SecondFactorOut, SingleSignOnIn, SingleSignOnOut
from planserv.api.schemas.common import ERRORS
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden

router = Router(tags=["people"])


@router.post(
    "/members/{member_id}/second-factor/reset",
    response={200: SecondFactorOut, **ERRORS},
    operation_id="resetMemberSecondFactor",
    summary="Reset a member's lost second factor",
)
def members_second_factor_reset(request: HttpRequest, member_id: int) -> SecondFactorOut:
    """R-PPL-3: the organisation's managing member (partner global admin, customer benefits
    admin) or a program admin removes a member's lost authenticator app and recovery codes; the
    person sets up a new one at the next sign-in. Audited. `member_id` is the membership's id."""
    actor = actor_of(request)
    membership = access_membership_for_reset(actor=actor, membership_id=member_id)
    second_factor_reset(membership=membership, actor=actor, at=clock.now(), today=clock.today())
    return SecondFactorOut(member=membership.pk, email=membership.user.email, second_factor=False)


def _organisation(actor: Actor, organisation_id: str) -> Organisation:
    """The caller's own organisation, or any for a program admin (R-ROLE-1); the role is
    checked first (403), a foreign organisation is not found (404)."""
    if not may_edit_single_sign_on(actor, Organisation(pk=actor.organisation_id)):
        raise Forbidden(
            _(
                "Only the organisation's managing member or a program admin manages its single "
                "sign-on (R-PPL-2)."
            ),
            details={"role": actor.role},
        )
    found = Organisation.objects.filter(public_id=organisation_id).first()
    if found is None or not may_edit_single_sign_on(actor, found):
        raise SingleSignOnNotFound(_("No such organisation."))
    return found


def _sso_out(request: HttpRequest, organisation: Organisation) -> SingleSignOnOut:
    sso = SingleSignOn.objects.filter(organisation=organisation).first()
    redirect_uri = request.build_absolute_uri(reverse("portal:sso_callback"))
    if sso is None:
        return SingleSignOnOut(
            organisation=organisation.public_id, configured=False, redirect_uri=redirect_uri
        )
    return SingleSignOnOut(
        organisation=organisation.public_id,
        configured=True,
        issuer=sso.issuer,
        client_id=sso.client_id,
        allowed_domains=list(sso.allowed_domains),
        required=sso.required,
        redirect_uri=redirect_uri,
    )


@router.get(
    "/organisations/{organisation_id}/single-sign-on",
    response={200: SingleSignOnOut, **ERRORS},
    operation_id="getSingleSignOn",
    summary="An organisation's single sign-on settings",
)
def organisations_single_sign_on_get(request: HttpRequest, organisation_id: str) -> SingleSignOnOut:
    """R-PPL-2: an organisation's single sign-on settings (never the client secret). The managing
    member of that organisation, or a program admin. `organisation_id`: its public id."""
    return _sso_out(request, _organisation(actor_of(request), organisation_id))


@router.put(
    "/organisations/{organisation_id}/single-sign-on",
    response={200: SingleSignOnOut, **ERRORS},
    operation_id="setSingleSignOn",
    summary="Set an organisation's single sign-on",
)
def organisations_single_sign_on_put(
    request: HttpRequest, organisation_id: str, payload: SingleSignOnIn
) -> SingleSignOnOut:
    """R-PPL-2: set the organisation's OpenID Connect provider (issuer, client id and secret),
    the email domains it signs in, and whether members must use it. Audited."""
    actor = actor_of(request)
    organisation = _organisation(actor, organisation_id)
    single_sign_on_save(
        organisation=organisation,
        data=SingleSignOnInput(
            issuer=payload.issuer,
            client_id=payload.client_id,
            client_secret=payload.client_secret,
            allowed_domains=tuple(payload.allowed_domains),
            required=payload.required,
        ),
        actor=actor,
        at=clock.now(),
        today=clock.today(),
    )
    return _sso_out(request, organisation)
