"""REL-6: a web worker killed mid-request leaves the change fully committed or fully absent.

gunicorn serves planserv from its own master against the test database (SQLite file or
PostgreSQL) with one test-only addition (tests/reliability/server_settings.py): a middleware that
holds a request carrying `X-Test-Pause-Before-Commit` after the view made all its writes, inside
the Idempotency-Key middleware's transaction, and tells the test its worker's pid. The test then
SIGKILLs that worker. Checked for a voucher creation and a reservation:

- a request answered before the kill is fully committed (voucher, held days, audit, outbox, the
  stored idempotent response);
- a creation without an Idempotency-Key is one service transaction, committed before the view
  returns: killed before its answer, the change is complete (voucher, hold, audit, outbox);
- a request killed mid-way (inside the Idempotency-Key transaction) left nothing at all: no voucher or reservation, no ledger entry or
  balance change, no audit event, no outbox message, no idempotency claim row;
- the client's retry with the same Idempotency-Key (to the respawned worker) has one effect, and
  a second retry replays it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planserv.api.models import IdempotencyRecord
from planserv.audit.models import AuditEvent
from planserv.core import clock
from planserv.customers.models import LedgerAccount, LedgerEntry
from planserv.notifications.models import OutboxMessage
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.voucher_id import display
from tests.conftest import ApiClient
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import vouchers as factory
from tests.reliability.pause import HEADER
from tests.reliability.processes import Gunicorn, Reply, call, child_environment

TODAY = dt.date(2021, 3, 2)


def snapshot() -> dict[str, Any]:
    """Every row a voucher creation or a reservation writes, counted, and every balance."""
    return {
        "vouchers": sorted(Voucher.objects.values_list("voucher_id", "status")),
        "reservations": Reservation.objects.count(),
        "entries": LedgerEntry.objects.count(),
        "balances": sorted(LedgerAccount.objects.values_list("pk", "balance")),
        "audit": AuditEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "claims": sorted(IdempotencyRecord.objects.values_list("key", "status_code")),
    }


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Gunicorn]:
    pause_dir = tmp_path / "paused"
    pause_dir.mkdir()
    environment = child_environment(
        settings="tests.reliability.server_settings", PLANSERV_TEST_PAUSE_DIR=str(pause_dir)
    )
    gunicorn = Gunicorn(environment=environment, workers=1, threads=2)
    gunicorn.start(tmp_path)
    yield gunicorn
    gunicorn.stop()


def paused_worker(folder: Path, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for marker in folder.glob("*.json"):
            text = marker.read_text()
            if text:
                marker.unlink()
                return dict(json.loads(text))
        time.sleep(0.02)
    raise AssertionError("no request reached the pause")


def kill_mid_request(server: Gunicorn, send: Any, *, in_transaction: bool = True) -> None:
    """Send a request that pauses before its commit, SIGKILL its worker there; the client sees
    the connection drop. Then wait for the master to start a new worker."""
    folder = Path(server.environment["PLANSERV_TEST_PAUSE_DIR"])
    outcome: dict[str, Any] = {}

    def client() -> None:
        try:
            outcome["reply"] = send({HEADER: "60"})
        except OSError as error:  # connection reset / remote end closed without a response
            outcome["error"] = error

    thread = threading.Thread(target=client)
    thread.start()
    paused = paused_worker(folder)
    assert paused["in_transaction"] is in_transaction, paused
    assert paused["status"] in (200, 201), paused
    os.kill(paused["pid"], signal.SIGKILL)
    thread.join(timeout=30)
    assert "reply" not in outcome, outcome  # the client never got an answer
    server.wait_ready()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_web_worker_killed_mid_request_leaves_nothing_and_the_retry_has_one_effect_rel_6(
    server: Gunicorn,
):
    clock.store_pinned_date(TODAY)
    pool = factory.customer_pool(days=50)
    firm = factory.eligible_firm()
    customer_token = ApiClient(pool.admin).token
    partner_token = ApiClient(firm.admin).token
    api = f"{server.url}/api/v1"

    def create(division: str, key: str, headers: dict[str, str] | None = None) -> Reply:
        return call(
            "POST",
            f"{api}/vouchers",
            token=customer_token,
            idempotency_key=key,
            headers=headers,
            body={
                "licensing_id": pool.agreement.licensing_id,
                "engagement_type": factory.TYPE,
                "days": 5,
                "assignee_email": pool.manager_email,
                "division": division,
            },
        )

    # A request answered before the kill is fully committed.
    done = create("Answered", "create-answered")
    assert done.status == 201, done.body
    before_kill = snapshot()
    (worker,) = server.worker_pids()
    os.kill(worker, signal.SIGKILL)
    server.wait_ready()
    assert server.worker_pids() != [worker]
    assert snapshot() == before_kill
    answered = Voucher.objects.get(voucher_id=done.body["voucher_id"])
    assert LedgerEntry.objects.filter(
        idempotency_key=f"voucher:{answered.voucher_id}:hold"
    ).exists()
    assert AuditEvent.objects.filter(
        subject_id=str(answered.pk), action__startswith="vouchers."
    ).exists()
    assert OutboxMessage.objects.filter(to_email=pool.manager_email).count() == 1
    assert IdempotencyRecord.objects.get(key="create-answered").status_code == 201

    # A creation killed after its writes, before its commit, left nothing.
    kill_mid_request(server, lambda headers: create("Killed", "create-killed", headers))
    assert snapshot() == before_kill
    assert_ledger_consistent()

    # The client's retry with the same key has one effect; a second retry replays it.
    retried = create("Killed", "create-killed")
    assert retried.status == 201, retried.body
    replayed = create("Killed", "create-killed")
    assert replayed.status == 201 and replayed.headers.get("Idempotent-Replayed") == "true"
    assert replayed.body["voucher_id"] == retried.body["voucher_id"]
    assert Voucher.objects.filter(division="Killed").count() == 1
    assert pool.agreement.ledger_accounts.get(kind="held").balance == 10

    # Without an Idempotency-Key the service's own transaction has committed when the view
    # returns: a worker killed before the answer leaves the change complete, not half done.
    before_unkeyed = Voucher.objects.count()
    kill_mid_request(
        server,
        lambda headers: create("Unkeyed", "", headers),
        in_transaction=False,
    )
    unkeyed = Voucher.objects.get(division="Unkeyed")
    assert Voucher.objects.count() == before_unkeyed + 1
    assert LedgerEntry.objects.filter(idempotency_key=f"voucher:{unkeyed.voucher_id}:hold").exists()
    assert AuditEvent.objects.filter(
        subject_id=str(unkeyed.pk), action__startswith="vouchers."
    ).exists()
    assert OutboxMessage.objects.filter(to_email=pool.manager_email).count() == 3
    assert pool.agreement.ledger_accounts.get(kind="held").balance == 15
    assert_ledger_consistent()

    # A reservation killed mid-request: the voucher is still free; the retry reserves it once.
    voucher_id = retried.body["voucher_id"]

    def reserve(key: str, headers: dict[str, str] | None = None) -> Reply:
        return call(
            "POST",
            f"{api}/vouchers/{display(voucher_id)}/reservation",
            token=partner_token,
            idempotency_key=key,
            headers=headers,
            body={
                "email": pool.manager_email,
                "location_id": firm.location.location_id,
                "start_date": "2021-03-08",
                "accept_terms": True,
                "delivery_country": "US",
            },
        )

    before_reservation = snapshot()
    kill_mid_request(server, lambda headers: reserve("reserve-killed", headers))
    assert snapshot() == before_reservation
    assert Voucher.objects.get(voucher_id=voucher_id).status == "assigned"
    reserved = reserve("reserve-killed")
    assert reserved.status == 201 and reserved.body["status"] == "reserved", reserved.body
    again = reserve("reserve-killed")
    assert again.status == 201 and again.headers.get("Idempotent-Replayed") == "true"
    assert Reservation.objects.filter(voucher__voucher_id=voucher_id).count() == 1
    assert_ledger_consistent()
