"""The demo shows both faces of the partner home (issue 11): global@tailspin.demo is a new firm
with the onboarding checklist at step 1, global@contoso.demo an active firm with its engagements
by step; the customers' logins show their own steps."""

from __future__ import annotations

import pytest

from planserv.accounts.models import Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.guidance.getting_started import getting_started_for
from planserv_dev.demo.builder import build_demo
from planserv_dev.demo.context import DEFAULT_DEMO_DATE

pytestmark = pytest.mark.django_db


def checklist(email: str):
    membership = Membership.objects.select_related("organisation").get(
        user__email=email, organisation__kind__in=["partner", "customer"]
    )
    return getting_started_for(actor=actor_for_membership(membership), today=DEFAULT_DEMO_DATE)


def test_the_demo_has_a_new_firm_an_active_firm_and_customers_at_their_steps():
    build_demo(today=DEFAULT_DEMO_DATE)

    tailspin = checklist("global@tailspin.demo")
    assert not tailspin.active and tailspin.current is not None
    assert tailspin.current.number == 1
    assert {step.state for step in tailspin.steps[1:]} == {"locked"}

    contoso = checklist("global@contoso.demo")
    assert contoso.active
    waiting = {step.number: step.waiting for step in contoso.engagement_steps}
    assert waiting[6] >= 1 and waiting[7] >= 1  # Litware's reserved and delivered vouchers

    northwind = checklist("global@northwind.demo")  # may enroll, has not
    assert not northwind.active and northwind.current is not None
    assert northwind.current.number == 2

    woodgrove = checklist("benefits@woodgrove.demo")
    assert woodgrove.steps[0].state == "done"
    proseware = checklist("benefits@proseware.demo")
    forward = proseware.steps[2]
    assert forward.state == "open" and forward.items
