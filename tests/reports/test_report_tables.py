"""Report tables and their CSV: formulas neutralised, empty programs give empty tables."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.core.actor import Actor
from planserv.reports import selectors
from planserv.reports.funnel import bucket_of
from planserv.reports.tables import Column, Table, table_csv

TODAY = dt.date(2021, 6, 15)


def test_csv_neutralises_spreadsheet_formulas_but_not_numbers() -> None:
    table = Table(
        "t",
        "T",
        [Column("name", "Name"), Column("n", "N", numeric=True)],
        rows=[["=HYPERLINK(1)", -5], ["-12.50", None], ["@home", 0]],
    )
    assert table_csv(table) == "name,n\n'=HYPERLINK(1),-5\n-12.50,\n'@home,0\n"


@pytest.mark.parametrize(
    ("deadline", "bucket"),
    [
        (None, "none"),
        (TODAY - dt.timedelta(days=1), "expired"),
        (TODAY, "due_30"),
        (TODAY + dt.timedelta(days=30), "due_30"),
        (TODAY + dt.timedelta(days=31), "due_90"),
        (TODAY + dt.timedelta(days=90), "due_90"),
        (TODAY + dt.timedelta(days=91), "due_later"),
    ],
)
def test_deadline_buckets_are_inclusive_last_days(deadline: dt.date | None, bucket: str) -> None:
    assert bucket_of(deadline, TODAY) == bucket


@pytest.mark.django_db
def test_every_report_answers_on_an_empty_program() -> None:
    system = Actor.system()
    dashboard = selectors.report_dashboard(actor=system, today=TODAY)
    assert dashboard.table("vouchers_by_state").rows == []
    assert {row[1] for row in dashboard.table("days_by_account").rows} == {0}
    for group_by in selectors.FUNNEL_GROUPS:
        funnel = selectors.report_funnel(actor=system, today=TODAY, group_by=group_by)
        assert funnel.table("funnel").rows == []
    for milestone in ("removal", "last_redemption_day", "cloud_retirement"):
        impact = selectors.report_retirement_impact(
            actor=system, today=TODAY, milestone_key=milestone
        )
        assert impact.table("organisations").rows == []


def test_a_table_page_ranks_by_the_sum_of_columns_and_clamps_the_page() -> None:
    from planserv.reports.tables import table_page

    table = Table(
        "t",
        "T",
        [Column("name", "Name"), Column("a", "A", numeric=True), Column("b", "B", numeric=True)],
        rows=[["x", 1, 1], ["y", 5, 0], ["z", 0, None], ["w", 2, 2]],
    )
    first, page = table_page(table, rank_by=("a", "b"), page=1, size=2)
    assert [row[0] for row in first.rows] == ["y", "w"]
    assert (page.total, page.pages, page.first, page.last, page.has_next) == (4, 2, 1, 2, True)
    last, page = table_page(table, rank_by=("a", "b"), page=7, size=2)
    assert [row[0] for row in last.rows] == ["x", "z"] and page.number == 2
    assert not page.has_next and page.has_previous
    unranked, page = table_page(table, page=1, size=10)
    assert [row[0] for row in unranked.rows] == ["x", "y", "z", "w"] and not page.ranked
