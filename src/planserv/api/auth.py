"""Bearer-token authentication (api.md): a token acts through one membership, with its role.

The token is read once per request: the rate limiter (api/ratelimit.py), which runs first, and
TokenAuth share the reading kept on the request by `authenticated_token`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from planserv.accounts.models import ApiToken
from planserv.accounts.selectors import actor_for_membership
from planserv.accounts.services import token_authenticate
from planserv.core import clock
from planserv.core.actor import Actor

_READING = "_planserv_token_reading"


def authenticated_token(request: HttpRequest, secret: str) -> ApiToken | None:
    """The live token with this secret (None if unknown, revoked, expired or inactive), read
    at most once per request. The last-use stamp is written at most once a minute
    (token_authenticate), so nearly every request reads and writes nothing else."""
    reading = getattr(request, _READING, None)
    if reading is not None and reading[0] == secret:
        found: ApiToken | None = reading[1]
        return found
    found = token_authenticate(secret=secret, at=clock.real_now())
    setattr(request, _READING, (secret, found))
    return found


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        found = authenticated_token(request, token)
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
