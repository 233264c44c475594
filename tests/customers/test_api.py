"""API: /api/v1/agreements… (api.md); R-ROLE-1 tenant and role checks; cursor pagination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planserv.customers.models import LedgerEntry, LicensingAgreement, TrainingConversion
from planserv.customers.services import training_grant
from tests.factories import accounts as account_factory
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
BEFORE_CONVERSION_END = dt.date(2020, 1, 20)


@pytest.fixture
def own(customer_org):
    agreement = factory.agreement(customer_org, licensing_id="EA-OWN-1")
    factory.grant(agreement, 9)
    return agreement


@pytest.fixture
def foreign():
    return factory.agreement(account_factory.organisation("customer"), licensing_id="EA-FOREIGN")


def code(response):
    return response.json()["error"]["code"]


class TestAgreementsRead:
    def test_a_customer_lists_only_its_agreements_with_balances(self, api_as, own, foreign):
        body = api_as("project_manager").get("/agreements").json()
        assert [item["licensing_id"] for item in body["items"]] == ["EA-OWN-1"]
        item = body["items"][0]
        assert item["balances"]["available"] == 9 and item["balances"]["issued"] == -9
        assert item["days_granted"] == 9
        assert item["coverage"] == [{"product_pool": "applications", "quantity": 250}]
        assert item["customer"]["public_id"] == own.customer.public_id

    @pytest.mark.parametrize("role", ["program_admin", "payment_reviewer", "support", "auditor"])
    def test_every_operator_role_reads_every_agreement(self, api_as, own, foreign, role):
        api = api_as(role)
        assert [i["licensing_id"] for i in api.get("/agreements").json()["items"]] == [
            "EA-FOREIGN",
            "EA-OWN-1",
        ]
        assert api.get("/agreements/EA-FOREIGN").status_code == 200

    def test_operators_filter_by_customer(self, api_as, own, foreign):
        body = api_as("support").get("/agreements", customer=own.customer.public_id).json()
        assert [i["licensing_id"] for i in body["items"]] == ["EA-OWN-1"]

    def test_a_foreign_or_unknown_agreement_is_not_found_r_role_1(self, api_as, own, foreign):
        api = api_as("benefits_admin")
        assert api.get("/agreements/EA-OWN-1").status_code == 200
        for path in ("/agreements/EA-FOREIGN", "/agreements/NOPE", "/agreements/EA-FOREIGN/ledger"):
            response = api.get(path)
            assert response.status_code == 404 and code(response) == "agreement_not_found"

    @pytest.mark.parametrize(
        "path", ["/agreements", "/agreements/EA-OWN-1", "/agreements/EA-OWN-1/ledger"]
    )
    def test_partners_may_not_read_agreements_r_role_1(self, api_as, own, path):
        response = api_as("partner_admin").get(path)
        assert response.status_code == 403 and code(response) == "forbidden"

    def test_the_list_is_cursor_paginated_in_licensing_id_order(self, api_as, customer_org):
        for number in range(5):
            factory.agreement(customer_org, licensing_id=f"EA-P{number}")
        api = api_as("benefits_admin")
        first = api.get("/agreements", limit=2).json()
        second = api.get("/agreements", limit=2, cursor=first["next_cursor"]).json()
        third = api.get("/agreements", limit=2, cursor=second["next_cursor"]).json()
        ids = [i["licensing_id"] for page in (first, second, third) for i in page["items"]]
        assert ids == [f"EA-P{n}" for n in range(5)] and third["next_cursor"] is None

    def test_the_list_makes_the_same_number_of_queries_for_1_and_10_agreements_perf_4(
        self, api_as, customer_org
    ):
        api = api_as("benefits_admin")
        factory.agreement(customer_org)

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert api.get("/agreements").status_code == 200
            return len(queries)

        count()  # the token's first use is recorded once; not part of the list
        one = count()
        for _ in range(9):
            factory.agreement(customer_org)
        assert count() == one

    def test_the_ledger_is_newest_first_and_paginated(self, api_as, own):
        factory.grant(own, 1)
        factory.grant(own, 2)
        api = api_as("benefits_admin")
        page = api.get("/agreements/EA-OWN-1/ledger", limit=2).json()
        assert [e["days"] for e in page["items"]] == [2, 1]
        rest = api.get("/agreements/EA-OWN-1/ledger", limit=2, cursor=page["next_cursor"]).json()
        assert [e["days"] for e in rest["items"]] == [9] and rest["next_cursor"] is None
        entry = page["items"][0]
        assert (entry["source"], entry["destination"], entry["cause"]) == (
            "issued",
            "available",
            "manual_grant",
        )
        assert api_as("auditor").get("/agreements/EA-OWN-1/ledger").status_code == 200

    def test_a_bad_cursor_or_limit_is_a_400(self, api_as, own):
        api = api_as("benefits_admin")
        assert api.get("/agreements", cursor="%%%").status_code == 400
        assert api.get("/agreements/EA-OWN-1/ledger", limit=500).status_code == 400


class TestActivate:
    def test_a_benefits_admin_activates_r_act_1(self, api_as, own, pin_clock):
        pin_clock(dt.date(2020, 3, 2))
        response = api_as("benefits_admin").post("/agreements/EA-OWN-1/activate")
        assert response.status_code == 200
        assert (
            response.json()["activated"] is True and response.json()["activated_on"] == "2020-03-02"
        )

    def test_a_second_activation_is_a_409(self, api_as, own, pin_clock):
        pin_clock(dt.date(2020, 3, 2))
        api = api_as("benefits_admin")
        api.post("/agreements/EA-OWN-1/activate")
        response = api.post("/agreements/EA-OWN-1/activate")
        assert response.status_code == 409 and code(response) == "already_activated"
        assert response.json()["error"]["rule"] == "R-ACT-1"

    @pytest.mark.parametrize(
        "role", ["project_manager", "program_admin", "support", "partner_admin"]
    )
    def test_a_role_without_the_right_gets_403_and_nothing_changes(self, api_as, own, role):
        response = api_as(role).post("/agreements/EA-OWN-1/activate")
        assert response.status_code == 403
        assert not LicensingAgreement.objects.get(pk=own.pk).is_activated

    def test_a_foreign_agreement_is_a_404_and_stays_inactive(self, api_as, foreign):
        response = api_as("benefits_admin").post("/agreements/EA-FOREIGN/activate")
        assert response.status_code == 404
        assert not LicensingAgreement.objects.get(pk=foreign.pk).is_activated

    def test_a_repeat_with_the_same_idempotency_key_replays_the_first_response(self, api_as, own):
        api = api_as("benefits_admin")
        first = api.post("/agreements/EA-OWN-1/activate", idempotency_key="act-1")
        again = api.post("/agreements/EA-OWN-1/activate", idempotency_key="act-1")
        assert first.status_code == again.status_code == 200
        assert again["Idempotent-Replayed"] == "true"


class TestConversions:
    @pytest.fixture
    def with_training(self, own):
        training_grant(
            agreement=own,
            training_days=8,
            reason="training vouchers",
            actor=factory.OPERATOR,
            today=dt.date(2019, 9, 2),
            at=factory.at(dt.date(2019, 9, 2)),
        )
        return own

    def test_converts_and_answers_with_the_new_balances_r_trn_1(
        self, api_as, with_training, pin_clock
    ):
        pin_clock(BEFORE_CONVERSION_END)
        response = api_as("benefits_admin").post(
            "/agreements/EA-OWN-1/conversions", {"training_days": 5}
        )
        assert response.status_code == 201
        body = response.json()
        assert (body["training_days"], body["planning_days"]) == (5, 5)
        assert body["balances"]["available"] == 14 and body["balances"]["training"] == 3

    def test_on_the_conversion_end_it_is_refused_with_the_rule_and_date(
        self, api_as, with_training, pin_clock
    ):
        pin_clock(dt.date(2020, 2, 1))
        response = api_as("benefits_admin").post(
            "/agreements/EA-OWN-1/conversions", {"training_days": 5}
        )
        assert response.status_code == 422
        error = response.json()["error"]
        assert (error["code"], error["rule"]) == ("after_conversion_end", "R-TRN-1")
        assert "31 January 2020" in error["message"]
        assert not TrainingConversion.objects.exists()

    def test_more_than_the_training_pool_is_insufficient_days(
        self, api_as, with_training, pin_clock
    ):
        pin_clock(BEFORE_CONVERSION_END)
        response = api_as("benefits_admin").post(
            "/agreements/EA-OWN-1/conversions", {"training_days": 9}
        )
        assert response.status_code == 422 and code(response) == "insufficient_days"

    @pytest.mark.parametrize(
        "body", [{"training_days": 0}, {"training_days": "many"}, {}, {"training_days": 2.5}]
    )
    def test_malformed_input_is_a_400(self, api_as, with_training, pin_clock, body):
        pin_clock(BEFORE_CONVERSION_END)
        response = api_as("benefits_admin").post("/agreements/EA-OWN-1/conversions", body)
        assert response.status_code == 400 and code(response) == "invalid_input"

    def test_a_project_manager_gets_403(self, api_as, with_training, pin_clock):
        pin_clock(BEFORE_CONVERSION_END)
        response = api_as("project_manager").post(
            "/agreements/EA-OWN-1/conversions", {"training_days": 2}
        )
        assert response.status_code == 403


class TestOperatorWrites:
    def test_a_program_admin_creates_an_agreement_with_its_accrual(
        self, api_as, customer_org, pin_clock
    ):
        pin_clock(dt.date(2020, 3, 2))
        response = api_as("program_admin").post(
            "/agreements",
            {
                "customer": customer_org.public_id,
                "licensing_id": "EA-NEW-1",
                "agreement_type": "enterprise",
                "start_date": "2019-07-01",
                "end_date": "2022-06-30",
                "coverage": {"servers": 600},
            },
        )
        assert response.status_code == 201
        assert response.json()["balances"]["available"] == 5

    def test_creating_for_an_unknown_customer_or_with_bad_fields_is_a_400(
        self, api_as, customer_org
    ):
        api = api_as("program_admin")
        body = {
            "customer": "C-NOPE",
            "licensing_id": "EA-NEW-2",
            "agreement_type": "enterprise",
            "start_date": "2019-07-01",
            "end_date": "2022-06-30",
            "coverage": {"servers": 600},
        }
        assert api.post("/agreements", body).status_code == 400
        bad = body | {"customer": customer_org.public_id, "agreement_type": "retail"}
        response = api.post("/agreements", bad)
        assert response.status_code == 400 and code(response) == "invalid_agreement"

    def test_a_customer_may_not_create_agreements(self, api_as, customer_org):
        response = api_as("benefits_admin").post(
            "/agreements",
            {
                "customer": customer_org.public_id,
                "licensing_id": "EA-NEW-3",
                "agreement_type": "enterprise",
                "start_date": "2019-07-01",
                "end_date": "2022-06-30",
                "coverage": {"servers": 600},
            },
        )
        assert response.status_code == 403

    def test_grants_and_corrections_by_a_program_admin(self, api_as, own):
        api = api_as("program_admin")
        granted = api.post("/agreements/EA-OWN-1/grants", {"days": 3, "reason": "goodwill"})
        assert granted.status_code == 201 and granted.json()["cause"] == "manual_grant"
        training = api.post(
            "/agreements/EA-OWN-1/grants", {"days": 4, "reason": "vouchers", "account": "training"}
        )
        assert training.json()["destination"] == "training"
        entry_id = granted.json()["id"]
        corrected = api.post(
            f"/agreements/EA-OWN-1/ledger/{entry_id}/corrections", {"reason": "typo"}
        )
        assert corrected.status_code == 201 and corrected.json()["reverses"] == entry_id
        again = api.post(f"/agreements/EA-OWN-1/ledger/{entry_id}/corrections", {"reason": "typo"})
        assert again.status_code == 409 and code(again) == "already_reversed"

    def test_a_correction_of_another_agreements_entry_is_a_404(self, api_as, own, foreign):
        entry = factory.grant(foreign, 2)
        response = api_as("program_admin").post(
            f"/agreements/EA-OWN-1/ledger/{entry.pk}/corrections", {"reason": "typo"}
        )
        assert response.status_code == 404
        assert not LedgerEntry.objects.filter(cause="correction").exists()

    @pytest.mark.parametrize("role", ["support", "auditor", "benefits_admin"])
    def test_other_roles_may_not_grant(self, api_as, own, role):
        response = api_as(role).post("/agreements/EA-OWN-1/grants", {"days": 3, "reason": "x"})
        assert response.status_code == 403


class TestMalformedInput:
    """Bad input is refused with a clear 4xx and changes nothing (never a 500, on PostgreSQL too)."""

    def test_a_licensing_id_with_a_nul_or_odd_characters_is_not_found(self, api_as, own):
        api = api_as("support")
        for licensing_id in ("EA%00OWN", "ä" * 3, "x" * 300):
            assert api.get(f"/agreements/{licensing_id}").status_code == 404

    def test_a_customer_filter_with_a_nul_is_a_400(self, api_as, own):
        response = api_as("support").get("/agreements", customer="C-\x00")
        assert response.status_code == 400 and code(response) == "invalid_input"

    def test_a_reason_with_a_nul_is_a_400_and_grants_nothing(self, api_as, own):
        response = api_as("program_admin").post(
            "/agreements/EA-OWN-1/grants", {"days": 2, "reason": "bad\x00reason"}
        )
        assert response.status_code == 400
        assert not LedgerEntry.objects.filter(cause="manual_grant", days=2).exists()

    def test_an_entry_id_out_of_range_is_not_found(self, api_as, own):
        response = api_as("program_admin").post(
            f"/agreements/EA-OWN-1/ledger/{2**63}/corrections", {"reason": "typo"}
        )
        assert response.status_code in (400, 404)

    def test_agreement_dates_far_away_are_refused(self, api_as, customer_org):
        response = api_as("program_admin").post(
            "/agreements",
            {
                "customer": customer_org.public_id,
                "licensing_id": "EA-FAR-1",
                "agreement_type": "enterprise",
                "start_date": "0001-01-01",
                "end_date": "9999-12-31",
                "coverage": {"servers": 600},
            },
        )
        assert (
            response.status_code == 400
            and "must lie between" in response.json()["error"]["message"]
        )
