"""Domain sections 2 and 8: the seeded 2020-21 catalogue and the real retirement calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.program.calendar import calendar_get
from planserv.program.models import DayRate, EngagementType, Offering
from planserv.program.seed import ENGAGEMENT_TYPES

pytestmark = pytest.mark.django_db


def test_every_catalogue_row_is_seeded_with_its_competencies():
    assert EngagementType.objects.count() == len(ENGAGEMENT_TYPES) == 13
    for code, _name, offering, cloud, requirements, _ in ENGAGEMENT_TYPES:
        engagement = EngagementType.objects.get(code=code)
        assert engagement.offering.code == offering
        assert engagement.is_cloud is cloud
        links = {
            (link.competency.code, link.minimum_level)
            for link in engagement.engagementtypecompetency_set.all()
        }
        assert links == set(requirements)
        assert engagement.allowed_service_levels() == [1, 3, 5, 10, 15]


def test_gold_only_rows_require_gold():
    fo = EngagementType.objects.get(code="upgrading-d365-fo")
    assert [link.minimum_level for link in fo.engagementtypecompetency_set.all()] == ["gold"]


def test_only_azure_is_a_cloud_offering():
    assert list(Offering.objects.filter(is_cloud=True).values_list("code", flat=True)) == ["AZDPS"]


def test_calendar_turns_milestones_into_inclusive_last_days_section_8():
    calendar = calendar_get()
    assert calendar.last_cloud_date == dt.date(2020, 1, 31)
    assert calendar.last_conversion_date == dt.date(2020, 1, 31)
    assert calendar.last_accrual_date == dt.date(2021, 1, 31)
    assert calendar.last_create_date == dt.date(2021, 6, 30)
    assert calendar.removal_date == dt.date(2021, 7, 1)
    assert calendar.last_redemption_date == dt.date(2022, 1, 1)
    assert calendar.payment_window_days == 60
    assert calendar.last_payment_request_date(dt.date(2022, 1, 1)) == dt.date(2022, 3, 2)


def test_day_rates_are_labelled_illustrative():
    assert DayRate.objects.exclude(note__icontains="illustrative").count() == 0
    assert DayRate.objects.filter(country="DE").get().currency == "EUR"
