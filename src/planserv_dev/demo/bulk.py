# ruff: noqa: S608
# Every statement here is built from integers computed in this module and literal constants; no
# outside input reaches the SQL (the only parameter, 0, keeps "%%" meaning "%" on both drivers).
"""`planserv generate`: the PERF-6 data set (quality.md) on top of the demo program, set-based.

The demo program (built through the services) gives the operator, the calendar, the catalogue and
the personas; this module then adds, with one `INSERT … SELECT` over a generated series per table
(PostgreSQL `generate_series`, SQLite a recursive CTE), at scale 1:

- 5,000 partner firms, each with one location; 50,000 customers, each with one benefits admin;
- 100,000 agreements (activated, one coverage line, the nine ledger accounts each);
- 1,000,000 vouchers (ten per agreement), live: assigned, or reserved by a firm with an active
  reservation; each with its own division, so no R-CAP-1 group exceeds the cap;
- 60,000 more vouchers (six per ten agreements), redeemed at a firm's location, and the firms'
  payment registrations; 54,000 of them have a payment request (nine in ten: every status, the
  paid ones in confirmed monthly payment runs January to April 2021, some in May's open run),
  the rest are redeemed with the payment window open (PERF-7 measures the payment queue and runs
  at this volume);
- the full ledger: one accrual entry per agreement (issued → available), one hold entry per
  voucher (available → held) and one redemption entry per redeemed voucher (held → consumed),
  the balances written to match (R-LED-1/2/3).

The largest organisations are demo ones, so the portal can be opened as their personas: Woodgrove
Bank (C-200001) gets 1/200 of the agreements, Fabrikam (P-100002) 1/30 of the reservations.
Voucher ids are valid R-VOU-4 ids computed in SQL (an injective scramble of the row number,
written in the id alphabet with its check character). Dates sit around the demo date
(2021-06-15): every voucher expires between 2021-06-30 and 2021-11-27, so the expiry sweep of a
later day finds them all due.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from planserv.accounts.models import Organisation, User
from planserv.customers.ledger.accounts import ALL_KINDS, AccountKind
from planserv.customers.ledger.models import FLOW_SHARDS
from planserv.program.models import SERVICE_LEVELS, EngagementType
from planserv.vouchers.voucher_id import ALPHABET, BODY_LENGTH

SCALES = {"full": 1.0, "medium": 0.1, "small": 0.01, "tiny": 0.001}
LARGEST_CUSTOMER = "C-200001"  # Woodgrove Bank (demo)
LARGEST_PARTNER = "P-100002"  # Fabrikam Partners Inc. (demo)
LABEL = "generated data set"
ID_SPACE = len(ALPHABET) ** BODY_LENGTH  # 19**8 distinct voucher id bodies
ID_MULTIPLIER = 1_000_003  # not a multiple of 19: n -> n * m mod 19**8 is injective
ID_OFFSET = 7_777_777
AGREEMENT_START = dt.date(2019, 1, 1)
VOUCHER_ASSIGNED_FROM = dt.date(2021, 1, 1)


@dataclass(frozen=True)
class Plan:
    partners: int
    customers: int
    agreements: int
    vouchers_per_agreement: int = 10

    @classmethod
    def for_scale(cls, scale: str) -> Plan:
        factor = SCALES[scale]
        return cls(
            partners=max(2, round(5_000 * factor)),
            customers=max(2, round(50_000 * factor)),
            agreements=max(4, round(100_000 * factor)),
        )

    @property
    def vouchers(self) -> int:
        return self.agreements * self.vouchers_per_agreement

    @property
    def redeemed(self) -> int:
        """Redeemed vouchers beyond the live ones (each with a payment request but one in ten)."""
        return self.agreements * 3 // 5 if self.vouchers_per_agreement > 0 else 0

    @property
    def payment_requests(self) -> int:
        return self.redeemed - self.redeemed // 10

    @property
    def largest_customer_agreements(self) -> int:
        return max(1, self.agreements // 200)


class Sql:
    """The few expressions that differ between PostgreSQL and SQLite."""

    def __init__(self) -> None:
        self.pg = connection.vendor == "postgresql"

    def series(self, count: int) -> str:
        if self.pg:
            return f"WITH g(n) AS (SELECT generate_series(1, {int(count)}) WHERE 0 = %s) "
        return (
            "WITH RECURSIVE g(n) AS (SELECT 1 WHERE 0 = %s "
            f"UNION ALL SELECT n + 1 FROM g WHERE n < {int(count)}) "
        )

    def pad7(self, expr: str) -> str:
        if self.pg:
            return f"lpad(CAST({expr} AS TEXT), 7, '0')"
        return f"substr('0000000' || ({expr}), -7, 7)"

    def date_plus(self, day: dt.date, days_expr: str) -> str:
        if self.pg:
            return f"(DATE '{day.isoformat()}' + CAST({days_expr} AS INTEGER))"
        return f"date('{day.isoformat()}', '+' || ({days_expr}) || ' days')"

    def plus(self, date_expr: str, days: int) -> str:
        """A date column or expression plus a whole number of days."""
        if self.pg:
            return f"({date_expr} + {int(days)})"
        return f"date({date_expr}, '+{int(days)} days')"

    def date(self, day: dt.date) -> str:
        return f"DATE '{day.isoformat()}'" if self.pg else f"'{day.isoformat()}'"

    def at_nine(self, date_expr: str) -> str:
        """09:00 UTC on a date (the demo's habit for recorded times)."""
        if self.pg:
            return f"(CAST({date_expr} AS TIMESTAMP) + INTERVAL '9 hours') AT TIME ZONE 'UTC'"
        return f"datetime({date_expr}, '+9 hours')"

    def text(self, expr: str) -> str:
        return f"CAST({expr} AS TEXT)"

    def json(self, literal: str) -> str:
        return f"CAST('{literal}' AS JSONB)" if self.pg else f"'{literal}'"

    def now(self) -> str:
        return "CURRENT_TIMESTAMP" if self.pg else "datetime('now')"

    def true(self) -> str:
        return "TRUE" if self.pg else "1"

    def false(self) -> str:
        return "FALSE" if self.pg else "0"


def voucher_id_sql(x: str) -> str:
    """A canonical R-VOU-4 id for the integer expression `x` (0 <= x < 19**8), in SQL."""
    base = len(ALPHABET)
    digits = [f"(({x} / {base**i}) %% {base})" for i in range(BODY_LENGTH)]
    body = " || ".join(f"substr('{ALPHABET}', CAST({d} AS INTEGER) + 1, 1)" for d in digits)
    # The check character makes sum(weight * index) divisible by 19, weights 1..9; the inverse
    # of 9 modulo 19 is 17, and -17 = 2 (mod 19).
    total = " + ".join(f"{i + 1} * {d}" for i, d in enumerate(digits))
    inverse_of_minus_nine = (-pow(BODY_LENGTH + 1, -1, base)) % base
    check = f"substr('{ALPHABET}', CAST((({total}) * {inverse_of_minus_nine}) %% {base} AS INTEGER) + 1, 1)"
    return f"{body} || {check}"


def _case(expr: str, values: Sequence[object]) -> str:
    whens = " ".join(f"WHEN {i} THEN {value}" for i, value in enumerate(values))
    return f"(CASE ({expr}) %% {len(values)} {whens} END)"


def _execute(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, [0])  # a parameter list, so "%%" means "%" on both databases
        return int(cursor.rowcount)


def _scalar(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, [0])
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _contiguous(table: str, where: str, expected: int) -> int:
    """The first id of rows just inserted, after checking they are numbered without gaps."""
    low = _scalar(f"SELECT MIN(id) FROM {table} WHERE {where} AND 0 = %s")
    high = _scalar(f"SELECT MAX(id) FROM {table} WHERE {where} AND 0 = %s")
    if high - low + 1 != expected:
        raise RuntimeError(f"{table}: expected {expected} consecutive ids, got {low}..{high}.")
    return low


# The tables that get most of the rows: loaded without their secondary indexes and foreign keys,
# which are built afterwards, each in one set-based pass (a sort, a join) instead of a probe and
# a queued trigger per row. The vouchers table alone has 17 indexes and 7 foreign keys.
BULK_TABLES = (
    "customers_licensingagreement",
    "customers_coverageline",
    "vouchers_voucher",
    "vouchers_reservation",
    "customers_ledgeraccount",
    "customers_ledgerentry",
)


def generate(plan: Plan, *, progress: Callable[[str], None] = print) -> dict[str, float]:
    """Add the data set to a database that holds the demo program; returns seconds per step.
    One transaction: on failure nothing is left behind, not even a dropped index."""
    if Organisation.objects.filter(public_id__startswith="C-3").exists():
        raise RuntimeError("The database already holds a generated data set.")
    timings: dict[str, float] = {}
    with transaction.atomic():
        with _indexes_built_after(BULK_TABLES, timings, progress):
            _generate_rows(plan, timings, progress)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings["analyze"] = round(time.perf_counter() - started, 2)
    progress(f"analyze: {timings['analyze']:.1f}s")
    return timings


@contextmanager
def _indexes_built_after(
    tables: Sequence[str], timings: dict[str, float], progress: Callable[[str], None]
) -> Iterator[None]:
    """Drop the tables' foreign keys, unique constraints and secondary indexes, and create them
    again, from their own definitions, after the block. PostgreSQL only (its DDL is
    transactional, so a failure rolls the drops back too); SQLite loads with its indexes."""
    if connection.vendor != "postgresql":
        yield
        return
    started = time.perf_counter()
    names = list(tables)
    with connection.cursor() as cursor:
        # Deferred foreign-key checks still pending in this transaction (ALTER TABLE refuses to
        # run with any) run now, and the rows inserted here are checked as they come.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
            "FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s) AND contype IN ('f', 'u') "
            "ORDER BY contype, conname",  # 'f' before 'u': keys go first, come back last
            [names],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
            [names],
        )
        indexes = cursor.fetchall()
        for table, name, _definition, _kind in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    dropped = time.perf_counter() - started
    yield
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition, _kind in reversed(constraints):  # unique first, then keys
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's keys: deferred to the commit
    timings["indexes and keys"] = round(dropped + time.perf_counter() - started, 2)
    progress(
        f"indexes and keys: {len(indexes)} indexes, {len(constraints)} constraints built in "
        f"{timings['indexes and keys']:.1f}s"
    )


