"""`/health`, `/ready` and `/metrics` (docs/operations.md, "Health, metrics and logs")."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from planserv.observability import metrics
from planserv.observability.health import readiness


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """The process answers. Reads nothing, so it is never slow and never fails with the
    database."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request: HttpRequest) -> HttpResponse:
    """Every readiness check with its reason; 503 when one fails."""
    report = readiness()
    return JsonResponse(report.as_json(), status=200 if report.ready else 503)


def _bearer(request: HttpRequest) -> str:
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    return credential.strip() if scheme.lower() == "bearer" else ""


@never_cache
@require_safe
def metrics_view(request: HttpRequest) -> HttpResponse:
    """The Prometheus exposition, to a scraper with PLANSERV_METRICS_TOKEN. Without a token
    configured the endpoint does not exist (404); a wrong or missing token gets 403."""
    expected = settings.PLANSERV_METRICS_TOKEN
    if not expected:
        raise Http404("Metrics are switched off.")
    if not hmac.compare_digest(_bearer(request).encode(), expected.encode()):
        return JsonResponse(
            {"error": {"code": "forbidden", "message": "A valid metrics token is required."}},
            status=403,
        )
    return HttpResponse(metrics.render(), content_type=metrics.CONTENT_TYPE)
