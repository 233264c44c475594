"""Webhook tests: a customer pool, an eligible firm, a subscription for each, a receiver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from tests.customers.ledger_checks import ledger_consistent  # noqa: F401  (a fixture)
from tests.factories import vouchers as voucher_factory
from tests.webhooks.receiver import Receiver


@pytest.fixture(autouse=True)
def _ledger_checked_after_each_test(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("ledger_consistent")


@pytest.fixture
def world(pin_clock: Any) -> Any:
    pin_clock(dt.date(2021, 3, 1))
    pool = voucher_factory.customer_pool()
    firm = voucher_factory.eligible_firm()
    return pool, firm


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver.on_free_port()
    yield found
    found.stop()
