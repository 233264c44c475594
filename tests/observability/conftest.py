"""Capture what the structured formatter writes, as production would (one JSON object a line)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from planserv.observability import metrics
from planserv.observability.logs import formatter


class CapturedLogs:
    def __init__(self) -> None:
        self.stream = io.StringIO()

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def events(self, event: str | None = None) -> list[dict[str, Any]]:
        lines = [json.loads(line) for line in self.text.splitlines() if line.strip()]
        return [line for line in lines if event is None or line.get("event") == event]


@pytest.fixture
def json_logs() -> Iterator[CapturedLogs]:
    captured = CapturedLogs()
    config = formatter("json")
    factory = config.pop("()")
    handler = logging.StreamHandler(captured.stream)
    handler.setFormatter(factory(**config))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield captured
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture(autouse=True)
def _fresh_database_gauges(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every scrape in a test reads the database (tests of the reuse set their own age)."""
    monkeypatch.setattr(metrics, "SLOW_GAUGES_MAX_AGE", 0.0)
