"""The Django side of PERF-1/PERF-5, run as a subprocess on one bench database:

    python -m bench.load.reserve_worker setup   --out data.json --vouchers 3000 [--delivered 200]
    python -m bench.load.reserve_worker profile --data data.json       # queries of one reserve
    python -m bench.load.reserve_worker service --data data.json --threads 16 --seconds 20
    python -m bench.load.reserve_worker sql     --data data.json --threads 16 --seconds 20
    python -m bench.load.reserve_worker check                           # invariants

Each command prints one JSON object on its last line. Data is built through the services (the
test factories), on program date 2021-03-01, with the sandbox clock pinned to 2021-03-02, the day
the reserves are made.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import django

CREATED, RESERVE_DAY = dt.date(2021, 3, 1), dt.date(2021, 3, 2)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planserv.config.settings.dev")
    django.setup()


def _emit(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


# --- setup ------------------------------------------------------------------------------------


def setup(args: argparse.Namespace) -> dict[str, Any]:
    from tests.factories import vouchers as factory

    from planserv.accounts.services import token_create
    from planserv.core import clock
    from planserv.core.actor import Actor
    from planserv.core.types import Role

    clock.store_pinned_date(CREATED)
    system = Actor(
        user_id=None,
        email="bench",
        organisation_id=None,
        organisation_kind="operator",
        organisation_name="planserv",
        role=Role.PROGRAM_ADMIN,
    )
    started = time.perf_counter()
    firms = [factory.eligible_firm() for _ in range(args.firms)]
    # Vouchers per customer agreement (5 days each): 4,000 for PERF-1's large template (few
    # agreements to make), 400 otherwise, so PERF-5's reads spread over several customers' tokens
    # (one token would reach the API rate limit, 600 a minute, in the overload phase).
    per_pool = 4000 if args.vouchers + args.delivered > 8000 else 400
    pools = [
        factory.customer_pool(days=per_pool * 5)
        for _ in range(-(-(args.vouchers + args.delivered) // per_pool))
    ]

    def token(membership: Any) -> str:
        return token_create(
            membership=membership, name="bench", actor=system, at=factory.at(CREATED), today=CREATED
        ).secret

    vouchers: list[dict[str, str]] = []
    for index, pool in enumerate(pools[: -(-args.vouchers // per_pool)]):
        count = min(per_pool, args.vouchers - index * per_pool)
        for voucher in _pool_vouchers(pool, count, system):
            vouchers.append(
                {
                    "voucher_id": voucher.voucher_id,
                    "email": voucher.assignee_email,
                    "customer": index,
                }
            )
    delivered: list[dict[str, Any]] = []
    for number in range(args.delivered):
        pool = pools[(args.vouchers + number) // per_pool]
        firm_index = number % len(firms)
        voucher = factory.assigned(pool, today=CREATED)
        factory.reserved(voucher, firms[firm_index], today=CREATED)
        factory.delivered(voucher, firms[firm_index], today=CREATED)
        delivered.append(
            {
                "voucher_id": voucher.voucher_id,
                "firm": firm_index,
                "customer": (args.vouchers + number) // per_pool,
            }
        )
    data = {
        "firms": [
            {
                "location_id": firm.location.location_id,
                "country": str(firm.location.country),
                "membership_id": firm.admin.pk,
                "token": token(firm.admin),
            }
            for firm in firms
        ],
        "customers": [{"token": token(pool.admin)} for pool in pools],
        "vouchers": vouchers,
        "delivered": delivered,
        "reserve_day": RESERVE_DAY.isoformat(),
    }
    clock.store_pinned_date(RESERVE_DAY)
    Path(args.out).write_text(json.dumps(data))
    return {
        "vouchers": len(vouchers),
        "delivered": len(delivered),
        "firms": len(firms),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _pool_vouchers(pool: Any, count: int, system: Any) -> list[Any]:
    """`count` assigned vouchers of one customer pool, made set-based: one through the service
    (voucher_create_and_assign, with its ledger move, audit and email), the others copies of it
    with new ids (one bulk insert) whose days move available → held in one ledger entry, so the
    ledger check holds (R-LED-1..3). Each copy is a voucher a reserve treats as any other; the
    factory alone made ~50 a second, too few for a 30 s steady state (issue 23)."""
    from django.db import transaction
    from tests.factories import vouchers as factory

    from planserv.customers.ledger.accounts import AccountKind, EntryCause
    from planserv.customers.ledger.services import ledger_move
    from planserv.vouchers.models import Voucher
    from planserv.vouchers.voucher_id import generate

    first = factory.assigned(pool, today=CREATED)
    if count <= 1:
        return [first]
    ids: set[str] = set()
    while len(ids) < count - 1:
        ids.add(generate())
    copies = []
    for voucher_id in sorted(ids):
        twin = copy.copy(first)
        twin.pk = None
        twin._state.adding = True
        twin.voucher_id = voucher_id
        copies.append(twin)
    with transaction.atomic():
        Voucher.objects.bulk_create(copies, batch_size=1000)
        ledger_move(
            agreement=first.agreement,
            source=AccountKind.AVAILABLE,
            destination=AccountKind.HELD,
            days=first.days * len(copies),
            cause=EntryCause.VOUCHER,
            cause_id=f"bench:{first.voucher_id}",
            effective_date=CREATED,
            idempotency_key=f"bench:{first.voucher_id}:copies",
            actor=system,
            at=factory.at(CREATED),
            memo=f"{len(copies)} bench copies of voucher {first.display_id}",
        )
    return [first, *copies]


# --- the reserve, through the service -----------------------------------------------------------


def _firm_actor(firm: dict[str, Any]) -> Any:
    from planserv.accounts.models import Membership
    from planserv.accounts.selectors import actor_for_membership

    return actor_for_membership(Membership.objects.get(pk=firm["membership_id"]))


def _reserve_one(voucher: dict[str, str], firm: dict[str, Any], actor: Any) -> None:
    from planserv.core import clock
    from planserv.vouchers.services import voucher_reserve

    voucher_reserve(
        voucher_id=voucher["voucher_id"],
        email=voucher["email"],
        location_id=firm["location_id"],
        start_date=RESERVE_DAY,
        accept_terms=True,
        delivery_country=firm["country"],
        actor=actor,
        today=clock.today(),  # as an interface does: the program clock read once per request
        at=clock.now(),
    )


def profile(args: argparse.Namespace) -> dict[str, Any]:
    """The queries of one reserve (CaptureQueriesContext), printed to stderr; with --cprofile N,
    the CPU profile of N more reserves too."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = json.loads(Path(args.data).read_text())
    firm = data["firms"][0]
    actor = _firm_actor(firm)
    if args.http:
        return _profile_http(args, data, firm)
    with CaptureQueriesContext(connection) as captured:
        _reserve_one(data["vouchers"][-1], firm, actor)
    if args.cprofile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        began = time.perf_counter()
        profiler.enable()
        for voucher in data["vouchers"][-1 - args.cprofile : -1]:
            _reserve_one(voucher, firm, actor)
        profiler.disable()
        sys.stderr.write(f"{args.cprofile} reserves in {time.perf_counter() - began:.3f} s\n")
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(args.sort).print_stats(45)
    for query in captured.captured_queries:
        sys.stderr.write(f"{query['time']}  {query['sql'][: args.width]}\n")
    return {"queries": len(captured.captured_queries)}


