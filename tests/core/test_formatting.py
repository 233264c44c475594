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

    @pytest.mark.parametrize(
        ("language", "long", "weekday"),
        [
            ("en", "3 March 2021", "Wednesday 3 March 2021"),
            ("de", "3. März 2021", "Mittwoch, 3. März 2021"),
            ("fr", "3 mars 2021", "mercredi 3 mars 2021"),
            ("es", "3 de marzo de 2021", "miércoles, 3 de marzo de 2021"),
            ("ja", "2021年3月3日", "2021年3月3日水曜日"),
        ],
    )
    def test_dates_follow_the_active_language(self, language, long, weekday):
        """Issue 24: the month and weekday by the active locale through Babel."""
        from django.utils import translation

        with translation.override(language):
            assert formatting.long_date(dt.date(2021, 3, 3)) == long
            assert formatting.weekday_date(dt.date(2021, 3, 3)) == weekday


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
        assert formatting.money(Decimal("1234.5"), "EUR") == "€1,234.50"
        assert formatting.money(Decimal("700"), "USD") == "$700.00"
        assert formatting.money(Decimal("0.005"), "EUR") == "€0.01"

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
            "1 June 2021 · Tuesday 1 June 2021 · 2021-06-01 · 2 days · 1 day · Germany · €1,234.50"
        )

    def test_a_missing_value_renders_empty_like_djangos_date_filter(self):
        text = self.render(
            "[{{ nothing|long_date }}][{{ missing|weekday_date|default:'never' }}]"
            "[{{ nothing|days }}][{{ nothing|money:'EUR' }}][{{ text|long_date }}]",
            nothing=None,
            text="not a date",
        )
        assert text == "[][never][][][]"


class TestPlainWords:
    """Issue 19: money by locale through Babel, plurals, rule ids kept out of sentences."""

    def test_money_is_written_by_locale_through_babel(self):
        assert formatting.money(Decimal("4750"), "EUR") == "€4,750.00"
        assert formatting.money(Decimal("4750"), "USD") == "$4,750.00"
        assert formatting.money(Decimal("4750"), "EUR", locale="de_DE") == "4.750,00\xa0€"

    def test_counts_carry_their_plural(self):
        assert formatting.count(1, "voucher") == "1 voucher"
        assert formatting.count(0, "voucher") == "0 vouchers"
        assert formatting.count(1200, "entry", "entries") == "1,200 entries"
        assert formatting.days(1) == "1 day"

    def test_a_closed_window_says_how_long_ago_it_closed(self):
        assert formatting.window_left(12) == "12 days left"
        assert formatting.window_left(0) == "last day today"
        assert formatting.window_left(-150) == "closed 150 days ago"
        assert formatting.window_left(-1) == "closed 1 day ago"

    def test_plain_takes_rule_ids_out_and_keeps_them_for_support(self):
        message = "The firm is not enrolled in Modern Work (R-ENR-1)."
        assert formatting.plain(message) == "The firm is not enrolled in Modern Work."
        assert formatting.rule_refs(message, "R-ENR-2") == ["R-ENR-1", "R-ENR-2"]
        assert formatting.plain("R-PAY-2: the window closed") == "the window closed"

    def test_roles_and_codes_are_named_as_people_say_them(self):
        assert formatting.role_name("partner_admin") == "MPN partner admin"
        assert formatting.role_name("global_admin") == "Global admin"
        assert formatting.code_words("in_payment_run") == "In payment run"
        assert formatting.words("status in_payment_run (R-PAY-5)") == "status in payment run"
