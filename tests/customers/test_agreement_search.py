"""The operator's agreement search (issue 22, PERF-7): by part of the licensing id, part of the
customer's name or the customer id; on PostgreSQL trigram indexes serve the `icontains` parts."""

from __future__ import annotations

import pytest
from django.db import connection

from planserv.accounts.models import Organisation
from planserv.customers.models import LicensingAgreement
from planserv.customers.selectors import agreement_search_for_operator
from tests.factories import accounts as account_factory
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements() -> dict[str, LicensingAgreement]:
    woodgrove = account_factory.organisation("customer", name="Woodgrove Bank")
    contoso = account_factory.organisation("customer", name="Contoso Pharmaceuticals")
    return {
        "wg1": factory.agreement(woodgrove, licensing_id="EA-WG-0001"),
        "wg2": factory.agreement(woodgrove, licensing_id="EA-WG-0002"),
        "co": factory.agreement(contoso, licensing_id="EA-CO-0001"),
    }


def found(query: str) -> list[str]:
    return list(
        agreement_search_for_operator(actor=factory.OPERATOR, query=query).values_list(
            "licensing_id", flat=True
        )
    )


def test_search_by_licensing_id_customer_name_or_customer_id(agreements) -> None:
    assert found("wg-000") == ["EA-WG-0001", "EA-WG-0002"]
    assert found("GROVE") == ["EA-WG-0001", "EA-WG-0002"]
    assert found("pharma") == ["EA-CO-0001"]
    contoso = agreements["co"].customer
    assert found(contoso.public_id.lower()) == ["EA-CO-0001"]
    assert found("nothing like it") == []
    assert found("") == ["EA-CO-0001", "EA-WG-0001", "EA-WG-0002"]


def _plan(queryset) -> str:  # type: ignore[no-untyped-def]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres_only
def test_trigram_indexes_serve_the_contains_searches_on_postgresql(agreements) -> None:
    from django.db import transaction

    with transaction.atomic():
        plan = _plan(LicensingAgreement.objects.filter(licensing_id__icontains="WG-00"))
        assert "agreement_licensing_id_trgm" in plan, plan
        plan = _plan(Organisation.objects.filter(name__icontains="grove"))
        assert "organisation_name_trgm" in plan, plan