def _profile_http(args: argparse.Namespace, data: dict[str, Any], firm: dict[str, Any]) -> dict:
    """The queries (and with --cprofile N the CPU profile) of reserves through the whole
    middleware stack and the API, in process (django.test.Client)."""
    import uuid as uuid_module

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.load.http_sync import headers, reserve_request

    client = Client(raise_request_exception=True, HTTP_HOST="127.0.0.1")

    def post(voucher: dict[str, str]) -> int:
        path, body = reserve_request(voucher, firm, data["reserve_day"])
        extra = headers(firm["token"], idempotency_key=uuid_module.uuid4().hex)
        extra.pop("Content-Type")
        response = client.post(path, body, content_type="application/json", headers=extra)
        return response.status_code

    assert post(data["vouchers"][-1]) == 201
    with CaptureQueriesContext(connection) as captured:
        assert post(data["vouchers"][-2]) == 201
    for query in captured.captured_queries:
        sys.stderr.write(f"{query['time']}  {query['sql'][: args.width]}\n")
    if args.cprofile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        began = time.perf_counter()
        profiler.enable()
        for voucher in data["vouchers"][-2 - args.cprofile : -2]:
            post(voucher)
        profiler.disable()
        sys.stderr.write(f"{args.cprofile} requests in {time.perf_counter() - began:.3f} s\n")
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(60)
    return {"queries": len(captured.captured_queries)}


