"""R-RES-5: a reservation whose delivery country has no day rate is refused, naming the countries
with rates; the reserve form's delivery country follows the chosen location's country; the
operator sees the engagements reserved where no rate exists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planserv.core.errors import DomainError
from planserv.program.models import DayRate
from planserv.vouchers.selectors import reservations_in_countries_without_rate
from planserv.vouchers.services import voucher_reserve, voucher_validate
from tests.factories import partners as partner_factory
from tests.factories import vouchers as factory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 3, 2)


def _reserve(voucher, firm):  # type: ignore[no-untyped-def]
    return voucher_reserve(
        voucher_id=voucher.voucher_id,
        email=voucher.assignee_email,
        location_id=firm.location.location_id,
        start_date=TODAY,
        accept_terms=True,
        delivery_country=str(firm.location.country),
        actor=firm.admin_actor,
        today=TODAY,
        at=factory.at(TODAY),
    )


def test_reserving_for_a_country_without_a_rate_is_refused_naming_those_with_rates_r_res_5():
    voucher = factory.assigned(factory.customer_pool(), today=dt.date(2021, 3, 1))
    firm = factory.eligible_firm(country="AT")
    with nothing_changes(), pytest.raises(DomainError) as error:
        _reserve(voucher, firm)
    assert error.value.code == "no_day_rate_for_country" and error.value.rule == "R-RES-5"
    assert "Austria has no day rate" in error.value.message
    assert "Germany" in error.value.message and "United States" in error.value.message
    assert "DE" in error.value.details["countries_with_rates"]


def test_a_rate_added_by_the_operator_lets_the_reservation_through_at_once_r_res_5():
    voucher = factory.assigned(factory.customer_pool(), today=dt.date(2021, 3, 1))
    firm = factory.eligible_firm(country="AT")
    DayRate.objects.create(
        country="AT", currency="EUR", amount=Decimal("880"), effective_from=dt.date(2021, 1, 1)
    )
    assert _reserve(voucher, firm).delivery_country == "AT"


def test_the_delivery_country_defaults_to_the_first_locations_country_r_res_5():
    voucher = factory.assigned(factory.customer_pool(country="US"), today=dt.date(2021, 3, 1))
    firm = factory.eligible_firm(country="DE")
    preview = voucher_validate(
        voucher_id=voucher.voucher_id,
        email=voucher.assignee_email,
        actor=firm.admin_actor,
        today=TODAY,
    )
    assert preview.default_delivery_country == "DE"  # the firm has no US location
    assert "DE" in preview.countries_with_rates and "AT" not in preview.countries_with_rates
    partner_factory.location(firm.organisation, country="US")
    preview = voucher_validate(
        voucher_id=voucher.voucher_id,
        email=voucher.assignee_email,
        actor=firm.admin_actor,
        today=TODAY,
    )
    assert preview.default_delivery_country == "US"  # a location in the customer's country first
    assert str(preview.locations[0].country) == "US"


def test_the_operator_lists_reservations_in_countries_without_a_rate_r_res_5():
    voucher = factory.assigned(factory.customer_pool(), today=dt.date(2021, 3, 1))
    firm = factory.eligible_firm(country="AT")
    DayRate.objects.create(
        country="AT", currency="EUR", amount=Decimal("880"), effective_from=dt.date(2021, 1, 1)
    )
    _reserve(voucher, firm)
    assert reservations_in_countries_without_rate() == []
    DayRate.objects.filter(country="AT").delete()  # data as it was before R-RES-5
    assert [r.voucher.voucher_id for r in reservations_in_countries_without_rate()] == [
        voucher.voucher_id
    ]
