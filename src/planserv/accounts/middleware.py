"""Puts the active membership and its Actor on portal requests (R-ROLE-2: explicit, in the session).

A support user acting for an organisation (accounts/acting.py) gets an Actor of that
organisation; a session past its time limit is ended here (audited) and the user is back as
themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from planserv.accounts.acting import (
    acting_session_for,
    acting_session_open,
    actor_acting_for,
    support_acting_stop,
)
from planserv.accounts.models import ActingEndReason, Membership, User
from planserv.accounts.second_factor import has_second_factor
from planserv.accounts.selectors import actor_for_membership, memberships_for_user
from planserv.core import clock
from planserv.core.types import OrganisationKind

SESSION_KEY = "active_membership_id"
ACTING_KEY = "acting_session_id"
# Set at sign-in when the person has a second factor: the next pages ask for a code (R-PPL-3).
SECOND_FACTOR_PENDING_KEY = "second_factor_pending"
# Paths an unverified session may still open: the second factor's own pages, sign-in and
# sign-out, static files, probes and the API (bearer tokens, no session).
SECOND_FACTOR_OPEN_PATHS = (
    "/sign-in/",
    "/login/",
    "/logout/",
    "/language/",
    "/static/",
    "/api/",
    "/admin/login/",
    "/admin/logout/",
    "/health",
    "/ready",
    "/metrics",
)


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


def second_factor_pending_at_login(sender: Any, request: HttpRequest, user: User, **_: Any) -> None:
    """user_logged_in: a person with a second factor is asked for a code before any page."""
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_FACTOR_PENDING_KEY] = has_second_factor(user)


class SecondFactorMiddleware:
    """R-PPL-3 and REL-12: operator staff never reach a page without the second factor (the
    first sign-in sets one up), and a person who has one is asked for a code after the password
    or single sign-on. A verified session's Actor carries `second_factor=True`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith("/api/"):
            return self.get_response(request)
        if user.is_verified():
            actor = getattr(request, "actor", None)
            if actor is not None:
                request.actor = replace(actor, second_factor=True)  # type: ignore[attr-defined]
            return self.get_response(request)
        if request.path.startswith(SECOND_FACTOR_OPEN_PATHS):
            return self.get_response(request)
        required = self.must_use(request, user)
        if required or request.session.get(SECOND_FACTOR_PENDING_KEY):
            if has_second_factor(user):
                return self.redirect(request, "portal:second_factor_verify")
            if required:
                return self.redirect(request, "portal:second_factor_setup")
            request.session.pop(SECOND_FACTOR_PENDING_KEY, None)  # reset since sign-in
        return self.get_response(request)

    @staticmethod
    def must_use(request: HttpRequest, user: User) -> bool:
        """Operator staff: any operator membership (already loaded) or the admin's staff flag."""
        if user.is_staff or user.is_superuser:
            return True
        operator = OrganisationKind.OPERATOR
        return any(m.organisation.kind == operator for m in getattr(request, "memberships", []))

    @staticmethod
    def redirect(request: HttpRequest, name: str) -> HttpResponse:
        return HttpResponseRedirect(
            f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
        )