def _threads(
    count: int, seconds: float, work: Any, vouchers: list[dict[str, str]]
) -> dict[str, Any]:
    """`count` threads behind a barrier, thread i taking vouchers i, i+count, …, until `seconds`
    pass or its share runs out. Returns latencies (s), wall time and errors."""
    from django.db import connection

    barrier = threading.Barrier(count + 1)
    latencies: list[list[float]] = [[] for _ in range(count)]
    errors: list[str] = []
    stop_at = [float("inf")]

    def run(number: int) -> None:
        try:
            state = work.prepare(number)
            barrier.wait(timeout=120)
            for voucher in vouchers[number::count]:
                if time.perf_counter() >= stop_at[0]:
                    break
                began = time.perf_counter()
                try:
                    work.reserve(state, voucher)
                except Exception as error:  # counted, reported
                    errors.append(f"{type(error).__name__}: {error}"[:200])
                    continue
                latencies[number].append(time.perf_counter() - began)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    stop_at[0] = started + seconds
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    flat = [x for per in latencies for x in per]
    return {
        "latencies": flat,
        "elapsed": elapsed,
        "errors": errors[:20],
        "error_count": len(errors),
    }


class ServiceWork:
    def __init__(self, data: dict[str, Any]) -> None:
        self.firms = data["firms"]

    def prepare(self, number: int) -> tuple[dict[str, Any], Any]:
        firm = self.firms[number % len(self.firms)]
        return firm, _firm_actor(firm)

    def reserve(self, state: tuple[dict[str, Any], Any], voucher: dict[str, str]) -> None:
        firm, actor = state
        _reserve_one(voucher, firm, actor)


def service(args: argparse.Namespace) -> dict[str, Any]:
    data = json.loads(Path(args.data).read_text())
    return _threads(args.threads, args.seconds, ServiceWork(data), data["vouchers"])


# --- the reserve as raw SQL through psycopg -----------------------------------------------------


class SqlWork:
    """The statements a reserve commits, as the service issues them (bench/perf1_reserve.py
    documents the list), with the same locks and writes, but no ORM, no Python rules."""

    def __init__(self, data: dict[str, Any]) -> None:
        from django.conf import settings

        self.firms = data["firms"]
        db = settings.DATABASES["default"]
        self.dsn = (
            f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} dbname={db['NAME']} "
            f"user={db['USER']}" + (f" password={db['PASSWORD']}" if db.get("PASSWORD") else "")
        )

    def prepare(self, number: int) -> Any:
        import psycopg

        firm = self.firms[number % len(self.firms)]
        conn = psycopg.connect(self.dsn, autocommit=True)
        row = conn.execute(
            "SELECT m.organisation_id, l.id, u.email, u.id, o.name FROM accounts_membership m "
            "JOIN accounts_organisation o ON o.id = m.organisation_id "
            "JOIN accounts_user u ON u.id = m.user_id "
            "JOIN partners_location l ON l.organisation_id = m.organisation_id "
            "AND l.location_id = %s WHERE m.id = %s",
            [firm["location_id"], firm["membership_id"]],
        ).fetchone()
        assert row is not None
        return conn, firm, row

    def reserve(self, state: Any, voucher: dict[str, str]) -> None:
        from planserv.vouchers import voucher_id as voucher_ids

        conn, firm, (firm_id, location_pk, actor_email, user_id, firm_name) = state
        canonical = voucher_ids.parse(voucher["voucher_id"])
        now = dt.datetime.now(dt.UTC)
        day = RESERVE_DAY
        run = conn.execute
        run(CLOCK).fetchone()  # the interface reads the program clock (today, now)
        run(CLOCK).fetchone()
        run(PEEK, [canonical]).fetchone()  # the fast refusal, outside the transaction
        # Every check, eligibility included, on an unlocked read before the transaction.
        voucher_pk, type_id, customer_id, email, expiry, *_ = run(READ, [canonical]).fetchone()
        run(MILESTONES).fetchall()
        run(SETTINGS).fetchone()
        run(ORGANISATION, [firm_id]).fetchone()
        competencies = run(TYPE_COMPETENCIES, [type_id]).fetchall()
        run(COMPETENCY, [competencies[0][0]]).fetchone()
        run(ENROLLMENTS, [day, day, firm_id]).fetchall()
        run(HELD, [firm_id, competencies[0][0]]).fetchall()
        run(LOCATION, [firm["location_id"], firm_id]).fetchone()
        with conn.transaction():
            run(LOCK, [voucher_pk]).fetchone()
            snapshot = json.dumps({"rule": "R-ENR-2", "eligible": True, "reasons": []})
            (reservation_id,) = run(
                RESERVATION,
                [
                    voucher_pk,
                    firm_id,
                    location_pk,
                    firm["country"],
                    day,
                    now,
                    snapshot,
                    day,
                    now,
                    actor_email,
                ],
            ).fetchone()
            run(VOUCHER_UPDATE, [firm_id, now, voucher_pk])
            after = {
                "voucher_id": canonical,
                "status": "reserved",
                "reservation_id": reservation_id,
            }
            run(
                AUDIT,
                [
                    now,
                    day,
                    user_id,
                    actor_email,
                    firm_id,
                    firm_name,
                    str(voucher_pk),
                    f"Voucher {canonical}",
                    json.dumps({"status": "assigned"}),
                    json.dumps(after),
                ],
            )
            admins = run(RECIPIENTS, [customer_id]).fetchall()
            message_ids = []
            for to_email in [email, *(row[0] for row in admins)][:2]:
                dedup = f"voucher_reserved:{canonical}:{reservation_id}:{to_email}"
                run(OUTBOX_DEDUP, [dedup]).fetchone()
                (message_id,) = run(
                    OUTBOX,
                    [
                        dedup,
                        to_email,
                        customer_id,
                        f"Voucher {canonical} reserved by {firm_name}",
                        BODY_TEXT,
                        BODY_HTML,
                        f"vouchers.voucher:{canonical}",
                        now,
                    ],
                ).fetchone()
                message_ids.append(message_id)
        # One email task for the transaction's messages, queued after the commit.
        run(TASK, [uuid.uuid4().hex, now, json.dumps({"args": [max(message_ids)], "kwargs": {}})])
        _ = expiry


