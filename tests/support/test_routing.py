"""R-SUP-1: a request goes to the regional queue of its organisation's country (EMEA or general);
the mapping is operator data seeded for every country django_countries knows."""

from __future__ import annotations

import pytest
from django_countries import countries

from planserv.support.errors import NoSupportQueue
from planserv.support.models import SupportCountryRoute, SupportQueue
from planserv.support.seed import EMEA_COUNTRIES, emea_country_codes
from planserv.support.selectors import support_queue_for_country
from tests.factories import accounts as account_factory
from tests.factories import support as support_factory

pytestmark = pytest.mark.django_db


class TestSeededMapping:
    def test_every_seeded_emea_code_is_a_real_country_code(self):
        known = {country.code for country in countries}
        listed = [code for codes in EMEA_COUNTRIES.values() for code in codes]
        assert len(listed) == len(set(listed)), "a country is listed twice"
        assert set(listed) <= known

    def test_every_country_has_a_route_and_emea_countries_go_to_emea_r_sup_1(self):
        routes = dict(SupportCountryRoute.objects.values_list("country", "queue__code"))
        assert set(routes) == {country.code for country in countries}
        emea = emea_country_codes()
        assert {code for code, queue in routes.items() if queue == "emea"} == emea
        assert {"DE", "FR", "GB", "ZA", "AE", "NG", "SA", "PL"} <= emea
        assert not {"US", "CA", "BR", "JP", "IN", "AU", "CN", "MX"} & emea

    def test_general_is_the_only_default_queue(self):
        assert list(
            SupportQueue.objects.filter(is_default=True).values_list("code", flat=True)
        ) == ["general"]


class TestRouting:
    @pytest.mark.parametrize("country", ["DE", "FR", "GB", "ZA", "EG", "AE", "TR", "IL"])
    def test_emea_organisation_lands_in_the_emea_queue_r_sup_1(self, country):
        org = account_factory.organisation("partner", country=country)
        member = account_factory.member(org, "partner_admin")
        request = support_factory.open_request(member)
        assert request.queue.code == "emea"
        assert str(request.country) == country

    @pytest.mark.parametrize("country", ["US", "CA", "BR", "JP", "IN", "AU"])
    def test_non_emea_organisation_lands_in_the_general_queue_r_sup_1(self, country):
        org = account_factory.organisation("customer", country=country)
        member = account_factory.member(org, "benefits_admin")
        request = support_factory.open_request(member)
        assert request.queue.code == "general"

    def test_an_operator_change_to_the_mapping_reroutes_new_requests_r_sup_1(self):
        SupportCountryRoute.objects.filter(country="US").update(
            queue=SupportQueue.objects.get(code="emea")
        )
        assert support_queue_for_country(country="US").code == "emea"

    def test_a_country_without_route_goes_to_the_default_queue_r_sup_1(self):
        SupportCountryRoute.objects.filter(country="NZ").delete()
        assert support_queue_for_country(country="NZ").code == "general"

    def test_without_route_and_default_queue_opening_is_refused_clearly_r_sup_1(self):
        SupportCountryRoute.objects.filter(country="NZ").delete()
        SupportQueue.objects.update(is_default=False)
        with pytest.raises(NoSupportQueue, match="No support queue serves NZ"):
            support_queue_for_country(country="NZ")
