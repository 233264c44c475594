"""portal_view: login, an active membership of the right kind and role, and clean refusals."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.accounts.models import Membership, User
from planserv.core.actor import Actor
from planserv.core.errors import NotFound
from planserv.core.types import Role

View = Callable[..., HttpResponseBase]
ACTING_REFUSAL = gettext_lazy(
    "While you act for an organisation you cannot change its people, roles, sign-in settings "
    "or payment details; only its own members can."
)


def portal_view(
    *, kinds: tuple[str, ...] = (), roles: tuple[str, ...] = (), own_members_only: bool = False
) -> Callable[[View], View]:
    """Wrap a portal view: anonymous users go to login; wrong side or role gets a 403 page.
    `own_members_only`: people, roles, sign-in settings and payment details, which support
    acting for the organisation may not open (R-PPL-4)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            actor: Actor | None = getattr(request, "actor", None)
            if actor is None:
                return render(request, "portal/common/no_membership.html", status=403)
            if kinds and actor.organisation_kind not in kinds:
                return render(
                    request,
                    "portal/common/forbidden.html",
                    {"reason": _("This page belongs to another side of the program.")},
                    status=403,
                )
            if roles and not actor.has_role(*roles):
                return render(
                    request,
                    "portal/common/forbidden.html",
                    {
                        "reason": _("Your role does not give access to this page."),
                        "roles": [Role(role).label.lower() for role in roles],
                    },
                    status=403,
                )
            if own_members_only and actor.is_acting_for:
                return render(
                    request,
                    "portal/common/forbidden.html",
                    {"reason": ACTING_REFUSAL},
                    status=403,
                )
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:
                return render(request, "portal/common/not_found.html", {"error": error}, status=404)

        return wrapper

    return decorate


def actor_of(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    assert isinstance(actor, Actor)
    return actor


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def membership_of(request: HttpRequest) -> Membership:
    membership = getattr(request, "membership", None)
    assert isinstance(membership, Membership)
    return membership
