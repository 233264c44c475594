"""Reads of accounts, and the Actor for a membership."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from planserv.accounts.errors import MembershipNotFound, TokenNotFound
from planserv.accounts.models import ApiToken, Membership, User
from planserv.core.actor import Actor


def actor_for_membership(membership: Membership, *, request_id: str = "") -> Actor:
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
        raise MembershipNotFound("No such membership for this user.") from None


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
        raise TokenNotFound("No such API token.") from None


def live_token_id(*, secret: str, at: datetime) -> int | None:
    """The id of the token with this secret if it would authenticate at `at` (real time)."""
    from planserv.accounts.services import token_hash

    return (
        ApiToken.objects.filter(token_hash=token_hash(secret), revoked_at__isnull=True)
        .filter(expires_at__gt=at)
        .values_list("pk", flat=True)
        .first()
    )
