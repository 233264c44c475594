"""API operations of sign-in and access (docs/people.md): resetting a member's lost second
factor (R-PPL-3) and an organisation's single sign-on settings (R-PPL-2)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from planserv.accounts.second_factor import second_factor_reset
from planserv.accounts.selectors import access_membership_for_reset
from planserv.api.auth import actor_of
from planserv.api.schemas.access import SecondFactorOut
from planserv.api.schemas.common import ERRORS
from planserv.core import clock

router = Router(tags=["people"])


@router.post("/members/{member_id}/second-factor/reset", response={200: SecondFactorOut, **ERRORS})
def members_second_factor_reset(request: HttpRequest, member_id: int) -> SecondFactorOut:
    """R-PPL-3: the organisation's managing member (partner global admin, customer benefits
    admin) or a program admin removes a member's lost authenticator app and recovery codes; the
    person sets up a new one at the next sign-in. Audited. `member_id` is the membership's id."""
    actor = actor_of(request)
    membership = access_membership_for_reset(actor=actor, membership_id=member_id)
    second_factor_reset(membership=membership, actor=actor, at=clock.now(), today=clock.today())
    return SecondFactorOut(member=membership.pk, email=membership.user.email, second_factor=False)
