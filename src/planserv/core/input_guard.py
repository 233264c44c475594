"""Refuse NUL characters in query strings and bodies before any view runs.

PostgreSQL cannot store or compare a NUL character in text, so a NUL reaching the ORM would be a
server error; it is never meaningful input, so it is a 400 with the error format for the API.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

_NUL_MARKERS = (b"\x00", b"\\u0000", b"%00")


def _has_nul(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    if "%00" in query or "\x00" in query:
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith(("application/json", "application/x-www-form-urlencoded")):
        try:
            body: bytes = request.body
        except RequestDataTooBig:  # Django answers that itself later
            return False
        return any(marker in body for marker in _NUL_MARKERS)
    return False


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = "The request contains a NUL character, which is never valid input."
            if request.path.startswith("/api/"):
                body: dict[str, object] = {
                    "error": {
                        "code": "invalid_input",
                        "message": message,
                        "rule": None,
                        "details": {},
                    }
                }
                return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(message)
        return self.get_response(request)