CLOCK = "SELECT pinned_date FROM core_programclock WHERE singleton = 1"
PEEK = (
    "SELECT id, status, expiry_date, assignee_email, customer_id, holder_id, redeemed_on "
    "FROM vouchers_voucher WHERE voucher_id = %s"
)
_VOUCHER = (
    "SELECT v.id, v.engagement_type_id, v.customer_id, v.assignee_email, v.expiry_date, a.id, "
    "c.name, t.code, o.code, h.id, n.id FROM vouchers_voucher v "
    "JOIN customers_licensingagreement a ON a.id = v.agreement_id "
    "JOIN accounts_organisation c ON c.id = v.customer_id "
    "JOIN program_engagementtype t ON t.id = v.engagement_type_id "
    "JOIN program_offering o ON o.id = t.offering_id "
    "LEFT JOIN accounts_organisation h ON h.id = v.holder_id "
    "LEFT JOIN accounts_organisation n ON n.id = v.nominated_partner_id "
)
READ = _VOUCHER + "WHERE v.voucher_id = %s ORDER BY v.id LIMIT 1"  # the checks, unlocked
LOCK = _VOUCHER + "WHERE v.id = %s FOR UPDATE OF v"  # the row lock and the re-checks
MILESTONES = (
    "SELECT id, key, date, semantics, title, effect FROM program_milestone ORDER BY date, key"
)
SETTINGS = "SELECT * FROM program_programsettings WHERE singleton = 1"
ORGANISATION = "SELECT id, kind, name, country, public_id FROM accounts_organisation WHERE id = %s"
TYPE_COMPETENCIES = (
    "SELECT competency_id, minimum_level FROM program_engagementtypecompetency "
    "WHERE engagement_type_id = %s"
)
COMPETENCY = "SELECT id, code, name FROM program_competency WHERE id = %s"
ENROLLMENTS = (
    "SELECT e.id, e.enrolled_on, e.last_day, o.code, g.version FROM partners_enrollment e "
    "JOIN program_offering o ON o.id = e.offering_id "
    "JOIN program_agreementversion g ON g.id = e.agreement_version_id "
    "WHERE e.enrolled_on <= %s AND e.last_day >= %s AND e.organisation_id = %s "
    "ORDER BY e.offering_id, e.enrolled_on DESC, e.id"
)
HELD = (
    "SELECT h.id, h.level, h.earned_on, h.expires_on, c.code FROM partners_competencyheld h "
    "JOIN program_competency c ON c.id = h.competency_id "
    "WHERE h.organisation_id = %s AND h.competency_id = %s ORDER BY h.earned_on, h.id"
)
LOCATION = (
    "SELECT l.id, l.country, o.name FROM partners_location l "
    "JOIN accounts_organisation o ON o.id = l.organisation_id "
    "WHERE l.location_id = %s AND l.organisation_id = %s ORDER BY l.id LIMIT 1"
)
RESERVATION = (
    "INSERT INTO vouchers_reservation (voucher_id, partner_id, location_id, delivery_country, "
    "start_date, terms_accepted_at, eligibility_snapshot, is_active, reserved_on, reserved_at, "
    "reserved_by_label, released_on, released_at, released_by_label) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, true, %s, %s, %s, NULL, NULL, '') RETURNING id"
)
VOUCHER_UPDATE = (
    "UPDATE vouchers_voucher SET holder_id = %s, status = 'reserved', reserved_at = %s "
    "WHERE id = %s"
)
AUDIT = (
    "INSERT INTO audit_auditevent (occurred_at, program_date, action, actor_user_id, actor_label, "
    "actor_role, organisation_id, organisation_label, job_run_id, subject_type, subject_id, "
    "subject_label, before, after, request_id, reason) VALUES (%s, %s, "
    "'vouchers.voucher.reserved', %s, %s, 'partner_admin', %s, %s, NULL, 'vouchers.voucher', %s, "
    "%s, %s::jsonb, %s::jsonb, '', '') RETURNING id"
)
RECIPIENTS = (
    "SELECT u.email, u.full_name FROM accounts_membership m "
    "JOIN accounts_user u ON u.id = m.user_id WHERE m.organisation_id = %s "
    "AND m.role = 'benefits_admin' AND m.is_active AND u.is_active ORDER BY u.email, m.id"
)
OUTBOX_DEDUP = "SELECT id, status FROM notifications_outboxmessage WHERE dedup_key = %s LIMIT 1"
OUTBOX = (
    "INSERT INTO notifications_outboxmessage (dedup_key, template, to_email, organisation_id, "
    "subject, body_text, body_html, subject_ref, status, attempts, next_attempt_at, last_error, "
    "created_at, sent_at) VALUES (%s, 'voucher_reserved', %s, %s, %s, %s, %s, %s, 'pending', 0, "
    "NULL, '', %s, NULL) RETURNING id"
)
TASK = (
    "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, started_at, "
    "finished_at, args_kwargs, priority, task_path, worker_ids, queue_name, backend_name, "
    "run_after, return_value, exception_class_path, traceback) VALUES (%s::uuid, 'READY', %s, "
    "NULL, NULL, %s::jsonb, 0, 'planserv.notifications.tasks.deliver_outbox_message', "
    "'[]'::jsonb, 'default', 'default', '9999-01-01 00:00:00+00', NULL, '', '')"
)
BODY_TEXT = "Hello,\n\n" + "The voucher was reserved. " * 24
BODY_HTML = "<p>" + "The voucher was reserved. " * 88 + "</p>"


