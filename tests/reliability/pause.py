"""A test-only middleware (listed only by tests/reliability/server_settings.py): a request with
the header `X-Test-Pause-Before-Commit: <seconds>` writes `<pid>` to a file in
PLANSERV_TEST_PAUSE_DIR after the view has made all its writes, while the Idempotency-Key
middleware's transaction is still open, then sleeps. The REL-6 test kills the worker then."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

HEADER = "X-Test-Pause-Before-Commit"


class PauseBeforeCommit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        seconds = request.headers.get(HEADER)
        folder = getattr(settings, "PLANSERV_TEST_PAUSE_DIR", "")
        if seconds and folder:
            marker = Path(folder) / f"{os.getpid()}.json"
            marker.write_text(
                json.dumps(
                    {
                        "pid": os.getpid(),
                        "status": response.status_code,
                        "in_transaction": connection.in_atomic_block,
                    }
                )
            )
            time.sleep(float(seconds))
        return response
