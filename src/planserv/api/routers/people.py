"""People of the caller's organisation (api.md "Added after the first release"; R-PPL-1): its
members with roles and last sign-in, invitations by email, role changes and removal. Only the
organisation's managing role (partner global admin, customer benefits admin, operator program
admin) calls them; the services check it."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from planserv.accounts.invitations import (
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitations_pending,
)
from planserv.accounts.models import Invitation, Organisation, User
from planserv.accounts.people import (
    Member,
    member_remove,
    member_roles_set,
    member_users,
    require_manager,
)
from planserv.api.auth import actor_of
from planserv.api.pagination import Page, cursor_paginate
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.people import InvitationIn, InvitationOut, MemberOut, MemberRolesIn
from planserv.core import clock

router = Router(tags=["people"])


def _organisation(request: HttpRequest, action: str) -> Organisation:
    actor = actor_of(request)
    assert actor.organisation_id is not None  # a token belongs to one membership
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    require_manager(actor, organisation, action=action)
    return organisation


def _member_out(user: User) -> dict[str, object]:
    member = Member.of(user)
    return {
        "id": member.user_id,
        "email": member.email,
        "full_name": member.full_name,
        "roles": list(member.roles),
        "last_login": member.last_login,
    }


def _invitation_out(item: Invitation) -> dict[str, object]:
    return {
        "id": item.pk,
        "email": item.email,
        "full_name": item.full_name,
        "roles": list(item.roles),
        "sent_at": item.sent_at,
        "expires_at": item.expires_at,
        "accepted_at": item.accepted_at,
        "revoked_at": item.revoked_at,
    }


@router.get(
    "/members",
    response={200: Page[MemberOut], **ERRORS},
    operation_id="listMembers",
    summary="List the organisation's members",
)
def members_list(
    request: HttpRequest, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    """The people of your organisation with their roles and last sign-in."""
    organisation = _organisation(request, "see your organisation's people")
    return cursor_paginate(
        member_users(organisation=organisation),
        cursor=cursor,
        limit=limit,
        order=("id",),
        serialize=_member_out,
    )


@router.patch(
    "/members/{member_id}",
    response={200: MemberOut, **ERRORS},
    operation_id="setMemberRoles",
    summary="Change a member's roles",
)
def member_update(
    request: HttpRequest, member_id: int, payload: MemberRolesIn
) -> dict[str, object]:
    """Give a member exactly these roles; the last managing member keeps theirs (R-PPL-1)."""
    organisation = _organisation(request, "change the roles of your organisation's people")
    member_roles_set(
        actor=actor_of(request),
        organisation=organisation,
        user_id=member_id,
        roles=payload.roles,
        at=clock.now(),
        today=clock.today(),
    )
    return _member_out(member_users(organisation=organisation).get(pk=member_id))


@router.delete(
    "/members/{member_id}",
    response={204: None, **ERRORS},
    operation_id="removeMember",
    summary="Remove a member",
)
def member_delete(request: HttpRequest, member_id: int) -> Status[None]:
    """Remove a member from your organisation (their account stays); never the last managing
    member (R-PPL-1)."""
    member_remove(
        actor=actor_of(request),
        organisation=_organisation(request, "remove people from your organisation"),
        user_id=member_id,
        at=clock.now(),
        today=clock.today(),
    )
    return Status(204, None)


@router.get(
    "/invitations",
    response={200: Page[InvitationOut], **ERRORS},
    operation_id="listInvitations",
    summary="List pending invitations",
)
def invitations_list(
    request: HttpRequest, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    """Your organisation's invitations still waiting to be accepted."""
    organisation = _organisation(request, "see your organisation's invitations")
    return cursor_paginate(
        invitations_pending(organisation=organisation, at=clock.real_now()),
        cursor=cursor,
        limit=limit,
        serialize=_invitation_out,
    )


@router.post(
    "/invitations",
    response={201: InvitationOut, **ERRORS},
    operation_id="inviteMember",
    summary="Invite someone by email",
)
def invitation_send(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, object]]:
    """Invite a person by email with roles: a single-use link, valid 7 days, is emailed."""
    issued = invitation_create(
        actor=actor_of(request),
        organisation=_organisation(request, "invite people to your organisation"),
        email=payload.email,
        roles=payload.roles,
        full_name=payload.full_name,
        at=clock.real_now(),
        today=clock.today(),
    )
    return Status(201, _invitation_out(issued.invitation))


@router.post(
    "/invitations/{invitation_id}/resend",
    response={200: InvitationOut, **ERRORS},
    operation_id="resendInvitation",
    summary="Send an invitation again",
)
def invitation_send_again(request: HttpRequest, invitation_id: int) -> dict[str, object]:
    """Email a new link, valid 7 days; the previous link stops working."""
    issued = invitation_resend(
        actor=actor_of(request),
        organisation=_organisation(request, "resend invitations"),
        invitation_id=invitation_id,
        at=clock.real_now(),
        today=clock.today(),
    )
    return _invitation_out(issued.invitation)


@router.delete(
    "/invitations/{invitation_id}",
    response={204: None, **ERRORS},
    operation_id="revokeInvitation",
    summary="Revoke an invitation",
)
def invitation_delete(request: HttpRequest, invitation_id: int) -> Status[None]:
    """Revoke an invitation: its link never works again."""
    invitation_revoke(
        actor=actor_of(request),
        organisation=_organisation(request, "revoke invitations"),
        invitation_id=invitation_id,
        at=clock.real_now(),
        today=clock.today(),
    )
    return Status(204, None)
