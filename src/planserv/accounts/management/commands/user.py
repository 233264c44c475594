"""planserv user invite --email EMAIL --organisation ORG --role ROLE [--role ROLE] [--name NAME]
| list [--organisation ORG].

`invite` bootstraps the first operator admin (docs/operations.md): it invites through the same
service as the People page (audited, emailed through the outbox) and prints the single-use link,
so it works before any mail relay does. `list` shows people, their roles and last sign-in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from planserv.accounts.invitations import invitation_create
from planserv.accounts.models import Organisation
from planserv.accounts.people import members_list
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import DomainError


def _organisation(name: str) -> Organisation:
    found = list(Organisation.objects.filter(Q(public_id=name) | Q(name=name)).order_by("pk")[:2])
    if len(found) != 1:
        raise CommandError(f"Need exactly one organisation with the public id or name {name!r}.")
    return found[0]


class Command(BaseCommand):
    help = "Invite a person to an organisation (the first operator admin, say), or list people."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        invite = sub.add_parser("invite")
        invite.add_argument("--email", required=True)
        invite.add_argument(
            "--organisation", required=True, help="public id (e.g. OP-1) or exact name"
        )
        invite.add_argument("--role", action="append", required=True, help="repeat for several")
        invite.add_argument("--name", default="", help="the person's name, if known")
        listing = sub.add_parser("list")
        listing.add_argument("--organisation", help="one organisation; default every one")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "invite":
            self._invite(options)
        else:
            self._list(options.get("organisation"))

    def _invite(self, options: dict[str, Any]) -> None:
        organisation = _organisation(options["organisation"])
        try:
            issued = invitation_create(
                actor=Actor.system(label="cli"),
                organisation=organisation,
                email=options["email"],
                roles=options["role"],
                full_name=options["name"],
                at=clock.real_now(),
                today=clock.today(),
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        invitation = issued.invitation
        self.stdout.write(
            f"Invited {invitation.email} to {organisation.name} as {', '.join(invitation.roles)}; "
            f"the link works once, until {invitation.expires_at:%Y-%m-%d %H:%M %Z}:\n{issued.link}"
        )

    def _list(self, name: str | None) -> None:
        organisations = [_organisation(name)] if name else Organisation.objects.order_by("name")
        for organisation in organisations:
            self.stdout.write(
                f"{organisation.name} ({organisation.kind}, {organisation.public_id})"
            )
            for member in members_list(organisation=organisation):
                seen = f"{member.last_login:%Y-%m-%d %H:%M}" if member.last_login else "never"
                self.stdout.write(
                    f"  {member.email}  {member.full_name}  {', '.join(member.roles)}  "
                    f"last sign-in {seen}"
                )
