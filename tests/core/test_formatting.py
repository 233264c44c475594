"""core.formatting: one way to print dates, day counts, countries and money, and the template
filters that call it on portal pages and in emails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import engines

from planserv.core import formatting

JUNE_1 = dt.date(2021, 6, 1)


class TestDates:
    def test_a_date_reads_day_without_leading_zero_month_spelled_out_and_year(self):
        assert formatting.long_date(JUNE_1) == "1 June 2021"
        assert formatting.long_date(dt.date(2021, 12, 15)) == "15 December 2021"

    def test_the_weekday_form_names_the_day(self):
        assert formatting.weekday_date(dt.date(2021, 6, 15)) == "Tuesday 15 June 2021"
        assert formatting.weekday_date(JUNE_1) == "Tuesday 1 June 2021"

    def test_machines_get_iso_8601(self):
        assert formatting.iso_date(JUNE_1) == "2021-06-01"

    def test_no_date_prints_nothing(self):
        assert formatting.long_date(None) == ""
        assert formatting.weekday_date(None) == ""
        assert formatting.iso_date(None) == ""

    def test_a_datetime_is_read_on_the_program_calendar(self, settings):
        settings.PROGRAM_TIME_ZONE = "Europe/Berlin"
        late_evening_utc = dt.datetime(2021, 5, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
        assert formatting.long_date(late_evening_utc) == "1 June 2021"
        assert formatting.iso_date(late_evening_utc) == "2021-06-01"

    def test_the_month_is_english_whatever_the_active_language(self):
        from django.utils import translation

        with translation.override("de"):
            assert formatting.long_date(dt.date(2021, 3, 3)) == "3 March 2021"


class TestDays:
    @pytest.mark.parametrize(
        ("count", "text"), [(0, "0 days"), (1, "1 day"), (2, "2 days"), (30, "30 days")]
    )
    def test_the_plural_follows_the_count(self, count, text):
        assert formatting.days(count) == text


class TestCountries:
    def test_a_code_is_named(self):
        assert formatting.country_name("DE") == "Germany"
        assert formatting.country_name(" gb ") == "United Kingdom"

    def test_an_unknown_code_is_shown_as_given(self):
        assert formatting.country_name("XX") == "XX"


class TestMoney:
    def test_people_read_two_decimals_grouped_thousands_and_the_currency(self):
        assert formatting.money(Decimal("1234.5"), "EUR") == "1,234.50 EUR"
        assert formatting.money(Decimal("700"), "USD") == "700.00 USD"
        assert formatting.money(Decimal("0.005"), "EUR") == "0.01 EUR"

    def test_csv_gets_the_plain_amount(self):
        assert formatting.amount(Decimal("1234.5")) == "1234.50"
        assert formatting.amount(3) == "3.00"


class TestTemplateFilters:
    def render(self, source: str, **context: object) -> str:
        return engines["django"].from_string(source).render(context)

    def test_every_template_has_the_filters_without_loading_them(self):
        text = self.render(
            "{{ day|long_date }} · {{ day|weekday_date }} · {{ day|iso_date }} · {{ n|days }} · "
            "{{ one|days }} · {{ code|country_name }} · {{ total|money:'EUR' }}",
            day=JUNE_1,
            n=2,
            one=1,
            code="DE",
            total=Decimal("1234.5"),
        )
        assert text == (
            "1 June 2021 · Tuesday 1 June 2021 · 2021-06-01 · 2 days · 1 day · Germany · "
            "1,234.50 EUR"
        )

    def test_a_missing_value_renders_empty_like_djangos_date_filter(self):
        text = self.render(
            "[{{ nothing|long_date }}][{{ missing|weekday_date|default:'never' }}]"
            "[{{ nothing|days }}][{{ nothing|money:'EUR' }}][{{ text|long_date }}]",
            nothing=None,
            text="not a date",
        )
        assert text == "[][never][][][]"
