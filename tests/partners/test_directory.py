"""The partner directory (seed step 3): published profiles of eligible firms, filtered, no N+1."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.core.errors import InvalidInput
from planserv.partners.selectors import directory_search
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db
ON = dt.date(2020, 6, 1)


def _names(**filters):
    params = {"country": None, "offering_code": None, "text": None, "on": ON} | filters
    return [
        profile.organisation.name
        for profile in directory_search(**params).order_by("organisation__name", "id")
    ]


class TestDirectorySearch:
    def test_filters_by_country_offering_and_text(self):
        factory.listed_firm(
            name="Alpha",
            countries_served=("DE", "AT"),
            tags=("Intune",),
            description="Desktop planning in Vienna.",
        )
        factory.listed_firm(
            name="Beta",
            country="US",
            countries_served=("US",),
            offering="SDPS",
            competency_code="collaboration-and-content",
            tags=("SharePoint",),
        )
        factory.listed_firm(name="Gamma", countries_served=("AT",))

        assert _names() == ["Alpha", "Beta", "Gamma"]
        assert _names(country="AT") == ["Alpha", "Gamma"]
        assert _names(country="at") == ["Alpha", "Gamma"]
        assert _names(offering_code="SDPS") == ["Beta"]
        assert _names(country="AT", offering_code="DDPS", text="vienna") == ["Alpha"]
        assert _names(text="sharepoint") == ["Beta"]
        assert _names(text="gam") == ["Gamma"]
        assert _names(country="FR") == []

    def test_unpublished_profiles_are_not_listed(self):
        factory.listed_firm(name="Hidden", publish=False)
        assert _names() == []

    def test_a_firm_is_listed_only_while_enrolled(self):
        factory.listed_firm(name="Alpha", on=dt.date(2020, 1, 6))

        assert _names(on=dt.date(2021, 1, 4)) == ["Alpha"]
        assert _names(on=dt.date(2021, 1, 5)) == []

    def test_a_firm_whose_competency_expired_is_no_longer_listed(self):
        firm = factory.listed_firm(name="Alpha", competency_code="windows-and-devices")
        held = firm.competencies_held.get()
        held.expires_on = dt.date(2020, 5, 31)
        held.save()

        assert _names(on=dt.date(2020, 5, 31)) == ["Alpha"]
        assert _names(on=ON) == []

    def test_an_offering_is_matched_only_if_listed_and_enrolled(self):
        firm = factory.listed_firm(name="Alpha", offering="DDPS")
        factory.competency(firm, "collaboration-and-content")
        factory.enroll(firm, "SDPS", on=dt.date(2020, 2, 1))

        assert _names(offering_code="DDPS") == ["Alpha"]
        assert _names(offering_code="SDPS") == []  # enrolled, but not in the profile

    def test_competencies_valid_on_the_day_are_shown(self):
        firm = factory.listed_firm(name="Alpha")
        factory.competency(firm, "messaging", expires_on=dt.date(2020, 5, 1))

        profile = directory_search(country=None, offering_code=None, text=None, on=ON).get()

        shown = [held.competency.code for held in profile.organisation.valid_competencies]
        assert shown == ["windows-and-devices"]
        assert [e.offering.code for e in profile.organisation.current_enrollments] == ["DDPS"]

    @pytest.mark.parametrize(("field", "value"), [("country", "XX"), ("offering_code", "NOPE")])
    def test_unknown_filters_are_refused(self, field, value):
        with pytest.raises(InvalidInput):
            directory_search(
                **(
                    {"country": None, "offering_code": None, "text": None, "on": ON}
                    | {field: value}
                )
            )

    def test_one_and_many_rows_cost_the_same_queries_perf_4(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                rows = list(directory_search(country="DE", offering_code="DDPS", text=None, on=ON))
                for profile in rows:
                    list(profile.served_countries.all())
                    list(profile.offerings_delivered.all())
                    _ = profile.organisation.valid_competencies
            return len(queries.captured_queries), len(rows)

        factory.listed_firm(name="Firm 0")
        one = count()
        for number in range(1, 12):
            firm = factory.listed_firm(name=f"Firm {number}")
            factory.competency(firm, "messaging")
        many = count()

        assert one[1] == 1 and many[1] == 12
        assert one[0] == many[0]
