"""The tests here switch languages and zones; each leaves English and the default zone behind
(Django's test client keeps the last request's language active in the thread)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone, translation


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    translation.activate("en")
    timezone.deactivate()