def _generate_rows(plan: Plan, timings: dict[str, float], progress: Callable[[str], None]) -> None:
    sql = Sql()

    def step(name: str, statement: str) -> int:
        started = time.perf_counter()
        with transaction.atomic():
            rows = _execute(statement)
        timings[name] = round(time.perf_counter() - started, 2)
        counted = f"{rows:,} rows" if rows >= 0 else "done"  # SQLite counts no WITH … INSERT
        progress(f"{name}: {counted} in {timings[name]:.1f}s")
        return rows

    engagement_types = list(
        EngagementType.objects.filter(is_cloud=False).order_by("pk").values_list("pk", flat=True)
    )
    now = sql.now()
    countries = ["'US'", "'DE'", "'GB'", "'FR'", "'NL'", "'JP'", "'CA'", "'AU'"]

    # --- organisations, people, locations -----------------------------------------------------
    step(
        "partner firms",
        sql.series(plan.partners) + "INSERT INTO accounts_organisation "
        "(kind, name, country, public_id, created_at) "
        f"SELECT 'partner', 'Partner Firm ' || n, {_case('n', countries)}, "
        f"'P-3' || {sql.pad7('n')}, {now} FROM g",
    )
    partner_base = _contiguous("accounts_organisation", "public_id LIKE 'P-3%%'", plan.partners)
    step(
        "partner locations",
        sql.series(plan.partners) + "INSERT INTO partners_location "
        "(location_id, country, name, created_at, organisation_id) "
        f"SELECT 'GL-' || {sql.pad7('n')}, {_case('n', countries)}, "
        f"'Head office ' || n, {now}, {partner_base} + n - 1 FROM g",
    )
    location_base = _contiguous("partners_location", "location_id LIKE 'GL-%%'", plan.partners)
    step(
        "customers",
        sql.series(plan.customers) + "INSERT INTO accounts_organisation "
        "(kind, name, country, public_id, created_at) "
        f"SELECT 'customer', 'Customer ' || n, {_case('n', countries)}, "
        f"'C-3' || {sql.pad7('n')}, {now} FROM g",
    )
    customer_base = _contiguous("accounts_organisation", "public_id LIKE 'C-3%%'", plan.customers)
    step(
        "customer users",
        sql.series(plan.customers) + "INSERT INTO accounts_user "
        "(password, is_superuser, email, full_name, is_active, is_staff, date_joined) "
        f"SELECT '!', {sql.false()}, 'benefits-' || n || '@customer.generated.invalid', "
        f"'Benefits Admin ' || n, {sql.true()}, {sql.false()}, {now} FROM g",
    )
    user_base = _contiguous(
        "accounts_user", "email LIKE '%%@customer.generated.invalid'", plan.customers
    )
    step(
        "memberships",
        sql.series(plan.customers) + "INSERT INTO accounts_membership "
        "(role, is_active, created_at, user_id, organisation_id) "
        f"SELECT 'benefits_admin', {sql.true()}, {now}, {user_base} + n - 1, "
        f"{customer_base} + n - 1 FROM g",
    )

    # The largest organisations: the demo's when it is loaded, else the first generated ones.
    woodgrove = Organisation.objects.filter(public_id=LARGEST_CUSTOMER).first()
    fabrikam = Organisation.objects.filter(public_id=LARGEST_PARTNER).first()
    if woodgrove is not None and fabrikam is not None:
        big_customer = woodgrove.pk
        big_user = User.objects.get(email="pm@woodgrove.demo")
        location = fabrikam.partner_locations.order_by("pk").first()
        assert location is not None
        big_partner, big_location = fabrikam.pk, location.pk
    else:
        big_customer = customer_base
        big_user = User.objects.get(pk=user_base)
        big_partner, big_location = partner_base, location_base

    # --- agreements ---------------------------------------------------------------------------
    # The first agreements belong to the largest customer, the rest round-robin to the others.
    big = plan.largest_customer_agreements
    start = sql.date_plus(AGREEMENT_START, "n %% 180")
    types = ["'enterprise'", "'select'", "'open_value'", "'mpsa'"]
    step(
        "agreements",
        sql.series(plan.agreements) + "INSERT INTO customers_licensingagreement "
        "(licensing_id, agreement_type, start_date, end_date, activated_on, activated_at, "
        "activated_by_label, created_at, customer_id) "
        f"SELECT 'GEN-' || {sql.pad7('n')}, {_case('n', types)}, {start}, "
        f"{sql.date_plus(AGREEMENT_START, 'n %% 180 + 1094')}, "
        f"{sql.date_plus(AGREEMENT_START, 'n %% 180 + 30')}, "
        f"{sql.at_nine(sql.date_plus(AGREEMENT_START, 'n %% 180 + 30'))}, "
        f"'{LABEL}', {sql.at_nine(start)}, "
        f"CASE WHEN n <= {big} THEN {big_customer} "
        f"ELSE {customer_base} + (n - {big} - 1) %% {plan.customers} END FROM g",
    )
    agreement_base = _contiguous(
        "customers_licensingagreement", "licensing_id LIKE 'GEN-%%'", plan.agreements
    )
    step(
        "coverage lines",
        "INSERT INTO customers_coverageline (product_pool, quantity, agreement_id) "
        "SELECT 'applications', 250 + id %% 500, id FROM customers_licensingagreement "
        f"WHERE id >= {agreement_base} AND 0 = %s",
    )

    # --- vouchers and reservations ------------------------------------------------------------
    per = plan.vouchers_per_agreement
    live, total = plan.vouchers, plan.vouchers + plan.redeemed
    if plan.vouchers:
        x = f"((CAST(n AS BIGINT) * {ID_MULTIPLIER} + {ID_OFFSET}) %% {ID_SPACE})"
        assigned_on = sql.date_plus(VOUCHER_ASSIGNED_FROM, "n %% 150")
        expiry = sql.date_plus(VOUCHER_ASSIGNED_FROM, "n %% 150 + 180")
        # Vouchers 1 … live: ten per agreement in turn; the redeemed ones after them round-robin.
        agreement_n = (
            f"(CASE WHEN n > {live} THEN (n - {live} - 1) %% {plan.agreements} + 1 "
            f"ELSE (n - 1) / {per} + 1 END)"
        )
        reserved = f"(n %% 7 = 0 OR n > {live})"  # the redeemed ones: reserved first
        holder = (
            f"CASE WHEN (n / 7) %% 30 = 0 THEN {big_partner} "
            f"ELSE {partner_base} + (n / 7) %% {plan.partners} END"
        )
        step(
            "vouchers",
            sql.series(total) + "INSERT INTO vouchers_voucher "
            "(voucher_id, days, assignee_email, division, product_scope, cap_group, status, "
            "assigned_on, base_expiry_date, expiry_date, created_by_label, assigned_at, "
            "reserved_at, days_outcome, agreement_id, assignee_id, customer_id, "
            "engagement_type_id, holder_id) "
            f"SELECT {voucher_id_sql(x)}, {_case('n', SERVICE_LEVELS)}, "
            f"CASE WHEN {agreement_n} <= {big} THEN '{big_user.email}' "
            f"ELSE 'benefits-' || (({agreement_n} - {big} - 1) %% {plan.customers} + 1) "
            "|| '@customer.generated.invalid' END, "
            "'Unit ' || n, '', 'unit ' || n || ' | ', "
            f"CASE WHEN {reserved} THEN 'reserved' ELSE 'assigned' END, "
            f"{assigned_on}, {expiry}, {expiry}, '{LABEL}', {sql.at_nine(assigned_on)}, "
            f"CASE WHEN {reserved} THEN {sql.at_nine(sql.date_plus(VOUCHER_ASSIGNED_FROM, 'n %% 150 + 10'))} END, "
            f"'', {agreement_base} + {agreement_n} - 1, "
            f"CASE WHEN {agreement_n} <= {big} THEN {big_user.pk} "
            f"ELSE {user_base} + ({agreement_n} - {big} - 1) %% {plan.customers} END, "
            f"CASE WHEN {agreement_n} <= {big} THEN {big_customer} "
            f"ELSE {customer_base} + ({agreement_n} - {big} - 1) %% {plan.customers} END, "
            f"{_case('n', engagement_types)}, CASE WHEN {reserved} THEN {holder} END FROM g",
        )
        voucher_base = _contiguous("vouchers_voucher", f"agreement_id >= {agreement_base}", total)
        location_of_holder = (
            f"CASE WHEN v.holder_id = {big_partner} THEN {big_location} "
            f"ELSE {location_base} + v.holder_id - {partner_base} END"
        )
        snapshot = sql.json('{"rule": "R-ENR-2", "eligible": true, "generated": true}')
        step(
            "reservations",
            "INSERT INTO vouchers_reservation (delivery_country, start_date, terms_accepted_at, "
            "eligibility_snapshot, is_active, reserved_on, reserved_at, reserved_by_label, "
            "released_by_label, location_id, partner_id, voucher_id) "
            f"SELECT 'US', {sql.date_plus(VOUCHER_ASSIGNED_FROM, '(v.id - ' + str(voucher_base) + ' + 1) %% 150 + 40')}, "
            f"v.reserved_at, {snapshot}, {sql.true()}, "
            f"{sql.date_plus(VOUCHER_ASSIGNED_FROM, '(v.id - ' + str(voucher_base) + ' + 1) %% 150 + 10')}, "
            f"v.reserved_at, '{LABEL}', '', {location_of_holder}, v.holder_id, v.id "
            f"FROM vouchers_voucher v WHERE v.id >= {voucher_base} AND v.status = 'reserved' "
            "AND 0 = %s",
        )
        redeemed_base = voucher_base + live
        if plan.redeemed:
            step(
                "redeemed vouchers",
                "UPDATE vouchers_voucher SET status = 'redeemed', "
                f"delivered_at = {sql.at_nine(sql.plus('assigned_on', 12))}, "
                f"redeemed_at = {sql.at_nine(sql.plus('assigned_on', 13))}, "
                f"redeemed_on = {sql.plus('assigned_on', 13)}, "
                # The reservation's location (each firm has one), computed, not looked up: the
                # reservations have no index during the load.
                f"redeemed_location_id = {location_of_holder.replace('v.holder_id', 'holder_id')} "
                f"WHERE id >= {redeemed_base} AND 0 = %s",
            )

    # --- the ledger ---------------------------------------------------------------------------
    # Per agreement: accrual = held + a remainder left available (so the removal has work).
    held = (
        "(SELECT agreement_id, SUM(CASE WHEN status = 'redeemed' THEN 0 ELSE days END) AS held, "
        "SUM(CASE WHEN status = 'redeemed' THEN days ELSE 0 END) AS consumed "
        f"FROM vouchers_voucher WHERE agreement_id >= {agreement_base} GROUP BY agreement_id)"
    )
    kinds = " UNION ALL ".join(f"SELECT '{kind}' AS kind" for kind in ALL_KINDS)
    remainder = "(20 + a.id %% 30)"
    step(
        "ledger accounts",
        "INSERT INTO customers_ledgeraccount (agreement_id, kind, balance) "
        "SELECT a.id, k.kind, CASE k.kind "
        f"WHEN '{AccountKind.ISSUED}' THEN "
        f"-(COALESCE(h.held, 0) + COALESCE(h.consumed, 0) + {remainder}) "
        f"WHEN '{AccountKind.AVAILABLE}' THEN {remainder} "
        f"WHEN '{AccountKind.HELD}' THEN COALESCE(h.held, 0) "
        f"WHEN '{AccountKind.CONSUMED}' THEN COALESCE(h.consumed, 0) ELSE 0 END "
        f"FROM customers_licensingagreement a LEFT JOIN {held} h ON h.agreement_id = a.id "
        f"CROSS JOIN ({kinds}) k WHERE a.id >= {agreement_base} AND 0 = %s "
        "ORDER BY a.id, k.kind",
    )
    account = (
        "JOIN customers_ledgeraccount {alias} ON {alias}.agreement_id = {table}.{column} "
        "AND {alias}.kind = '{kind}'"
    )
    entry_columns = (
        "INSERT INTO customers_ledgerentry (agreement_id, source_id, destination_id, days, "
        "cause, cause_id, effective_date, idempotency_key, memo, actor_label, created_at) "
    )
    step(
        "accrual entries",
        entry_columns + f"SELECT a.id, s.id, d.id, -s.balance, 'accrual', "
        f"{sql.text('a.start_date')}, a.start_date, "
        f"'accrual:' || a.id || ':' || {sql.text('a.start_date')}, "
        f"'Accrual for the coverage year (generated)', '{LABEL}', a.created_at "
        "FROM customers_licensingagreement a "
        + account.format(alias="s", table="a", column="id", kind=AccountKind.ISSUED)
        + " "
        + account.format(alias="d", table="a", column="id", kind=AccountKind.AVAILABLE)
        + f" WHERE a.id >= {agreement_base} AND 0 = %s ORDER BY a.id",
    )
    if plan.vouchers:
        step(
            "voucher hold entries",
            entry_columns + "SELECT v.agreement_id, s.id, d.id, v.days, 'voucher', v.voucher_id, "
            "v.assigned_on, 'voucher:' || v.voucher_id || ':hold', "
            f"'Voucher created and assigned (generated)', '{LABEL}', v.assigned_at "
            "FROM vouchers_voucher v "
            + account.format(
                alias="s", table="v", column="agreement_id", kind=AccountKind.AVAILABLE
            )
            + " "
            + account.format(alias="d", table="v", column="agreement_id", kind=AccountKind.HELD)
            + f" WHERE v.agreement_id >= {agreement_base} AND 0 = %s ORDER BY v.id",
        )
    if plan.redeemed:
        step(
            "voucher redemption entries",
            entry_columns + "SELECT v.agreement_id, s.id, d.id, v.days, 'voucher', v.voucher_id, "
            "v.redeemed_on, 'voucher:' || v.voucher_id || ':redeem', "
            f"'Voucher redeemed (generated)', '{LABEL}', v.redeemed_at "
            "FROM vouchers_voucher v "
            + account.format(alias="s", table="v", column="agreement_id", kind=AccountKind.HELD)
            + " "
            + account.format(alias="d", table="v", column="agreement_id", kind=AccountKind.CONSUMED)
            + f" WHERE v.id >= {voucher_base + live} AND 0 = %s ORDER BY v.id",
        )
    step(
        "days flow summary",
        "INSERT INTO customers_ledgerdayflow "
        "(effective_date, source_kind, destination_kind, shard, days, entries) "
        f"SELECT e.effective_date, s.kind, d.kind, e.agreement_id %% {FLOW_SHARDS}, SUM(e.days), "
        "COUNT(*) FROM customers_ledgerentry e "
        "JOIN customers_ledgeraccount s ON s.id = e.source_id "
        "JOIN customers_ledgeraccount d ON d.id = e.destination_id "
        f"WHERE e.agreement_id >= {agreement_base} AND 0 = %s "
        f"GROUP BY e.effective_date, s.kind, d.kind, e.agreement_id %% {FLOW_SHARDS} "
        "ON CONFLICT (effective_date, source_kind, destination_kind, shard) DO UPDATE SET "
        "days = customers_ledgerdayflow.days + excluded.days, "
        "entries = customers_ledgerdayflow.entries + excluded.entries",
    )
    if plan.redeemed:
        _payments(plan, sql, step, voucher_base + live, big_partner)


