"""Idempotency-Key for every mutating API request (api.md, REL-3).

The claim row is inserted in the same transaction as the request's work, with one
`INSERT … ON CONFLICT DO NOTHING RETURNING` and no read before it: a first request costs the claim
and the stored answer, a repeat costs the claim and one read. A concurrent request with the same
key blocks on the unique index (PostgreSQL) or on the write lock (SQLite IMMEDIATE) until the
first commits, then finds the stored response and replays it. A repeat with another body is
refused with 422 `idempotency_key_reused`. Server errors are not stored, so a retry can succeed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from planserv.api.models import IdempotencyRecord
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.batches import delete_in_batches

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
API_PREFIX = "/api/"
HEADER = "Idempotency-Key"
_MULTIPART_BOUNDARY = re.compile(r"boundary=([^;]+)", re.IGNORECASE)
MAX_KEY_LENGTH = 200
# api.md promises at least 24 hours; a week covers a client retrying after a long outage.
RECORDS_KEPT = dt.timedelta(days=7)


def _scope(request: HttpRequest) -> str:
    credential = request.headers.get("Authorization", "")
    return hashlib.sha256(credential.encode()).hexdigest()


def _canonical_body(request: HttpRequest) -> bytes:
    """The body, with a multipart boundary replaced by a fixed marker: clients pick a new random
    boundary for each send, so a retried upload must hash the same."""
    content_type = request.headers.get("Content-Type", "")
    boundary = _MULTIPART_BOUNDARY.search(content_type)
    if not content_type.lower().startswith("multipart/") or boundary is None:
        return request.body
    return request.body.replace(boundary.group(1).strip('"').encode(), b"planserv-boundary")


def _request_hash(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() if request.method else b"")
    digest.update(request.get_full_path().encode())
    digest.update(request.headers.get("Content-Type", "").split(";")[0].encode())
    digest.update(_canonical_body(request))
    return digest.hexdigest()


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message, "rule": None, "details": {}}}, status=status
    )


def _replay(record: IdempotencyRecord, request_hash: str) -> HttpResponse:
    if record.request_hash != request_hash:
        return _error(
            422,
            "idempotency_key_reused",
            _(
                "This Idempotency-Key was already used with a different request; use a new key "
                "for a new request."
            ),
        )
    response = HttpResponse(
        bytes(record.response_body or b""),
        status=record.status_code or 200,
        content_type=record.content_type or "application/json",
    )
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method not in MUTATING or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            return _error(
                400,
                "invalid_idempotency_key",
                _("The Idempotency-Key must be 1 to %(MAX_KEY_LENGTH)s printable characters.")
                % {"MAX_KEY_LENGTH": MAX_KEY_LENGTH},
            )
        scope, request_hash = _scope(request), _request_hash(request)
        with transaction.atomic():
            claimed = _claim(scope, key, request_hash)
            if claimed is None:
                # Another request holds or held this key: it committed before the claim
                # returned (a concurrent claim waits on the unique index), so read its answer.
                return _answer_of_first(scope, key, request_hash)
            response = self.get_response(request)
            # Server errors and rate limits are not answers to keep: a retry may succeed.
            if (
                response.status_code >= 500
                or response.status_code == 429
                or getattr(response, "streaming", False)
            ):
                transaction.set_rollback(True)
                return response
            IdempotencyRecord.objects.filter(pk=claimed).update(
                status_code=response.status_code,
                response_body=response.content,
                content_type=response.get("Content-Type", "application/json"),
            )
            return response


def _claim_sql() -> str:
    quote = connection.ops.quote_name
    table = quote(IdempotencyRecord._meta.db_table)
    scope, key = quote("scope"), quote("key")
    return (
        f"INSERT INTO {table} ({scope}, {key}, {quote('request_hash')}, "  # noqa: S608  # nosec B608: names from the model, values bound
        f"{quote('content_type')}, {quote('created_at')}) VALUES (%s, %s, %s, '', %s) "
        f"ON CONFLICT ({scope}, {key}) DO NOTHING RETURNING {quote('id')}"
    )


def _claim(scope: str, key: str, request_hash: str) -> int | None:
    """The claim row's id, inserted in one statement with no read before it; None when the key
    is already taken in this scope. PostgreSQL makes a concurrent claim of the same key wait for
    the first one's transaction (then DO NOTHING if it committed); SQLite serialises writers."""
    with connection.cursor() as cursor:
        cursor.execute(_claim_sql(), [scope, key, request_hash, clock.real_now()])
        row = cursor.fetchone()
    return int(row[0]) if row else None


def _answer_of_first(scope: str, key: str, request_hash: str) -> HttpResponse:
    stored = IdempotencyRecord.objects.filter(scope=scope, key=key).order_by("pk").first()
    if stored is None or stored.status_code is None:
        return _error(
            409,
            "idempotency_key_in_progress",
            _("A request with this Idempotency-Key is still being processed."),
        )
    return _replay(stored, request_hash)


def idempotency_records_purge(day: dt.date, actor: Actor) -> dict[str, int]:
    """The daily retention job (registered by ApiConfig): delete the Idempotency-Key records
    older than RECORDS_KEPT, in batches along the created_at index."""
    expired = IdempotencyRecord.objects.filter(created_at__lt=clock.real_now() - RECORDS_KEPT)
    return {"deleted": delete_in_batches(expired, order=("created_at", "pk"))}
