"""One log line and the request metrics for every request (docs/operations.md, "Health, metrics
and logs"). Placed right after the request id, so the line carries it and every later middleware
(admission control included) is inside the measured time."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from planserv.observability import metrics

logger = logging.getLogger("planserv.request")
UNRESOLVED = "unresolved"  # no URL pattern matched (404), or the request was shed before routing


def route_of(request: HttpRequest) -> str:
    """The URL pattern, not the path: `api/v1/vouchers/<voucher_id>`, so labels stay few."""
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None and match.route else UNRESOLVED


def _who(request: HttpRequest) -> dict[str, object]:
    actor = getattr(request, "actor", None)
    if actor is not None:
        return {"user_id": actor.user_id, "organisation_id": actor.organisation_id}
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    return {"user_id": user_id, "organisation_id": None}


class RequestObservabilityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        route = route_of(request)
        method = request.method or "GET"
        shed = getattr(request, "shed", "")
        if shed:
            metrics.observe_shed(kind=shed)
        metrics.observe_request(
            method=method, route=route, status=response.status_code, seconds=seconds
        )
        logger.info(
            "request",
            extra={
                "method": method,
                "route": route,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
                **_who(request),
                **({"shed": shed} if shed else {}),
            },
        )
        return response
