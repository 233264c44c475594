"""REL-15: no API request body crashes the server, and no free text hides its direction.

Runs before anything reads an API request's body (idempotency, ninja's parsers, api/bodies.py):
- a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is `413 body_too_large` (never Django's HTML 400
  page and its ERROR log line);
- a JSON or form body must be UTF-8, and JSON at most MAX_DEPTH levels deep (`400 invalid_input`);
- no text value, in the query string, a JSON body or a form field, may hold a bidirectional
  control character (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C): they make text read
  differently from what it is (`400 invalid_text`), as the partner profile already refuses.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
MAX_DEPTH = 32
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


class BodyRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def has_bidi_control(text: str) -> bool:
    return not BIDI_CONTROLS.isdisjoint(text)


def _strings(node: Any) -> Iterator[tuple[str, str]]:
    """(where, text) of every key and string value, without recursion."""
    stack: list[tuple[str, Any]] = [("body", node)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, value in item.items():
                yield where, str(key)
                stack.append((f"{where}.{key}", value))
        elif isinstance(item, list):
            stack.extend((f"{where}[{index}]", value) for index, value in enumerate(item))


def _depth(node: Any) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            values = item.values() if isinstance(item, dict) else item
            stack.extend((value, level + 1) for value in values)
    return deepest


def _refuse_bidi(pairs: Iterator[tuple[str, str]]) -> None:
    for where, text in pairs:
        if has_bidi_control(text):
            raise BodyRefused(
                400,
                "invalid_text",
                _(
                    "%(where)s contains a bidirectional control character, which makes text read "
                    "differently from what it is; send plain text."
                )
                % {"where": where},
            )


def load_json(raw: bytes) -> Any:
    """The body as JSON: UTF-8, at most MAX_DEPTH levels deep, no bidirectional controls."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyRefused(400, "invalid_input", _("The body is not valid UTF-8.")) from None
    try:
        data = json.loads(text)
    except RecursionError:
        data = None
        too_deep = True
    except ValueError:
        raise BodyRefused(400, "invalid_input", _("The body is not valid JSON.")) from None
    else:
        too_deep = _depth(data) > MAX_DEPTH
    if too_deep:
        raise BodyRefused(
            400,
            "invalid_input",
            _("The body is nested more than %(MAX_DEPTH)s levels deep.") % {"MAX_DEPTH": MAX_DEPTH},
        )
    _refuse_bidi(_strings(data))
    return data


def _values(where: str, data: QueryDict) -> Iterator[tuple[str, str]]:
    for key in data:
        yield where, key
        for value in data.getlist(key):
            yield f"{where}.{key}", str(value)


def _check(request: HttpRequest) -> None:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BodyRefused(400, "invalid_input", _("The Content-Length is not a number.")) from None
    if limit is not None and length > limit:
        raise BodyRefused(
            413,
            "body_too_large",
            _("The body has %(length)s bytes; at most %(limit)s are accepted.")
            % {"length": format(length, ","), "limit": format(limit, ",")},
        )
    _refuse_bidi(_values("query", request.GET))
    content_type = (request.content_type or "").lower()
    if content_type == "application/json" and length:
        load_json(request.body)
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data") and length:
        if content_type == "application/x-www-form-urlencoded":
            try:
                request.body.decode("utf-8")
            except UnicodeDecodeError:
                raise BodyRefused(400, "invalid_input", _("The body is not valid UTF-8.")) from None
        request.body  # noqa: B018  # read first, so later readers (idempotency) still can
        _refuse_bidi(_values("body", request.POST))


class ApiBodyGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            try:
                _check(request)
            except BodyRefused as refused:
                body: dict[str, Any] = {
                    "error": {
                        "code": refused.code,
                        "message": refused.message,
                        "rule": None,
                        "details": {},
                    }
                }
                return JsonResponse(body, status=refused.status)
        return self.get_response(request)