# The generated payment runs: one a month in US dollars, January to April 2021 confirmed (paid),
# May open; the demo's own runs are in euros, so (month, currency) never collides.
RUN_MONTHS = tuple(dt.date(2021, month, 1) for month in range(1, 6))
RUN_CURRENCY = "USD"
DAY_RATE = 950
PAYMENTS_TODAY = dt.date(2021, 6, 15)  # the demo date: no request is dated after it


def _payments(
    plan: Plan, sql: Sql, step: Callable[[str, str], int], redeemed_base: int, big_partner: int
) -> None:
    """Registrations for every generated firm (and the largest), the monthly runs, and one payment
    request for nine redeemed vouchers in ten, in every status (set-based; the runs by the ORM)."""
    from planserv.payments.models import PaymentRun, RunStatus

    offerings = (
        "(SELECT DISTINCT offering_id AS id FROM program_engagementtype "
        f"WHERE is_cloud = {sql.false()})"
    )
    step(
        "payment registrations",
        "INSERT INTO payments_paymentregistration (organisation_id, offering_id, legal_name, "
        "tax_id, iban, bic, country, currency, registered_on, registered_at, "
        "registered_by_label) "
        f"SELECT o.id, f.id, o.name, 'TAX' || o.id, 'US00GEN' || o.id, 'GENBUS33', o.country, "
        f"'{RUN_CURRENCY}', {sql.date(dt.date(2020, 12, 1))}, "
        f"{sql.at_nine(sql.date(dt.date(2020, 12, 1)))}, '{LABEL}' "
        f"FROM accounts_organisation o CROSS JOIN {offerings} f "
        f"WHERE (o.public_id LIKE 'P-3%%' OR o.id = {big_partner}) AND NOT EXISTS "
        "(SELECT 1 FROM payments_paymentregistration r WHERE r.organisation_id = o.id "
        "AND r.offering_id = f.id) AND 0 = %s",
    )
    runs = []
    for month in RUN_MONTHS:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        built = dt.datetime.combine(following, dt.time(9), tzinfo=dt.UTC)
        confirmed = month < RUN_MONTHS[-1]
        run, _ = PaymentRun.objects.get_or_create(
            month=month,
            currency=RUN_CURRENCY,
            defaults={
                "public_id": f"RUN-{month:%Y%m}-{RUN_CURRENCY}",
                "status": RunStatus.CONFIRMED if confirmed else RunStatus.OPEN,
                "built_on": following,
                "built_at": built,
                "built_by_label": LABEL,
                "confirmed_on": following + dt.timedelta(days=2) if confirmed else None,
                "confirmed_at": built + dt.timedelta(days=2) if confirmed else None,
                "confirmed_by_label": LABEL if confirmed else "",
            },
        )
        runs.append(run.pk)
    m = f"(v.id - {redeemed_base} + 1)"
    filed = sql.plus("v.assigned_on", 14)
    approved = sql.plus("v.assigned_on", 18)
    paid = sql.plus("v.assigned_on", 38)
    open_month = sql.date(RUN_MONTHS[-1])
    status = (
        f"(CASE WHEN {m} %% 10 = 7 THEN 'validating' WHEN {m} %% 10 = 8 THEN 'held' "
        f"WHEN {m} %% 10 = 9 THEN 'denied' "
        f"WHEN {approved} > {sql.date(PAYMENTS_TODAY)} THEN 'submitted' "
        f"WHEN {approved} < {open_month} THEN 'paid' "
        f"WHEN {m} %% 10 <= 4 THEN 'in_payment_run' ELSE 'approved' END)"
    )
    run_of = " ".join(
        f"WHEN {approved} < {sql.date((month + dt.timedelta(days=32)).replace(day=1))} THEN {run}"
        for month, run in zip(RUN_MONTHS, runs, strict=True)
    )
    s = "x.status"
    held, paid_only, denied = "'held'", "'paid'", "'denied'"
    approved_like = "'paid', 'in_payment_run', 'approved'"
    in_run = "'paid', 'in_payment_run'"

    def when(statuses: str, value: str) -> str:
        return f"CASE WHEN {s} IN ({statuses}) THEN {value} END"

    step(
        "payment requests",
        "INSERT INTO payments_paymentrequest (public_id, voucher_id, organisation_id, "
        "registration_id, location_id, delivery_country, days, day_rate, amount, currency, "
        "rate_effective_from, flags, status, run_id, filed_by_id, filed_on, last_request_date, "
        "approved_on, submitted_at, validating_at, held_at, approved_at, in_payment_run_at, "
        "paid_at, denied_at, question, answer, denial_reason) "
        f"SELECT 'PR-G' || {sql.pad7('x.m')}, x.id, x.holder_id, x.registration_id, "
        f"x.redeemed_location_id, 'US', x.days, {DAY_RATE}, x.days * {DAY_RATE}, x.currency, "
        f"{sql.date(dt.date(2019, 1, 1))}, {sql.json('[]')}, {s}, "
        f"CASE WHEN {s} IN ('paid', 'in_payment_run') THEN x.run_id END, NULL, x.filed, "
        f"{sql.plus('x.redeemed_on', 60)}, "
        f"{when(approved_like, 'x.approved')}, "
        f"{sql.at_nine('x.filed')}, "
        f"CASE WHEN {s} <> 'submitted' THEN {sql.at_nine('x.filed')} END, "
        f"{when(held, sql.at_nine(sql.plus('x.filed', 1)))}, "
        f"{when(approved_like, sql.at_nine('x.approved'))}, "
        f"{when(in_run, sql.at_nine('x.approved'))}, "
        f"{when(paid_only, sql.at_nine('x.paid'))}, "
        f"{when(denied, sql.at_nine(sql.plus('x.filed', 2)))}, "
        f"CASE WHEN {s} = 'held' THEN 'Please send the signed attendance sheet (generated).' "
        "ELSE '' END, '', "
        f"CASE WHEN {s} = 'denied' THEN 'The delivery does not match the report (generated).' "
        "ELSE '' END "
        f"FROM (SELECT v.id, {m} AS m, v.holder_id, v.days, v.redeemed_location_id, "
        f"v.redeemed_on, r.id AS registration_id, r.currency, {filed} AS filed, "
        f"{approved} AS approved, {paid} AS paid, {status} AS status, "
        f"CASE {run_of} ELSE {runs[-1]} END AS run_id "
        "FROM vouchers_voucher v "
        "JOIN program_engagementtype t ON t.id = v.engagement_type_id "
        "JOIN payments_paymentregistration r ON r.organisation_id = v.holder_id "
        f"AND r.offering_id = t.offering_id WHERE v.id >= {redeemed_base} "
        f"AND {m} %% 10 <> 0 AND 0 = %s) x ORDER BY x.id",
    )
