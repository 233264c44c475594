# ruff: noqa: S608 - every statement here is built from constants and model table names
"""The voucher counters (`VoucherCount`): what the operator's dashboard, funnel and retirement
impact read instead of grouping every voucher (issue 22, PERF-7).

Each voucher counts once in each dimension it belongs to (vouchers and days):

| dimension | key | day | stage |
|---|---|---|---|
| `state` | 0 | none | voucher status (every status) |
| `agreement` | agreement id | none | funnel stage |
| `country` | customer organisation id | none | funnel stage |
| `offering` | engagement type id | none | funnel stage |
| `deadline` | 0 | expiry date (live), redemption day (redeemed, unrequested), none | funnel stage |
| `customer` | customer id | expiry date | status (live vouchers) |
| `holder` | partner firm id | expiry date (live), redemption day | status, or `redeemed_unrequested` |

The funnel stage of a live or redeemed voucher depends on its payment request (none, paid,
denied, other), so the payment requests carry triggers too. `state`, `offering` and `deadline`
(a handful of rows every writer touches) are sharded by voucher id mod COUNTER_SHARDS; the others
are keyed by an organisation or agreement and are not.

Database triggers keep them, created by the migration from the SQL below: on PostgreSQL one
statement-level AFTER trigger per event with transition tables, each doing one grouped upsert per
statement, its rows in key order (two transactions take counter rows in the same order); an
UPDATE that changes no counted column writes nothing. On SQLite, row-level triggers with the same
upsert. The same contribution SQL, over the base tables, is the recount (`counts_recount`) that
`planserv ledger check` compares with the stored rows (`counter_mismatches`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection

from planserv.reports.models import COUNTER_SHARDS, VoucherCount

COUNTS = "reports_vouchercount"
VOUCHERS = "vouchers_voucher"
REQUESTS = "payments_paymentrequest"
NO_DAY = dt.date(1, 1, 1)
LIVE_SQL = "('assigned', 'reserved', 'delivered')"
COUNTED = (
    "status",
    "agreement_id",
    "customer_id",
    "holder_id",
    "engagement_type_id",
    "days",
    "expiry_date",
    "redeemed_on",
)
DIMENSIONS = ("state", "agreement", "country", "offering", "deadline", "customer", "holder")
KEY = "dimension, key, day, stage, shard"
# (dimension, key, day, stage, shard, condition) over a voucher row `v` with its funnel stage.
_DIMENSION_SQL = [
    ("state", "0", "{no_day}", "v.status", "v.id % {shards}", "1 = 1"),
    ("agreement", "v.agreement_id", "{no_day}", "v.fstage", "0", "v.fstage IS NOT NULL"),
    ("country", "v.customer_id", "{no_day}", "v.fstage", "0", "v.fstage IS NOT NULL"),
    (
        "offering",
        "v.engagement_type_id",
        "{no_day}",
        "v.fstage",
        "v.id % {shards}",
        "v.fstage IS NOT NULL",
    ),
    (
        "deadline",
        "0",
        f"CASE WHEN v.status IN {LIVE_SQL} THEN v.expiry_date "
        "WHEN v.fstage = 'redeemed_unrequested' THEN v.redeemed_on ELSE {no_day} END",
        "v.fstage",
        "v.id % {shards}",
        "v.fstage IS NOT NULL",
    ),
    ("customer", "v.customer_id", "v.expiry_date", "v.status", "0", f"v.status IN {LIVE_SQL}"),
    (
        "holder",
        "v.holder_id",
        f"CASE WHEN v.status IN {LIVE_SQL} THEN v.expiry_date ELSE v.redeemed_on END",
        f"CASE WHEN v.status IN {LIVE_SQL} THEN v.status ELSE 'redeemed_unrequested' END",
        "0",
        f"v.holder_id IS NOT NULL AND (v.status IN {LIVE_SQL} "
        "OR v.fstage = 'redeemed_unrequested')",
    ),
]


def no_day_sql(vendor: str) -> str:
    return "DATE '0001-01-01'" if vendor == "postgresql" else "'0001-01-01'"


def funnel_stage_sql(has_request: str, request_status: str) -> str:
    """The funnel stage of voucher `v` (NULL for expired and cancelled vouchers)."""
    return (
        "CASE v.status WHEN 'assigned' THEN 'assigned_unreserved' WHEN 'reserved' THEN "
        "'reserved' WHEN 'delivered' THEN 'delivered_unredeemed' WHEN 'redeemed' THEN "
        f"(CASE WHEN NOT ({has_request}) THEN 'redeemed_unrequested' "
        f"WHEN {request_status} = 'paid' THEN 'paid' WHEN {request_status} = 'denied' "
        "THEN 'denied' ELSE 'requested_unpaid' END) END"
    )


def voucher_rows_sql(
    table: str, *, has_request: str, request_status: str, join: str = "", where: str = ""
) -> str:
    """Voucher rows of `table` (alias v) with their funnel stage `fstage`."""
    columns = ", ".join(f"v.{column}" for column in ("id", *COUNTED))
    stage = funnel_stage_sql(has_request, request_status)
    return f"SELECT {columns}, {stage} AS fstage FROM {table} v {join} {where}"


def with_request_sql(table: str) -> str:
    """Voucher rows of `table` with the payment request they have now."""
    return voucher_rows_sql(
        table,
        has_request="pr.id IS NOT NULL",
        request_status="pr.status",
        join=f"LEFT JOIN {REQUESTS} pr ON pr.voucher_id = v.id",
    )


def contributions_sql(relation: str, sign: int, vendor: str) -> str:
    """One row per (voucher, dimension) of `relation` (a table, CTE or subquery with the columns
    of `voucher_rows_sql`): dimension, key, day, stage, shard, n (±1), d (± days)."""
    no_day = no_day_sql(vendor)
    selects = []
    for dimension, key, day, stage, shard, condition in _DIMENSION_SQL:
        day_sql = day.replace("{no_day}", no_day)
        shard_sql = shard.replace("{shards}", str(COUNTER_SHARDS))
        selects.append(
            f"SELECT '{dimension}' AS dimension, {key} AS key, {day_sql} AS day, "
            f"{stage} AS stage, {shard_sql} AS shard, {sign} AS n, {sign} * v.days AS d "
            f"FROM {relation} v WHERE {condition}"
        )
    return " UNION ALL ".join(selects)


def contributions_one_pass_sql(relation: str, sign: int, vendor: str) -> str:
    """The same rows as `contributions_sql`, reading `relation` once (a cross join with the
    dimension names instead of a UNION ALL of one read per dimension): what the SQLite row
    triggers use, where the voucher row is a subquery (`LIMIT 1` keeps it from being flattened
    into the outer query, so its payment request is looked up once per row, not per dimension)."""
    no_day = no_day_sql(vendor)
    names = " UNION ALL ".join(f"SELECT '{dimension}' AS name" for dimension in DIMENSIONS)

    def case(field: int) -> str:
        whens = []
        for spec in _DIMENSION_SQL:
            value = spec[field].replace("{no_day}", no_day)
            value = value.replace("{shards}", str(COUNTER_SHARDS))
            whens.append(f"WHEN '{spec[0]}' THEN {value}")
        return f"CASE dm.name {' '.join(whens)} END"

    return (
        f"SELECT dm.name AS dimension, {case(1)} AS key, {case(2)} AS day, {case(3)} AS stage, "
        f"{case(4)} AS shard, {sign} AS n, {sign} * v.days AS d "
        f"FROM {relation} v CROSS JOIN ({names}) dm WHERE {case(5)}"
    )


def upsert_sql(parts: Iterable[str], *, grouped: bool = True) -> str:
    """The grouped upsert of contribution rows (UNION ALL of `parts`), in key order, leaving out
    rows that cancel out. `grouped=False` (SQLite's row triggers: one writer at a time, a few
    rows per statement) upserts each contribution row as it comes, without the sort."""
    union = " UNION ALL ".join(parts)
    if not grouped:
        return (
            f"INSERT INTO {COUNTS} ({KEY}, vouchers, days) SELECT {KEY}, n, d FROM ({union}) x "
            f"WHERE 1 = 1 ON CONFLICT ({KEY}) DO UPDATE SET "
            f"vouchers = {COUNTS}.vouchers + excluded.vouchers, days = {COUNTS}.days + excluded.days"
        )
    return (
        f"INSERT INTO {COUNTS} ({KEY}, vouchers, days) SELECT * FROM ("
        f"SELECT {KEY}, SUM(n) AS vouchers, SUM(d) AS days FROM ({union}) x "
        f"GROUP BY {KEY} HAVING SUM(n) <> 0 OR SUM(d) <> 0) g WHERE 1 = 1 ORDER BY {KEY} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET vouchers = {COUNTS}.vouchers + excluded.vouchers, "
        f"days = {COUNTS}.days + excluded.days"
    )


def recount_sql(vendor: str) -> str:
    """The counters as the vouchers and payment requests say they should be."""
    rows = contributions_sql(f"({with_request_sql(VOUCHERS)})", 1, vendor)
    return (
        f"SELECT {KEY}, SUM(n), SUM(d) FROM ({rows}) x GROUP BY {KEY} "
        "HAVING SUM(n) <> 0 OR SUM(d) <> 0"
    )


# --- the triggers ---------------------------------------------------------------------------


def postgres_sql() -> list[str]:
    pg = "postgresql"
    changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in COUNTED)

    def voucher_upsert(*relations: tuple[str, str, int]) -> str:
        ctes = ", ".join(f"{name} AS ({with_request_sql(table)})" for name, table, _ in relations)
        parts = [contributions_sql(name, sign, pg) for name, _, sign in relations]
        return f"WITH {ctes} {upsert_sql(parts)}"

    def request_rows(table: str, *, with_request: bool) -> str:
        return voucher_rows_sql(
            VOUCHERS,
            has_request="TRUE" if with_request else "FALSE",
            request_status="p.status" if with_request else "NULL",
            join=f"JOIN {table} p ON p.voucher_id = v.id",
        )

    def request_upsert(old: tuple[str, bool], new: tuple[str, bool]) -> str:
        ctes = (
            f"o AS ({request_rows(old[0], with_request=old[1])}), "
            f"n AS ({request_rows(new[0], with_request=new[1])})"
        )
        parts = [contributions_sql("o", -1, pg), contributions_sql("n", 1, pg)]
        return f"WITH {ctes} {upsert_sql(parts)}"

    voucher_function = f"""
