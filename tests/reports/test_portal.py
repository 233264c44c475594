"""The report pages of every side: charts with their tables, CSV links that export the rows on
screen, the drill-down with the notice preview, own slices only, PERF-4 query budgets."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.core.actor import Actor
from planserv.reports import selectors
from tests.reports.world import TODAY, ReportWorld, add_vouchers, build_report_world

pytestmark = pytest.mark.django_db
OPERATOR_PAGES = [
    "/operator/reports/",
    "/operator/reports/dashboard/",
    "/operator/reports/funnel/?group_by=expiry",
    "/operator/reports/retirement-impact/?milestone=removal",
    "/operator/reports/retirement-impact/?milestone=last_redemption_day",
]


@pytest.fixture
def world(pin_clock: Any) -> ReportWorld:
    built = build_report_world()
    pin_clock(TODAY)
    return built


def login(persona: Any, role: str, organisation: Any = None) -> Client:
    client = Client()
    client.force_login(persona(role, organisation).user)
    return client


def _csv_rows(client: Client, url: str) -> list[list[str]]:
    response = client.get(url.replace("&amp;", "&"))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_operator_reports_index_leads_to_three_reports(
    world: ReportWorld, persona: Any
) -> None:
    client = login(persona, "auditor")
    home = client.get("/").content.decode()
    assert 'href="/operator/reports/"' in home  # one "Reports" item in the operator navigation
    index = client.get("/operator/reports/").content.decode()
    for page in ("dashboard", "retirement-impact", "funnel"):
        assert f"/operator/reports/{page}/" in index


def test_dashboard_has_charts_tables_and_csv_that_match(world: ReportWorld, persona: Any) -> None:
    client = login(persona, "program_admin")
    page = client.get("/operator/reports/dashboard/").content.decode()
    assert page.count("data-report-chart=") == 5
    assert "vendor/chart-4.6.1.umd.min.js" in page and "portal/reports.js" in page
    assert "<script>" not in page  # CSP: only JSON data islands, no inline script
    report = selectors.report_dashboard(actor=Actor.system(), today=TODAY)
    links = re.findall(r'href="([^"]+format=csv[^"]+)"', page)
    assert len(links) == len(report.tables)
    for link in links:
        key = re.search(r"table=([a-z_]+)", link).group(1)  # type: ignore[union-attr]
        table = report.table(key)
        rows = _csv_rows(client, link)
        assert rows[0] == [column.key for column in table.columns]
        assert rows[1:] == [["" if v is None else str(v) for v in row] for row in table.rows]


def test_retirement_impact_lists_organisations_with_a_drill_down_and_the_notice(
    world: ReportWorld, persona: Any
) -> None:
    client = login(persona, "support")
    page = client.get("/operator/reports/retirement-impact/?milestone=removal").content.decode()
    assert world.customer_a.name in page and world.customer_b.name in page
    drill = f"/operator/reports/retirement-impact/removal/{world.customer_a.public_id}/"
    assert drill in page
    detail = client.get(drill).content.decode()
    assert world.pool_a.agreement.licensing_id in detail
    assert 'data-testid="notice-preview"' in detail and "What " in detail
    assert "Create and assign vouchers for your available days" in detail
    foreign = client.get("/operator/reports/retirement-impact/removal/NOPE-1/")
    assert foreign.status_code == 404


def test_funnel_page_exports_the_rows_on_screen(world: ReportWorld, persona: Any) -> None:
    client = login(persona, "payment_reviewer")
    page = client.get("/operator/reports/funnel/?group_by=agreement").content.decode()
    assert world.pool_a.agreement.licensing_id in page
    rows = _csv_rows(client, "/operator/reports/funnel/?group_by=agreement&format=csv&table=funnel")
    assert rows[0][:3] == ["group", "available", "assigned_unreserved"]
    assert {row[0] for row in rows[1:]} == {
        world.pool_a.agreement.licensing_id,
        world.pool_b.agreement.licensing_id,
    }


def test_customer_and_partner_pages_show_only_their_own_data(
    world: ReportWorld, persona: Any
) -> None:
    customer = login(persona, "benefits_admin", world.customer_a)
    page = customer.get("/customer/reports/").content.decode()
    assert world.pool_a.agreement.licensing_id in page
    assert world.pool_b.agreement.licensing_id not in page
    assert 'href="/customer/reports/"' in page
    assert customer.get("/operator/reports/dashboard/").status_code == 403
    partner = login(persona, "member", world.firm_y.organisation)
    page = partner.get("/partner/reports/").content.decode()
    assert world.customer_b.name in page  # firm Y holds customer B's voucher
    assert world.customer_a.name not in page
    rows = _csv_rows(partner, "/partner/reports/?format=csv&table=held_vouchers")
    assert [row[2] for row in rows[1:]] == ["delivered"]
    assert partner.get("/customer/reports/").status_code == 403


def _page_queries(client: Client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_page_query_counts_do_not_grow_with_rows(world: ReportWorld, persona: Any) -> None:
    operator = login(persona, "auditor")
    customer = login(persona, "benefits_admin", world.customer_a)
    partner = login(persona, "partner_admin", world.firm_y.organisation)
    drill = f"/operator/reports/retirement-impact/removal/{world.customer_a.public_id}/"
    pages = {
        "operator": (operator, [*OPERATOR_PAGES, drill]),
        "customer": (customer, ["/customer/reports/"]),
        "partner": (partner, ["/partner/reports/"]),
    }
    before = {side: _page_queries(client, urls) for side, (client, urls) in pages.items()}
    add_vouchers(world, 100)
    after = {side: _page_queries(client, urls) for side, (client, urls) in pages.items()}
    for side, counts in before.items():
        for url, count in counts.items():
            assert after[side][url] == count, (url, count, after[side][url])


def test_the_funnel_page_shows_the_top_n_by_liability_and_pages_on(
    world: ReportWorld, persona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planserv.portal.shared import reports as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client = login(persona, "payment_reviewer")
    rows = _csv_rows(client, "/operator/reports/funnel/?group_by=agreement&format=csv&table=funnel")
    liability = {row[0]: int(row[-1]) for row in rows[1:]}
    largest, smaller = sorted(liability, key=lambda key: -liability[key])
    assert liability[largest] > liability[smaller]
    first = client.get("/operator/reports/funnel/?group_by=agreement").content.decode()
    assert largest in first and smaller not in first
    assert "Rows 1–1 of 2, largest first" in first
    assert "page=2" in first and "group_by=agreement" in first  # the next link keeps the grouping
    second = client.get("/operator/reports/funnel/?group_by=agreement&page=2").content.decode()
    assert smaller in second and largest not in second
    past_the_end = client.get("/operator/reports/funnel/?group_by=agreement&page=99")
    assert smaller in past_the_end.content.decode()


def test_retirement_impact_shows_the_organisations_most_at_stake_first(
    world: ReportWorld, persona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planserv.portal.shared import reports as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client = login(persona, "auditor")
    url = "/operator/reports/retirement-impact/?milestone=removal"
    rows = _csv_rows(client, f"{url}&format=csv&table=organisations")
    header = rows[0]
    stake = [
        header.index(k) for k in ("days_removed", "voucher_days_at_risk", "payment_days_at_risk")
    ]
    ranked = sorted(rows[1:], key=lambda row: -sum(int(row[i] or 0) for i in stake))
    assert len(ranked) >= 2
    page = client.get(url).content.decode()
    assert f">{ranked[0][0]}<" in page and f">{ranked[1][0]}<" not in page
    assert f"of {len(ranked)}, largest first" in page
