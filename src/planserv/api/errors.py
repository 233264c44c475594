"""One error format for every refusal (api.md, "Errors")."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from planserv.api.ratelimit import RateLimited
from planserv.core.errors import DomainError


def error_body(
    code: str, message: str, *, rule: str | None = None, details: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "rule": rule, "details": details or {}}}


def _describe(errors: list[dict[str, Any]]) -> str:
    parts = []
    for error in errors[:5]:
        location = ".".join(str(part) for part in error.get("loc", []) if part not in ("body",))
        parts.append(f"{location or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        response = api.create_response(request, {"error": exc.as_dict()}, status=exc.http_status)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [dict(error) for error in exc.errors]
        message = _("The request is malformed: %(problems)s.") % {"problems": _describe(errors)}
        details = {"errors": [{"loc": e.get("loc"), "msg": e.get("msg")} for e in errors[:20]]}
        return api.create_response(
            request, error_body("invalid_input", message, details=details), status=400
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request,
            error_body(
                "not_authenticated",
                _(
                    "A valid API token is required: send 'Authorization: Bearer <token>'. Tokens are "
                    "created on your profile page in the portal."
                ),
            ),
            status=401,
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {400: "invalid_input", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "http_error"
        )
        return api.create_response(request, error_body(code, str(exc)), status=exc.status_code)
