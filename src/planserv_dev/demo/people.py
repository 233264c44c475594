"""Demo people (docs/people.md): Contoso has several people (Greta Global manages them; Paul
Partner holds two roles) and one invitation waiting, sent by Greta to a new colleague. Tailspin
keeps one person, its global admin Theo, who may do every step himself (R-ROLE-3).

The invitation's link is in the demo's Mail page (the outbox); it is valid for 7 days of real
time from the moment the demo is loaded."""

from __future__ import annotations

from planserv.accounts.invitations import invitation_create
from planserv.accounts.models import Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.core import clock
from planserv_dev.demo.context import DemoContext

INVITED = ("new.colleague@contoso.demo", "Nora Newcomer", ["partner_admin", "profile_admin"])


def build(context: DemoContext) -> None:
    contoso = context.organisations["P-100001"]
    greta = Membership.objects.get(
        user=context.users["global@contoso.demo"], organisation=contoso, role="global_admin"
    )
    email, name, roles = INVITED
    invitation_create(
        actor=actor_for_membership(greta),
        organisation=contoso,
        email=email,
        roles=roles,
        full_name=name,
        at=clock.real_now(),
        today=context.today,
    )
