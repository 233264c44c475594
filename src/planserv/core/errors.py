"""Domain errors: a stable machine code, the rule it enforces and a sentence a person understands.

Interfaces map `http_status` and render `code`, `message`, `rule` and `details` (api.md, "Errors").
"""

from __future__ import annotations

from typing import Any, ClassVar


class DomainError(Exception):
    code: ClassVar[str] = "domain_error"
    rule: ClassVar[str | None] = None
    http_status: ClassVar[int] = 422

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            # str(): a lazily translated sentence is rendered in the request's language.
            "message": str(self.message),
            "rule": self.rule,
            "details": self.details,
        }


class InvalidInput(DomainError):
    """Malformed input (wrong shape, wrong type, oversize): 400."""

    code = "invalid_input"
    http_status = 400


class NotFound(DomainError):
    """Unknown, or belongs to another tenant (R-ROLE-1): answered the same way."""

    code = "not_found"
    rule = "R-ROLE-1"
    http_status = 404


class Forbidden(DomainError):
    """The acting role lacks the right (R-ROLE-1)."""

    code = "forbidden"
    rule = "R-ROLE-1"
    http_status = 403


class Conflict(DomainError):
    """Conflicts with the object's current state (wrong status, already done)."""

    code = "conflict"
    http_status = 409


class RuleViolation(DomainError):
    """A business rule refuses (deadline passed, not eligible, insufficient days)."""

    code = "rule_violation"
    http_status = 422


class SandboxOnly(RuleViolation):
    code = "sandbox_only"
    rule = "R-TIME-1"
    http_status = 403
