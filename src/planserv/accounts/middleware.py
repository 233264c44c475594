"""Puts the active membership and its Actor on portal requests (R-ROLE-2: explicit, in the session).

A support user acting for an organisation (accounts/acting.py) gets an Actor of that
organisation; a session past its time limit is ended here (audited) and the user is back as
themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from planserv.accounts.acting import (
    acting_session_for,
    acting_session_open,
    actor_acting_for,
    support_acting_stop,
)
from planserv.accounts.models import ActingEndReason, Membership
from planserv.accounts.selectors import actor_for_membership, memberships_for_user
from planserv.core import clock

SESSION_KEY = "active_membership_id"
ACTING_KEY = "acting_session_id"


class ActiveMembershipMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        request.actor = None  # type: ignore[attr-defined]
        request.acting_session = None  # type: ignore[attr-defined]
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
                if request.session.get(ACTING_KEY) is not None:
                    self._acting(request, active)
        return self.get_response(request)

    @staticmethod
    def _acting(request: HttpRequest, active: Membership) -> None:
        session_id = request.session.get(ACTING_KEY)
        session = acting_session_for(membership=active, session_id=session_id)
        now = clock.real_now()
        if session is None:
            # Switched to another membership (or the session ended): acting stops, audited.
            request.session.pop(ACTING_KEY, None)
            left = acting_session_open(user_id=active.user_id, session_id=session_id)
            if left is not None:
                support_acting_stop(session=left, at=now, today=clock.today())
            return
        if now >= session.expires_at:
            support_acting_stop(
                session=session, how=ActingEndReason.EXPIRED, at=now, today=clock.today()
            )
            request.session.pop(ACTING_KEY, None)
            return
        request.acting_session = session  # type: ignore[attr-defined]
        request.actor = actor_acting_for(request.actor, session)  # type: ignore[attr-defined]
