"""Bearer-token authentication (api.md): a token acts through one membership, with its role."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from planserv.accounts.selectors import actor_for_membership
from planserv.accounts.services import token_authenticate
from planserv.core import clock
from planserv.core.actor import Actor


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        found = token_authenticate(secret=token, at=clock.real_now())
        if found is None:
            return None
        actor = actor_for_membership(
            found.membership,
            request_id=getattr(request, "request_id", ""),
            second_factor=found.second_factor,
        )
        request.actor = actor  # type: ignore[attr-defined]
        return actor


def actor_of(request: HttpRequest) -> Actor:
    """The authenticated actor of an API request."""
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    return actor
