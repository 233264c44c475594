"""REL-10: two gunicorn masters (2 workers each, different ports) and two `planserv worker`s
(django-tasks-db task workers + outbox passes + the daily runner) on ONE PostgreSQL database,
under the REL-1 and REL-2 races at once, over HTTP, each client alternating between the servers:

- REL-1: every firm races to reserve every voucher of a set → exactly one winner per voucher, the
  others `already_reserved`, one active reservation each;
- REL-2: concurrent 5-day creations on a small pool → exactly pool/5 succeed, the rest
  `insufficient_days`, the pool ends at 0;
- every email the load wrote to the outbox is delivered once (the two workers deliver to a real
  SMTP server, aiosmtpd, started by the test; one copy per dedup key);
- the daily jobs of the next program day run once although both workers poll for them;
- `planserv ledger check` (a separate process) is clean.

`make test` runs the short size (PostgreSQL pass; SQLite has one writer and is not the scale-out
database, docs/operations.md); `make soak` sets PLANSERV_SOAK=1 for the long size.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

from planserv.core import clock
from planserv.customers.selectors import agreement_balances
from planserv.jobs.models import JobRun, RunnerState
from planserv.jobs.registry import daily_jobs
from planserv.notifications.delivery import DEDUP_HEADER
from planserv.notifications.models import OutboxMessage
from planserv.vouchers.models import Reservation, Voucher
from planserv.vouchers.voucher_id import display
from tests.conftest import ApiClient
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import vouchers as factory
from tests.notifications.smtp_server import SmtpServer
from tests.races import run_threads
from tests.reliability.pgbouncer import PgBouncer
from tests.reliability.processes import (
    ROOT,
    Gunicorn,
    call,
    child_environment,
    database_url,
    start_worker,
    stop_worker,
)

TODAY = dt.date(2021, 3, 2)
SOAK = os.environ.get("PLANSERV_SOAK") == "1"
# (vouchers raced for, firms racing, pool days, creation threads, creations per thread)
SIZE = (200, 16, 600, 24, 8) if SOAK else (24, 5, 50, 6, 3)
VOUCHER_DAYS = 5


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pooler(request: pytest.FixtureRequest) -> Iterator[PgBouncer | None]:
    """None: the processes connect to PostgreSQL directly; else PgBouncer in transaction mode."""
    if request.param == "direct" or connection.vendor != "postgresql":
        yield None
        return
    bouncer = PgBouncer(upstream_url=database_url()).start()
    try:
        yield bouncer
    finally:
        bouncer.stop()


@pytest.fixture
def cluster(
    tmp_path: Path, smtp: SmtpServer, pooler: PgBouncer | None
) -> Iterator[tuple[list[Gunicorn], dict[str, str]]]:
    through_pooler = {"url": pooler.url(), "PLANSERV_TRANSACTION_POOLING": "true"} if pooler else {}
    environment = child_environment(
        settings="tests.reliability.server_settings",
        PLANSERV_TEST_TASKS="database",
        PLANSERV_TEST_SMTP_PORT=str(smtp.port),
        **through_pooler,
    )
    servers = [Gunicorn(environment=environment, workers=2, threads=4) for _ in range(2)]
    try:
        for server in servers:
            server.start(tmp_path)
        yield servers, environment
    finally:
        for server in servers:
            server.stop()


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("pooler", ["direct", "pgbouncer"], indirect=True)
def test_two_servers_and_two_workers_under_the_races_keep_every_invariant_rel_10(
    cluster: tuple[list[Gunicorn], dict[str, str]],
    smtp: SmtpServer,
    tmp_path: Path,
    pooler: PgBouncer | None,
):
    servers, environment = cluster
    voucher_count, firm_count, pool_days, creators, per_creator = SIZE
    clock.store_pinned_date(TODAY)
    RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": TODAY})
    contested_pool = factory.customer_pool(days=voucher_count)
    contested = [
        factory.assigned(contested_pool, today=TODAY, days=1) for _ in range(voucher_count)
    ]
    firms = [factory.eligible_firm() for _ in range(firm_count)]
    partner_tokens = [ApiClient(firm.admin).token for firm in firms]
    small = factory.customer_pool(days=pool_days)
    customer_token = ApiClient(small.admin).token
    first_new_message = (
        OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ) + 1

    workers = [
        start_worker(environment, tmp_path / f"worker-{n}.log", interval=1.0) for n in range(2)
    ]
    try:

        def base(number: int, request: int) -> str:
            return f"{servers[(number + request) % 2].url}/api/v1"

        def reserve(number: int) -> list[str]:
            firm, token = firms[number], partner_tokens[number]
            order = list(contested)
            random.Random(number).shuffle(order)
            results = []
            for request, voucher in enumerate(order):
                reply = call(
                    "POST",
                    f"{base(number, request)}/vouchers/{display(voucher.voucher_id)}/reservation",
                    token=token,
                    idempotency_key=f"reserve-{voucher.voucher_id}",
                    body={
                        "email": contested_pool.manager_email,
                        "location_id": firm.location.location_id,
                        "start_date": "2021-03-08",
                        "accept_terms": True,
                        "delivery_country": "US",
                    },
                )
                results.append(
                    f"reserve:won:{voucher.voucher_id}"
                    if reply.status == 201
                    else f"reserve:{reply.code or reply.status}"
                )
            return results

        def create(number: int) -> list[str]:
            results = []
            for request in range(per_creator):
                reply = call(
                    "POST",
                    f"{base(number, request)}/vouchers",
                    token=customer_token,
                    idempotency_key=f"create-{number}-{request}",
                    body={
                        "licensing_id": small.agreement.licensing_id,
                        "engagement_type": factory.TYPE,
                        "days": VOUCHER_DAYS,
                        "assignee_email": small.manager_email,
                        "division": f"Division {number}-{request}",
                    },
                )
                results.append(
                    "create:ok" if reply.status == 201 else f"create:{reply.code or reply.status}"
                )
            return results

        started = time.monotonic()
        outcomes = run_threads(
            firm_count + creators,
            lambda n: reserve(n) if n < firm_count else create(n - firm_count),
            barrier_timeout=60,
            join_timeout=900,
        )
        load_seconds = time.monotonic() - started

        # REL-1: exactly one winner per voucher, every other attempt already_reserved.
        wins = Counter(o for o in outcomes if o.startswith("reserve:won:"))
        refusals = Counter(
            o for o in outcomes if o.startswith("reserve:") and not o.startswith("reserve:won:")
        )
        assert len(wins) == voucher_count and set(wins.values()) == {1}, wins.most_common(3)
        assert refusals == {"reserve:already_reserved": voucher_count * (firm_count - 1)}, refusals
        active = Counter(
            Reservation.objects.filter(is_active=True).values_list("voucher_id", flat=True)
        )
        assert len(active) == voucher_count and set(active.values()) == {1}
        assert set(
            Voucher.objects.filter(pk__in=[v.pk for v in contested]).values_list(
                "status", flat=True
            )
        ) == {"reserved"}

        # REL-2: exactly pool/days creations succeed, the pool ends at 0.
        created = Counter(o for o in outcomes if o.startswith("create:"))
        succeeded = pool_days // VOUCHER_DAYS
        assert created == {
            "create:ok": succeeded,
            "create:insufficient_days": creators * per_creator - succeeded,
        }, created
        balances = agreement_balances(small.agreement)
        assert (balances["available"], balances["held"]) == (0, pool_days)
        assert Voucher.objects.filter(agreement=small.agreement).count() == succeeded

        # Every message the load wrote is delivered once, by the two workers.
        written = OutboxMessage.objects.filter(pk__gte=first_new_message)
        assert written.count() >= succeeded + voucher_count
        wait_for(
            lambda: (
                not written.exclude(status="sent").exists()
                and len(smtp.received) >= written.count()
            ),
            timeout=180,
            what="the workers to deliver the outbox",
        )
        delivered = Counter(str(message[DEDUP_HEADER]) for message in smtp.received)
        assert set(delivered.values()) == {1}, delivered.most_common(3)
        assert set(delivered) == set(written.values_list("dedup_key", flat=True))

        # The next program day's jobs run once, although both workers poll for them.
        clock.store_pinned_date(TODAY + dt.timedelta(days=1))
        wait_for(
            lambda: RunnerState.objects.get(singleton=1).completed_through > TODAY,
            timeout=120,
            what="the daily jobs of the next day",
        )
        runs = Counter(
            JobRun.objects.filter(program_day=TODAY + dt.timedelta(days=1)).values_list(
                "job", flat=True
            )
        )
        assert runs == {job.name: 1 for job in daily_jobs()}
    finally:
        for worker in workers:
            stop_worker(worker)

    check = subprocess.run(
        [sys.executable, "-m", "planserv.config.cli", "ledger", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert check.returncode == 0 and "Ledger clean" in check.stdout, check.stdout + check.stderr
    requests = voucher_count * firm_count + creators * per_creator
    assert_ledger_consistent()
    if pooler is not None:  # the load really went through the pooler
        assert pooler.transactions() > requests

    print(  # noqa: T201
        f"REL-10 {'soak' if SOAK else 'short'}, {'through PgBouncer' if pooler else 'direct'}: "
        f"{requests} requests over 2 gunicorn masters × 2 "
        f"workers in {load_seconds:.1f} s ({requests / load_seconds:.0f}/s); "
        f"{len(smtp.received)} emails delivered once by 2 workers"
    )