CREATE OR REPLACE FUNCTION reports_voucher_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {voucher_upsert(("n", "new_table", 1))};
  ELSIF TG_OP = 'DELETE' THEN
    {voucher_upsert(("o", "old_table", -1))};
  ELSE
    IF NOT EXISTS (SELECT 1 FROM old_table o JOIN new_table n ON n.id = o.id WHERE {changed}) THEN
      RETURN NULL;
    END IF;
    {voucher_upsert(("o", "old_table", -1), ("n", "new_table", 1))};
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
    request_function = f"""
CREATE OR REPLACE FUNCTION reports_payment_request_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {request_upsert(("new_table", False), ("new_table", True))};
  ELSIF TG_OP = 'DELETE' THEN
    {request_upsert(("old_table", True), ("old_table", False))};
  ELSE
    IF NOT EXISTS (SELECT 1 FROM old_table o JOIN new_table n ON n.id = o.id
                   WHERE o.status IS DISTINCT FROM n.status
                   OR o.voucher_id IS DISTINCT FROM n.voucher_id) THEN
      RETURN NULL;
    END IF;
    {request_upsert(("old_table", True), ("new_table", True))};
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
    statements = [voucher_function, request_function]
    for table, function, prefix in (
        (VOUCHERS, "reports_voucher_counts", "reports_voucher_counts"),
        (REQUESTS, "reports_payment_request_counts", "reports_request_counts"),
    ):
        for event, referencing in (
            ("INSERT", "NEW TABLE AS new_table"),
            ("UPDATE", "OLD TABLE AS old_table NEW TABLE AS new_table"),
            ("DELETE", "OLD TABLE AS old_table"),
        ):
            statements.append(
                f"CREATE TRIGGER {prefix}_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    return statements


POSTGRES_REVERSE = (
    [
        f"DROP TRIGGER IF EXISTS reports_voucher_counts_{e} ON {VOUCHERS}"
        for e in ("insert", "update", "delete")
    ]
    + [
        f"DROP TRIGGER IF EXISTS reports_request_counts_{e} ON {REQUESTS}"
        for e in ("insert", "update", "delete")
    ]
    + [
        "DROP FUNCTION IF EXISTS reports_voucher_counts()",
        "DROP FUNCTION IF EXISTS reports_payment_request_counts()",
    ]
)


def sqlite_sql() -> list[str]:
    lite = "sqlite"
    # After a flush (the test suite empties every table with DELETE) the counters may already be
    # empty when the vouchers go: a delete then has nothing to subtract from.
    counters_exist = f"EXISTS (SELECT 1 FROM {COUNTS})"

    def voucher_row(alias: str) -> str:
        columns = ", ".join(f"{alias}.{c} AS {c}" for c in ("id", *COUNTED))
        request = f"(SELECT status FROM {REQUESTS} WHERE voucher_id = {alias}.id)"
        inner = f"(SELECT {columns}, {request} AS request_status LIMIT 1)"
        stage = funnel_stage_sql("v.request_status IS NOT NULL", "v.request_status")
        return f"(SELECT v.*, {stage} AS fstage FROM {inner} v LIMIT 1)"

    def request_row(alias: str, *, with_request: bool) -> str:
        return (
            "("
            + voucher_rows_sql(
                VOUCHERS,
                has_request="1 = 1" if with_request else "1 = 0",
                request_status=f"{alias}.status" if with_request else "NULL",
                where=f"WHERE v.id = {alias}.voucher_id LIMIT 1",
            )
            + ")"
        )

    def trigger(name: str, event: str, table: str, when: str, parts: list[str]) -> str:
        condition = f" WHEN {when}" if when else ""
        return (
            f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} FOR EACH ROW"
            f"{condition} BEGIN {upsert_sql(parts, grouped=False)}; END"
        )

    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COUNTED)
    request_changed = "OLD.status IS NOT NEW.status OR OLD.voucher_id IS NOT NEW.voucher_id"
    return [
        trigger(
            "reports_voucher_counts_insert",
            "INSERT",
            VOUCHERS,
            "",
            [contributions_one_pass_sql(voucher_row("NEW"), 1, lite)],
        ),
        trigger(
            "reports_voucher_counts_update",
            "UPDATE",
            VOUCHERS,
            f"({changed})",
            [
                contributions_one_pass_sql(voucher_row("OLD"), -1, lite),
                contributions_one_pass_sql(voucher_row("NEW"), 1, lite),
            ],
        ),
        trigger(
            "reports_voucher_counts_delete",
            "DELETE",
            VOUCHERS,
            counters_exist,
            [contributions_one_pass_sql(voucher_row("OLD"), -1, lite)],
        ),
        trigger(
            "reports_request_counts_insert",
            "INSERT",
            REQUESTS,
            "",
            [
                contributions_one_pass_sql(request_row("NEW", with_request=False), -1, lite),
                contributions_one_pass_sql(request_row("NEW", with_request=True), 1, lite),
            ],
        ),
        trigger(
            "reports_request_counts_update",
            "UPDATE",
            REQUESTS,
            f"({request_changed})",
            [
                contributions_one_pass_sql(request_row("OLD", with_request=True), -1, lite),
                contributions_one_pass_sql(request_row("NEW", with_request=True), 1, lite),
            ],
        ),
        trigger(
            "reports_request_counts_delete",
            "DELETE",
            REQUESTS,
            counters_exist,
            [
                contributions_one_pass_sql(request_row("OLD", with_request=True), -1, lite),
                contributions_one_pass_sql(request_row("OLD", with_request=False), 1, lite),
            ],
        ),
    ]


SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS reports_{kind}_counts_{e}"
    for kind in ("voucher", "request")
    for e in ("insert", "update", "delete")
]


def triggers_sql(vendor: str) -> list[str]:
    return postgres_sql() if vendor == "postgresql" else sqlite_sql()


def triggers_reverse_sql(vendor: str) -> list[str]:
    return POSTGRES_REVERSE if vendor == "postgresql" else SQLITE_REVERSE


# --- recount, check, rebuild ----------------------------------------------------------------

CountKey = tuple[str, int, dt.date, str, int]


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def counts_recount() -> dict[CountKey, tuple[int, int]]:
    """The counters as the base tables say they should be (one full read of the vouchers)."""
    with connection.cursor() as cursor:
        cursor.execute(recount_sql(connection.vendor).replace("%", "%%"), [])
        return {
            (dimension, int(key), _date(day), stage, int(shard)): (int(n), int(d))
            for dimension, key, day, stage, shard, n, d in cursor.fetchall()
        }


def counts_stored() -> dict[CountKey, tuple[int, int]]:
    rows = VoucherCount.objects.exclude(vouchers=0, days=0).values_list(
        "dimension", "key", "day", "stage", "shard", "vouchers", "days"
    )
    return {
        (dimension, int(key), day, stage, int(shard)): (int(n), int(d))
        for dimension, key, day, stage, shard, n, d in rows
    }


def counter_mismatches() -> list[str]:
    """Every counter row that differs from the recount of the vouchers, as a sentence."""
    counted, stored = counts_recount(), counts_stored()
    problems = []
    for key in sorted(set(counted) | set(stored)):
        if counted.get(key, (0, 0)) != stored.get(key, (0, 0)):
            dimension, group, day, stage, shard = key
            have, want = stored.get(key, (0, 0)), counted.get(key, (0, 0))
            on_day = "" if day == NO_DAY else f" on {day.isoformat()}"
            problems.append(
                f"the voucher counter {dimension} {group}{on_day} {stage} (shard {shard}) holds "
                f"{have[0]} vouchers and {have[1]} days but the vouchers count {want[0]} and "
                f"{want[1]}"
            )
    return problems


def counts_rebuild() -> int:
    """Replace the counters by the recount (after a restore or a repair); returns its rows."""
    VoucherCount.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {COUNTS} ({KEY}, vouchers, days) "  # nosec B608 - SQL built from constants
            + recount_sql(connection.vendor).replace("%", "%%"),
            [],
        )
    return VoucherCount.objects.count()
