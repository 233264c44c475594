"""Demo people (docs/people.md): Contoso has several people (Greta Global manages them; Paul
Partner holds two roles) and one invitation waiting, sent by Greta to a new colleague. Tailspin
keeps one person, its global admin Theo, who may do every step himself (R-ROLE-3).

The invitation is sent on the demo date (so nothing is dated after it); its link is in the
demo's Mail page (the outbox) and, as links expire in real time, it is kept valid for 7 days of
real time from the moment the demo is loaded."""

from __future__ import annotations

import datetime as dt

from planserv.accounts.invitations import INVITATION_DAYS, invitation_create
from planserv.accounts.models import Invitation, Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.core import clock
from planserv_dev.demo.context import DemoContext

INVITED = ("new.colleague@contoso.demo", "Nora Newcomer", ["partner_admin", "profile_admin"])


def build(context: DemoContext) -> None:
    context.on(context.today, "Greta invites a new colleague", lambda day: _invite(context))


def _invite(context: DemoContext) -> None:
    contoso = context.organisations["P-100001"]
    greta = Membership.objects.get(
        user=context.users["global@contoso.demo"], organisation=contoso, role="global_admin"
    )
    email, name, roles = INVITED
    issued = invitation_create(
        actor=actor_for_membership(greta),
        organisation=contoso,
        email=email,
        roles=roles,
        full_name=name,
        at=context.at(context.today),
        today=context.today,
    )
    Invitation.objects.filter(pk=issued.invitation.pk).update(
        expires_at=clock.real_now() + dt.timedelta(days=INVITATION_DAYS)
    )
