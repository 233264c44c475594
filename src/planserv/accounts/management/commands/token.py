"""planserv token create --user EMAIL --organisation ORG [--role ROLE] [--name NAME] | list | revoke."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from planserv.accounts.models import ApiToken, Membership
from planserv.accounts.services import token_create, token_revoke
from planserv.core import clock
from planserv.core.actor import Actor


class Command(BaseCommand):
    help = "Create, list or revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--user", required=True, help="the user's email")
        create.add_argument(
            "--organisation",
            required=True,
            help="organisation public id (e.g. P-100001) or exact name",
        )
        create.add_argument("--role", help="which membership, if the user holds several there")
        create.add_argument("--name", default="CLI token")
        create.add_argument("--expires-in-days", type=int, default=90, help="1 to 365 (default 90)")
        listing = sub.add_parser("list")
        listing.add_argument("--user", required=True)
        revoke = sub.add_parser("revoke")
        revoke.add_argument("--prefix", required=True, help="the token's first characters")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.system(label="cli")
        if options["action"] == "create":
            memberships = (
                Membership.objects.filter(user__email=options["user"].lower(), is_active=True)
                .filter(
                    Q(organisation__public_id=options["organisation"])
                    | Q(organisation__name=options["organisation"])
                )
                .select_related("organisation", "user")
                .order_by("role")
            )
            if options["role"]:
                memberships = memberships.filter(role=options["role"])
            found = list(memberships)
            if len(found) != 1:
                roles = ", ".join(m.role for m in found) or "none"
                raise CommandError(
                    f"Need exactly one membership for that user and organisation (found: {roles});"
                    " name one with --role."
                )
            issued = token_create(
                membership=found[0],
                name=options["name"],
                expires_in_days=options["expires_in_days"],
                actor=actor,
                at=clock.now(),
                today=clock.today(),
            )
            self.stdout.write(issued.secret)
        elif options["action"] == "list":
            for token in (
                ApiToken.objects.filter(membership__user__email=options["user"].lower())
                .select_related("membership__organisation")
                .order_by("-created_at")
            ):
                state = "revoked" if token.revoked_at else f"expires {token.expires_at:%Y-%m-%d}"
                self.stdout.write(
                    f"{token.prefix}…  {token.name}  "
                    f"{token.membership.organisation.name}  {token.membership.role}  "
                    f"{state}"
                )
        else:
            tokens = list(
                ApiToken.objects.filter(
                    prefix__startswith=options["prefix"], revoked_at__isnull=True
                ).order_by("pk")
            )
            if len(tokens) != 1:
                raise CommandError(
                    f"{len(tokens)} active tokens match that prefix; need exactly 1."
                )
            token_revoke(token=tokens[0], actor=actor, at=clock.now(), today=clock.today())
            self.stdout.write(f"Revoked {tokens[0].prefix}…")
