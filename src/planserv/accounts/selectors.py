"""Reads of accounts, and the Actor for a membership."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from planserv.accounts.errors import MembershipNotFound, TokenNotFound
from planserv.accounts.models import ApiToken, Membership, User
from planserv.core.actor import Actor
from planserv.core.types import Role


def actor_for_membership(
    membership: Membership, *, request_id: str = "", second_factor: bool = False
) -> Actor:
    organisation = membership.organisation
    return Actor(
        user_id=membership.user_id,
        email=membership.user.email,
        organisation_id=organisation.pk,
        organisation_kind=organisation.kind,
        organisation_name=organisation.name,
        role=membership.role,
        membership_id=membership.pk,
        request_id=request_id,
        organisation_country=str(organisation.country),
        second_factor=second_factor,
    )


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    """The active memberships a user may act through (R-ROLE-2)."""
    return (
        Membership.objects.filter(user=user, is_active=True, organisation__isnull=False)
        .select_related("organisation", "user")
        .order_by("organisation__kind", "organisation__name", "role", "id")
    )


def access_membership_for_user(*, user: User, membership_id: int) -> Membership:
    try:
        return memberships_for_user(user=user).get(pk=membership_id)
    except Membership.DoesNotExist:
        raise MembershipNotFound(_("No such membership for this user.")) from None


def tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return (
        ApiToken.objects.filter(membership__user=user)
        .select_related("membership__organisation")
        .order_by("-created_at", "-id")
    )


def access_token_for_user(*, user: User, token_id: int) -> ApiToken:
    try:
        return tokens_for_user(user=user).get(pk=token_id)
    except ApiToken.DoesNotExist:
        raise TokenNotFound(_("No such API token.")) from None


def live_token_id(*, secret: str, at: datetime) -> int | None:
    """The id of the token with this secret if it would authenticate at `at` (real time)."""
    from planserv.accounts.services import token_hash

    return (
        ApiToken.objects.filter(token_hash=token_hash(secret), revoked_at__isnull=True)
        .filter(expires_at__gt=at)
        .values_list("pk", flat=True)
        .first()
    )


def members_with_second_factor(*, actor: Actor) -> QuerySet[Membership]:
    """Whose second factor the actor could reset: the actor's organisation's members with one;
    for a program admin, everyone's (at most 200, by email)."""
    with_factor = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    members = (
        Membership.objects.filter(is_active=True, user_id__in=with_factor)
        .exclude(user_id=actor.user_id or 0)
        .select_related("user", "organisation")
    )
    if not (actor.is_operator and actor.role == Role.PROGRAM_ADMIN):
        members = members.filter(organisation_id=actor.organisation_id or 0)
    return members.order_by("user__email", "organisation__name", "id")[:200]


def access_membership_for_reset(*, actor: Actor, membership_id: int) -> Membership:
    """A membership of the actor's organisation (any, for a program admin); else not found."""
    members = Membership.objects.select_related("user", "organisation").filter(pk=membership_id)
    if not (actor.is_operator and actor.role == Role.PROGRAM_ADMIN):
        members = members.filter(organisation_id=actor.organisation_id or 0)
    found = members.first()
    if found is None:
        raise MembershipNotFound(_("No such member in your organisation."))
    return found
