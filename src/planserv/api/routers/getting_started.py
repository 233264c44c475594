"""`GET /api/v1/support/getting-started`: the caller's organisation's getting-started checklist,
the same steps the partner and customer home pages show (docs/getting-started.md)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from planserv.api.auth import actor_of
from planserv.api.schemas.common import ERRORS
from planserv.api.schemas.getting_started import (
    GettingStartedOut,
)
from planserv.core import clock
from planserv.guidance.getting_started import getting_started_for

router = Router(tags=["support"])


@router.get(
    "/support/getting-started",
    response={200: GettingStartedOut, **ERRORS},
    operation_id="getGettingStarted",
    summary="Read the organisation's getting-started steps",
)
def getting_started(request: HttpRequest) -> dict[str, object]:
    """Your organisation's getting-started steps: a partner firm's eight (eligibility to payment
    request), a customer's four (activate to follow the engagement), each with its state (done,
    open, in_progress, ready, locked, closed), where you stand and the portal page that does it. Operators: 403."""
    return getting_started_for(actor=actor_of(request), today=clock.today()).as_dict()
