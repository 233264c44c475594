"""Rate limits of the API (api.md: 429 with Retry-After; docs/api.md, "Rate limits").

Fixed windows counted in the database (the `RateCounter` table) with one atomic
`INSERT … ON CONFLICT … DO UPDATE … RETURNING` per request, which SQLite (3.35+) and PostgreSQL
both run: every web process shares the count, with no cache server to run. Limits come from
settings as (requests, window seconds):
- PLANSERV_API_RATE_LIMIT: every request of one token (default 600 a minute);
- PLANSERV_VALIDATE_RATE_LIMIT_PER_VOUCHER and PLANSERV_VALIDATE_RATE_LIMIT_PER_TOKEN:
  `POST /vouchers/validate` for one voucher id (from any firm) and by one token (defaults 10 and
  30 an hour), so emails cannot be guessed for a voucher (R-RES-1).
The daily retention job deletes windows that have ended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext

from planserv.api.auth import authenticated_token
from planserv.api.models import RateCounter
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.batches import delete_in_batches
from planserv.core.errors import DomainError


class RateLimited(DomainError):
    code = "rate_limited"
    http_status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, details={"retry_after": retry_after})
        self.retry_after = retry_after


def limit_of(setting: str, default: tuple[int, int]) -> tuple[int, int]:
    requests, seconds = getattr(settings, setting, default)
    return int(requests), int(seconds)


def _upsert_sql() -> str:
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    return (
        f"INSERT INTO {table} (scope, period, hits, expires_at) VALUES (%s, %s, 1, %s) "  # noqa: S608  # nosec B608: names from the model, values bound
        f"ON CONFLICT (scope, period) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits"
    )


def hit(scope: str, *, limit: tuple[int, int], what: str) -> None:
    """Count one request against `scope`; past the limit, RateLimited (429) with the seconds
    until the window ends."""
    requests, seconds = limit
    now = clock.real_now().timestamp()
    window = int(now // seconds)
    ends = (window + 1) * seconds
    expires = dt.datetime.fromtimestamp(ends, tz=dt.UTC)
    # One statement, atomic by itself: no transaction of its own (no BEGIN/COMMIT round trips).
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [scope[:120], window, expires])
        row = cursor.fetchone()
    hits = int(row[0]) if row else 1
    if hits > requests:
        retry_after = max(1, int(ends - now + 0.999))
        raise RateLimited(
            gettext(
                "Too many requests: %(what)s allows %(requests)s every %(seconds)s seconds; try "
                "again in %(retry_after)s seconds."
            )
            % {"what": what, "requests": requests, "seconds": seconds, "retry_after": retry_after},
            retry_after=retry_after,
        )


class ApiRateLimitMiddleware:
    """Counts every API request of a live token before the request's own transaction opens
    (so the counter row is never held locked while a request works). The token is read once,
    here, and TokenAuth reuses that reading (api/auth.py): a request costs the token read and
    the one upsert."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        if request.path.startswith("/api/") and scheme.lower() == "bearer" and secret:
            token = authenticated_token(request, secret.strip())
            if token is not None:
                try:
                    hit(
                        f"token:{token.pk}",
                        limit=limit_of("PLANSERV_API_RATE_LIMIT", (600, 60)),
                        what="an API token",
                    )
                except RateLimited as limited:
                    return limited_response(limited)
        return self.get_response(request)


def limited_response(limited: RateLimited) -> JsonResponse:
    response = JsonResponse({"error": limited.as_dict()}, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


def rate_counters_purge(day: dt.date, actor: Actor) -> dict[str, int]:
    """The daily retention job: delete the counters of windows that have ended."""
    ended = RateCounter.objects.filter(expires_at__lt=clock.real_now())
    return {"deleted": delete_in_batches(ended, order=("expires_at", "pk"))}
