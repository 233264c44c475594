"""REL-7: schemathesis against the OpenAPI document: no server errors, responses match the schema.

Runs in-process through the WSGI app on the test database, as a program admin (who can reach the
most operations), with the sandbox clock pinned to 2021-06-15. Set PLANSERV_SCHEMATHESIS_EXAMPLES to change the
number of examples per operation (default 100, as quality.md asks).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from planserv.accounts.services import token_create
from planserv.config.wsgi import application
from planserv.core import clock
from tests.factories import accounts as account_factory

EXAMPLES = int(os.environ.get("PLANSERV_SCHEMATHESIS_EXAMPLES", "100"))


def _operations() -> list:
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in loaded.get_all_operations()]
    # POST /clock would move the shared program date for every later example (and run years of
    # daily jobs); its validation and refusals are tested in tests/api and the REL-7 matrix.
    return [op for op in operations if op.label != "POST /api/v1/clock"]


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes connections at the end of a request; the test database must stay open
    (Django's own test client disconnects the same handlers)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db, keep_test_connection):
    clock.store_pinned_date(dt.date(2021, 6, 15))

    operator = account_factory.organisation("operator")
    membership = account_factory.member(operator, "program_admin")
    issued = token_create(
        membership=membership,
        name="schemathesis",
        actor=account_factory.SYSTEM,
        at=account_factory.AT,
        today=account_factory.TODAY,
    )
    return {"Authorization": f"Bearer {issued.secret}"}


@pytest.mark.slow
@pytest.mark.parametrize("operation", _operations(), ids=lambda op: op.label)
def test_no_server_errors_and_responses_match_the_schema_rel_7(operation, bearer):
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(case=operation.as_strategy())
    def check(case):
        # Business rules answer schema-valid requests with 422 (a deadline, a missing day):
        # that is the contract, so the positive-data-acceptance check does not apply.
        case.call_and_validate(headers=bearer, excluded_checks=[positive_data_acceptance])

    check()
