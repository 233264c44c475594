"""The reports API (api.md `GET /api/v1/reports/…`): JSON and the same rows as CSV, tenant
slices (R-ROLE-1), the auditor reads everything and changes nothing, and PERF-4 query budgets."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.audit.models import AuditEvent
from planserv.customers.ledger.models import LedgerEntry
from planserv.notifications.models import OutboxMessage
from planserv.vouchers.models import Voucher
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.reports.world import TODAY, ReportWorld, add_vouchers, build_report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(pin_clock: Any) -> ReportWorld:
    built = build_report_world()
    pin_clock(TODAY)
    return built


def operator_paths(world: ReportWorld) -> list[str]:
    a, x = world.customer_a.public_id, world.firm_x.organisation.public_id
    return [
        "/reports/dashboard",
        "/reports/funnel?group_by=agreement",
        "/reports/funnel?group_by=offering",
        "/reports/funnel?group_by=country",
        "/reports/funnel?group_by=expiry",
        "/reports/retirement-impact?milestone=removal",
        "/reports/retirement-impact?milestone=last_redemption_day",
        f"/reports/retirement-impact/removal/organisations/{a}",
        f"/reports/retirement-impact/last_redemption_day/organisations/{x}",
        f"/reports/customer?organisation={a}",
        f"/reports/partner?organisation={x}",
    ]


def _get(api: Any, path: str, **headers: str) -> Any:
    return api.client.get(
        f"/api/v1{path}", headers={"Authorization": f"Bearer {api.token}", **headers}
    )


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def test_every_table_exported_as_csv_equals_the_json(world: ReportWorld, api_as: Any) -> None:
    api = api_as("auditor")
    for path in operator_paths(world):
        response = _get(api, path)
        assert response.status_code == 200, (path, response.content)
        body = response.json()
        assert body["tables"], path
        for table in body["tables"]:
            joiner = "&" if "?" in path else "?"
            exported = _get(api, f"{path}{joiner}table={table['key']}", Accept="text/csv")
            assert exported.status_code == 200, path
            assert exported["Content-Type"].startswith("text/csv")
            text = b"".join(exported.streaming_content).decode()
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0] == [column["key"] for column in table["columns"]]
            assert rows[1:] == [[_as_text(v) for v in row] for row in table["rows"]], (
                path,
                table["key"],
            )
            again = _get(api, f"{path}{joiner}table={table['key']}&format=csv")
            assert b"".join(again.streaming_content).decode() == text


def test_the_auditor_reads_every_report_and_changes_nothing(
    world: ReportWorld, api_as: Any
) -> None:
    api = api_as("auditor")
    before = (
        AuditEvent.objects.count(),
        LedgerEntry.objects.count(),
        OutboxMessage.objects.count(),
        list(Voucher.objects.order_by("pk").values_list("status", "expiry_date")),
    )
    for path in operator_paths(world):
        assert _get(api, path).status_code == 200, path
    # The preview renders the reminder but never enqueues it.
    drill = _get(api, operator_paths(world)[7]).json()
    assert drill["meta"]["notice"]["sent"] is True
    assert "Remaining days removed" in drill["meta"]["notice"]["subject"]
    assert api.post("/reports/dashboard", {}).status_code == 405
    after = (
        AuditEvent.objects.count(),
        LedgerEntry.objects.count(),
        OutboxMessage.objects.count(),
        list(Voucher.objects.order_by("pk").values_list("status", "expiry_date")),
    )
    assert after == before
    assert_ledger_consistent()


@pytest.mark.parametrize("role", ["program_admin", "payment_reviewer", "support", "auditor"])
def test_every_operator_role_reads_the_dashboard(
    world: ReportWorld, api_as: Any, role: str
) -> None:
    assert api_as(role).get("/reports/dashboard").status_code == 200


def test_a_customer_sees_only_its_own_slice(world: ReportWorld, api_as: Any) -> None:
    api = api_as("project_manager", world.customer_a)
    own, other = world.customer_a.public_id, world.customer_b.public_id
    assert api.get("/reports/dashboard").status_code == 403
    assert api.get("/reports/partner").status_code == 403
    funnel = api.get("/reports/funnel", group_by="agreement").json()
    assert [row[0] for row in funnel["tables"][0]["rows"]] == [world.pool_a.agreement.licensing_id]
    impact = api.get("/reports/retirement-impact", milestone="removal").json()
    assert {row[0] for row in impact["tables"][0]["rows"]} == {own}
    assert api.get(f"/reports/retirement-impact/removal/organisations/{own}").status_code == 200
    for path in (
        f"/reports/retirement-impact/removal/organisations/{other}",
        f"/reports/retirement-impact/removal/organisations/{world.firm_x.organisation.public_id}",
        f"/reports/customer?organisation={other}",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        unknown = api.get(path.replace(path.rsplit("/", 1)[-1].split("=")[-1], "C-NOPE"))
        assert unknown.status_code == 404  # a foreign organisation is answered as unknown
        assert response.json()["error"]["code"] == unknown.json()["error"]["code"] == "not_found"
    mine = api.get("/reports/customer").json()
    assert mine["meta"]["organisation"] == own
    agreements = [row[0] for row in mine["tables"][0]["rows"]]
    assert agreements == [world.pool_a.agreement.licensing_id]


def test_a_partner_sees_only_the_vouchers_it_holds(world: ReportWorld, api_as: Any) -> None:
    firm = world.firm_x.organisation
    api = api_as("member", firm)
    assert api.get("/reports/customer").status_code == 403
    funnel = api.get("/reports/funnel", group_by="offering").json()
    totals = {row[0]: row[2] for row in funnel["tables"][1]["rows"]}
    assert totals["available"] == 0 and totals["assigned_unreserved"] == 0
    assert totals["reserved"] == 5 and totals["delivered_unredeemed"] == 0  # not firm Y's
    impact = api.get("/reports/retirement-impact", milestone="last_redemption_day").json()
    assert {row[0] for row in impact["tables"][0]["rows"]} == {firm.public_id}
    other = world.firm_y.organisation.public_id
    assert api.get(f"/reports/partner?organisation={other}").status_code == 404
    mine = api.get("/reports/partner").json()
    held = mine["tables"][0]["rows"]
    assert [row[2] for row in held] == ["reserved"]


def test_bad_parameters_are_refused_clearly(world: ReportWorld, api_as: Any) -> None:
    api = api_as("program_admin")
    assert api.get("/reports/funnel", group_by="planet").status_code in (400, 422)
    missing = api.get("/reports/retirement-impact", milestone="no_such_thing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert api.get("/reports/customer").status_code == 400  # operators name the organisation
    table = api.get("/reports/dashboard", format="csv", table="nothing")
    assert table.status_code == 400
    assert "vouchers_by_state" in table.json()["error"]["message"]


def _csv_rows(api: Any, path: str) -> list[list[str]]:
    exported = _get(api, path, Accept="text/csv")
    assert exported.status_code == 200, path
    return list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))[1:]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/reports/funnel?group_by=agreement", "funnel"),
        ("/reports/funnel?group_by=country", "funnel"),
        ("/reports/funnel?group_by=offering", "funnel"),
        ("/reports/funnel?group_by=expiry", "funnel"),
        ("/reports/retirement-impact?milestone=removal", "organisations"),
    ],
)
def test_a_long_table_pages_through_every_row_of_its_csv(
    world: ReportWorld, api_as: Any, path: str, key: str
) -> None:
    """The funnel's groups and the retirement impact's organisations come a page at a time
    (cursor and limit, like the lists), ranked; the pages joined are the CSV, row for row."""
    api = api_as("auditor")
    everything = _csv_rows(api, f"{path}&table={key}")
    assert len(everything) >= 2, path  # the world has several groups: a page of one is a slice
    whole = _get(api, path).json()
    table = next(t for t in whole["tables"] if t["key"] == key)
    assert table["total_rows"] == len(everything)
    assert table["next_cursor"] is None  # fewer rows than the default 50
    others = [t for t in whole["tables"] if t["key"] != key]
    assert all(t["total_rows"] is None and t["next_cursor"] is None for t in others)
    seen: list[list[str]] = []
    cursor = ""
    for _ in range(len(everything) + 1):
        page = _get(api, f"{path}&limit=1{'&cursor=' + cursor if cursor else ''}").json()
        table = next(t for t in page["tables"] if t["key"] == key)
        assert len(table["rows"]) == 1
        assert table["total_rows"] == len(everything)
        seen.extend([_as_text(v) for v in row] for row in table["rows"])
        cursor = table["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    paged_csv = _csv_rows(api, f"{path}&table={key}&limit=1")
    assert paged_csv == everything  # the CSV ignores the page: every row


def test_the_long_tables_rank_the_largest_first(world: ReportWorld, api_as: Any) -> None:
    api = api_as("auditor")
    funnel = api.get("/reports/funnel", group_by="agreement").json()
    table = next(t for t in funnel["tables"] if t["key"] == "funnel")
    index = [c["key"] for c in table["columns"]].index("liability")
    liabilities = [row[index] for row in table["rows"]]
    assert liabilities == sorted(liabilities, reverse=True)
    assert len(set(liabilities)) > 1  # a real order, not equal rows
    impact = api.get("/reports/retirement-impact", milestone="removal").json()
    table = next(t for t in impact["tables"] if t["key"] == "organisations")
    keys = [c["key"] for c in table["columns"]]
    at_stake = [
        sum(
            row[keys.index(k)] or 0
            for k in ("days_removed", "voucher_days_at_risk", "payment_days_at_risk")
        )
        for row in table["rows"]
    ]
    assert at_stake == sorted(at_stake, reverse=True)


def test_bad_page_parameters_are_refused_clearly(world: ReportWorld, api_as: Any) -> None:
    api = api_as("auditor")
    for params in ({"limit": 0}, {"limit": 201}, {"cursor": "nonsense"}, {"cursor": "WyJ4Il0"}):
        answer = api.get("/reports/funnel", group_by="agreement", **params)
        assert answer.status_code == 400, params
        assert answer.json()["error"]["code"] == "invalid_input", params
        assert (
            "limit" in answer.json()["error"]["message"]
            or "cursor" in (answer.json()["error"]["message"])
        )


def _query_counts(api: Any, paths: list[str]) -> dict[str, int]:
    counts = {}
    assert _get(api, "/me").status_code == 200  # the token's first use records last_used_at
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            assert _get(api, path).status_code == 200, path
        counts[path] = len(captured)
    return counts


def test_query_counts_do_not_grow_with_rows(world: ReportWorld, api_as: Any) -> None:
    """PERF-4: every report makes the same number of queries for few and for 100 more vouchers."""
    operator = api_as("auditor")
    customer = api_as("benefits_admin", world.customer_a)
    partner = api_as("partner_admin", world.firm_y.organisation)
    own = ["/reports/funnel?group_by=expiry", "/reports/retirement-impact?milestone=removal"]
    before = (
        _query_counts(operator, operator_paths(world)),
        _query_counts(customer, [*own, "/reports/customer"]),
        _query_counts(partner, [*own, "/reports/partner"]),
    )
    add_vouchers(world, 100)
    after = (
        _query_counts(operator, operator_paths(world)),
        _query_counts(customer, [*own, "/reports/customer"]),
        _query_counts(partner, [*own, "/reports/partner"]),
    )
    assert Voucher.objects.count() > 100
    for side_before, side_after in zip(before, after, strict=True):
        for path, count in side_before.items():
            assert side_after[path] == count, (path, count, side_after[path])
    assert_ledger_consistent()
