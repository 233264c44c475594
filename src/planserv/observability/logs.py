"""Structured logs (structlog over the standard library): one JSON object a line in production,
readable text in development, and never a secret in either.

Code logs through the standard library (`logging.getLogger(__name__).info("job.run",
extra={...})`); structlog's ProcessorFormatter turns every record, Django's and gunicorn's
included, into an event with a timestamp, level, logger, the request id and the extra fields.
The last processor before rendering redacts: a field whose name says password, token, secret,
IBAN, authorization, cookie or session is replaced, and IBAN-shaped and API-token-shaped text is
masked wherever it appears (in a message, an exception, a path).
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

import structlog

from planserv.core.request_id import current_request_id

REDACTED = "[redacted]"
# accounts.services.TOKEN_PREFIX (settings load this module before the apps, so it is not
# imported; tests/observability/test_logs.py checks the two agree).
TOKEN_PREFIX = "psv_"  # noqa: S105 - a public marker, not a secret
_SECRET_FIELD = re.compile(
    r"pass(word)?|secret|token|iban|authori[sz]ation|cookie|session|csrf", re.IGNORECASE
)
# An IBAN: country, check digits, 11 to 30 letters and digits, with or without spaces.
_IBAN = re.compile(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\b")
_TOKEN = re.compile(re.escape(TOKEN_PREFIX) + r"[A-Za-z0-9_\-]{6,}")
_BEARER = re.compile(r"(?i)\bbearer\s+\S+")

EventDict = MutableMapping[str, Any]


def scrub(text: str) -> str:
    """Mask IBANs, API tokens and bearer credentials inside free text."""
    text = _BEARER.sub("Bearer " + REDACTED, text)
    text = _TOKEN.sub(REDACTED, text)
    return _IBAN.sub(REDACTED, text)


def _scrub_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict):
        return {key: _redact_field(key, item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_value(item) for item in value]
    # Text, and any object (Django puts the request on its log records): as the text it renders.
    return scrub(value if isinstance(value, str) else repr(value))


def _redact_field(key: object, value: Any) -> Any:
    if isinstance(key, str) and _SECRET_FIELD.search(key):
        return REDACTED
    return _scrub_value(value)


def redact(logger: Any, method_name: str, event_dict: EventDict) -> EventDict:
    """structlog processor: the last one before rendering."""
    for key in list(event_dict):
        event_dict[key] = _redact_field(key, event_dict[key])
    return event_dict


def add_request_id(logger: Any, method_name: str, event_dict: EventDict) -> EventDict:
    request_id = current_request_id()
    if request_id:
        event_dict.setdefault("request_id", request_id)
    return event_dict


def _pre_chain() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        add_request_id,
    ]


def formatter(log_format: str) -> dict[str, Any]:
    """A logging formatter config: "json" renders one object a line, anything else text."""
    renderer: Any = (
        structlog.processors.JSONRenderer(sort_keys=True)
        if log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return {
        "()": structlog.stdlib.ProcessorFormatter,
        "foreign_pre_chain": _pre_chain(),
        "processors": [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            redact,
            renderer,
        ],
    }


def logging_config(log_format: str) -> dict[str, Any]:
    """Django's LOGGING: everything to standard error through the structured formatter."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": formatter(log_format)},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": "INFO"},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "axes": {"level": "WARNING"},
        },
    }
