"""R-ACC-1: the pure accrual calculator (coverage years, bands, thirds)."""

from __future__ import annotations

import datetime as dt

from planserv.customers.accrual import (
    anniversary,
    band_days,
    coverage_year_index,
    coverage_year_starts,
    term_days,
    year_grant,
)

BANDS = {"applications": [(50, 3), (250, 9), (750, 15)], "servers": [(10, 3), (100, 9)]}


class TestCoverageYears:
    def test_a_three_year_agreement_has_three_coverage_years_r_acc_1(self):
        starts = coverage_year_starts(dt.date(2019, 7, 1), dt.date(2022, 6, 30))
        assert starts == [dt.date(2019, 7, 1), dt.date(2020, 7, 1), dt.date(2021, 7, 1)]

    def test_a_29_february_start_has_its_anniversary_on_28_february(self):
        assert anniversary(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)
        assert anniversary(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)

    def test_the_index_names_the_coverage_year_and_none_for_other_days(self):
        assert (
            coverage_year_index(dt.date(2019, 7, 1), dt.date(2022, 6, 30), dt.date(2020, 7, 1)) == 1
        )
        assert (
            coverage_year_index(dt.date(2019, 7, 1), dt.date(2022, 6, 30), dt.date(2020, 7, 2))
            is None
        )
        assert (
            coverage_year_index(dt.date(2019, 7, 1), dt.date(2020, 6, 30), dt.date(2020, 7, 1))
            is None
        )


class TestGrant:
    def test_the_highest_band_reached_counts_and_below_the_lowest_gives_nothing(self):
        assert band_days(49, BANDS["applications"]) == 0
        assert band_days(250, BANDS["applications"]) == 9
        assert band_days(10_000, BANDS["applications"]) == 15

    def test_term_days_add_up_over_pools_r_acc_1(self):
        assert term_days({"applications": 800, "servers": 100}, BANDS) == 24
        assert term_days({"dynamics": 5000}, BANDS) == 0

    def test_each_coverage_year_grants_a_third_and_a_term_sums_to_its_days_r_acc_1(self):
        assert [year_grant(24, index) for index in range(3)] == [8, 8, 8]
        assert [year_grant(10, index) for index in range(3)] == [3, 3, 4]
        assert [year_grant(2, index) for index in range(6)] == [0, 1, 1, 0, 1, 1]
        for term in range(0, 50):
            assert sum(year_grant(term, index) for index in range(3)) == term
