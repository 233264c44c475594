"""Puts the active membership and its Actor on portal requests (R-ROLE-2: explicit, in the session)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from planserv.accounts.selectors import actor_for_membership, memberships_for_user

SESSION_KEY = "active_membership_id"


class ActiveMembershipMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        request.actor = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/api/"):
            memberships = list(memberships_for_user(user=user))
            chosen = request.session.get(SESSION_KEY)
            active = next((m for m in memberships if m.pk == chosen), None)
            if active is None and memberships:
                active = memberships[0]
                request.session[SESSION_KEY] = active.pk
            request.memberships = memberships  # type: ignore[attr-defined]
            if active is not None:
                request.membership = active  # type: ignore[attr-defined]
                request.actor = actor_for_membership(  # type: ignore[attr-defined]
                    active, request_id=getattr(request, "request_id", "")
                )
        return self.get_response(request)
