"""The demo's people (docs/people.md): a firm with several people and an invitation waiting; the
new firm Tailspin has one person, its global admin, who holds every partner role (R-ROLE-3)."""

from __future__ import annotations

import pytest

from planserv.accounts.invitations import invitations_pending
from planserv.accounts.models import Membership
from planserv.accounts.people import members_list
from planserv.accounts.selectors import actor_for_membership
from planserv.core import clock
from planserv.core.types import Role
from planserv_dev.demo.builder import build_demo
from planserv_dev.demo.context import DEFAULT_DEMO_DATE

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_contoso_has_people_and_a_pending_invitation_and_tailspin_one_global_admin():
    context = build_demo(today=DEFAULT_DEMO_DATE)
    contoso = context.organisations["P-100001"]
    assert len(members_list(organisation=contoso)) >= 4
    [invitation] = invitations_pending(organisation=contoso, at=clock.real_now())
    assert invitation.email == "new.colleague@contoso.demo"
    tailspin = context.organisations["P-100004"]
    [theo] = members_list(organisation=tailspin)
    assert theo.roles == ("global_admin",)
    actor = actor_for_membership(Membership.objects.get(organisation=tailspin))
    assert actor.has_role(Role.PARTNER_ADMIN) and actor.has_role(Role.PROFILE_ADMIN)