def sql(args: argparse.Namespace) -> dict[str, Any]:
    data = json.loads(Path(args.data).read_text())
    work = SqlWork(data)
    result = _threads(args.threads, args.seconds, work, data["vouchers"])
    return result


# --- invariants ---------------------------------------------------------------------------------


def check(args: argparse.Namespace) -> dict[str, Any]:
    """One active reservation per reserved voucher (none for an assigned one), and the ledger
    check (`planserv ledger check`) clean."""
    from django.core.management import call_command
    from django.db.models import Count, Q

    from planserv.vouchers.models import Reservation, Voucher

    doubles = (
        Reservation.objects.filter(is_active=True)
        .values("voucher_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    held = Voucher.objects.filter(status__in=["reserved", "delivered"])
    orphans = held.exclude(reservations__is_active=True).count()
    stray = (
        Voucher.objects.filter(status="assigned")
        .filter(Q(reservations__is_active=True) | Q(holder__isnull=False))
        .count()
    )
    ledger_ok = True
    ledger_message = ""
    try:
        call_command("ledger", "check", stdout=sys.stderr)
    except BaseException as error:  # a failing check exits non-zero (SystemExit/CommandError)
        ledger_ok = False
        ledger_message = f"{type(error).__name__}: {error}"
    return {
        "reserved": held.count(),
        "double_reservations": doubles,
        "held_without_reservation": orphans,
        "assigned_with_reservation": stray,
        "ledger_ok": ledger_ok,
        "ledger_message": ledger_message,
        "ok": ledger_ok and doubles == 0 and orphans == 0 and stray == 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.load.reserve_worker")
    parser.add_argument("command", choices=["setup", "profile", "service", "sql", "check"])
    parser.add_argument("--out", default="")
    parser.add_argument("--data", default="")
    parser.add_argument("--vouchers", type=int, default=3000)
    parser.add_argument("--delivered", type=int, default=0)
    parser.add_argument("--firms", type=int, default=16)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--width", type=int, default=300)
    parser.add_argument("--cprofile", type=int, default=0)
    parser.add_argument("--http", action="store_true")
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    _django()
    command = {"setup": setup, "profile": profile, "service": service, "sql": sql, "check": check}
    _emit(command[args.command](args))


if __name__ == "__main__":
    main()
