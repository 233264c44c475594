"""Portal pages of customer benefits: agreements, detail with chart/table/ledger, activation and
conversion forms (customer); list, create, import, grants, corrections, ledger check (operator)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planserv.customers.models import AgreementImport, LedgerEntry, LicensingAgreement
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import training_grant
from tests.factories import accounts as account_factory
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(persona):
    def make(role, organisation=None):
        client = Client()
        client.force_login(persona(role, organisation).user)
        return client

    return make


@pytest.fixture
def own(customer_org):
    agreement = factory.agreement(customer_org, licensing_id="EA-OWN-1")
    factory.grant(agreement, 9)
    training_grant(
        agreement=agreement,
        training_days=6,
        reason="training vouchers",
        actor=factory.OPERATOR,
        today=dt.date(2019, 9, 2),
        at=factory.at(dt.date(2019, 9, 2)),
    )
    return agreement


@pytest.fixture
def foreign():
    return factory.agreement(account_factory.organisation("customer"), licensing_id="EA-FOREIGN")


def detail_url(licensing_id):
    return reverse("portal:customer_agreement_detail", args=[licensing_id])


class TestCustomerPages:
    def test_the_list_shows_only_the_customers_agreements_with_balances(
        self, login, own, foreign, pin_clock
    ):
        pin_clock(dt.date(2020, 1, 10))
        page = login("project_manager").get(reverse("portal:customer_agreements"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "EA-OWN-1" in html and "EA-FOREIGN" not in html
        assert 'data-testid="days-impact"' in html and "Training conversion ends" in html
        assert "6 training days are still unconverted" in html

    def test_the_detail_has_balances_a_chart_island_a_table_and_the_ledger(
        self, login, own, pin_clock
    ):
        pin_clock(dt.date(2020, 1, 10))
        html = login("benefits_admin").get(detail_url("EA-OWN-1")).content.decode()
        assert '<script id="days-chart-data" type="application/json">' in html
        assert "vendor/chart-4.6.1.umd.min.js" in html and "portal/customers.js" in html
        assert 'data-testid="days-table"' in html
        assert "Manual grant" in html and "Training days granted" in html
        # no inline JavaScript and no inline styles (CSP)
        scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert all('type="application/json"' in attributes for attributes in scripts)
        assert " style=" not in html

    def test_a_foreign_agreement_is_a_404_page_r_role_1(self, login, foreign):
        response = login("benefits_admin").get(detail_url("EA-FOREIGN"))
        assert response.status_code == 404

    def test_partners_and_operators_may_not_open_customer_pages(self, login, own):
        assert login("partner_admin").get(reverse("portal:customer_agreements")).status_code == 403
        assert login("support").get(detail_url("EA-OWN-1")).status_code == 403

    def test_the_list_makes_the_same_number_of_queries_for_1_and_10_agreements_perf_4(
        self, login, customer_org
    ):
        client = login("benefits_admin")
        factory.agreement(customer_org)

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("portal:customer_agreements")).status_code == 200
            return len(queries)

        count()
        one = count()
        for _ in range(9):
            factory.agreement(customer_org)
        assert count() == one


class TestActivationForm:
    def test_a_benefits_admin_activates_from_the_page_r_act_1(self, login, own, pin_clock):
        pin_clock(dt.date(2020, 1, 10))
        client = login("benefits_admin")
        assert 'data-testid="activate"' in client.get(detail_url("EA-OWN-1")).content.decode()
        response = client.post(
            reverse("portal:customer_agreement_activate", args=["EA-OWN-1"]), follow=True
        )
        assert "Planning Services are active on EA-OWN-1" in response.content.decode()
        assert LicensingAgreement.objects.get(pk=own.pk).activated_on == dt.date(2020, 1, 10)

    def test_a_second_activation_shows_the_refusal(self, login, own, pin_clock):
        pin_clock(dt.date(2020, 1, 10))
        client = login("benefits_admin")
        url = reverse("portal:customer_agreement_activate", args=["EA-OWN-1"])
        client.post(url)
        html = client.post(url, follow=True).content.decode()
        assert "were already activated on agreement EA-OWN-1" in html

    def test_a_project_manager_sees_no_form_and_may_not_post(self, login, own):
        client = login("project_manager")
        assert 'data-testid="activate"' not in client.get(detail_url("EA-OWN-1")).content.decode()
        response = client.post(reverse("portal:customer_agreement_activate", args=["EA-OWN-1"]))
        assert response.status_code == 403
        assert not LicensingAgreement.objects.get(pk=own.pk).is_activated

    def test_activating_a_foreign_agreement_is_a_404(self, login, foreign):
        response = login("benefits_admin").post(
            reverse("portal:customer_agreement_activate", args=["EA-FOREIGN"])
        )
        assert response.status_code == 404
        assert not LicensingAgreement.objects.get(pk=foreign.pk).is_activated


class TestConversionForm:
    def test_converts_before_the_conversion_end_r_trn_1(self, login, own, pin_clock):
        pin_clock(dt.date(2020, 1, 31))
        client = login("benefits_admin")
        assert 'data-testid="convert"' in client.get(detail_url("EA-OWN-1")).content.decode()
        response = client.post(
            reverse("portal:customer_agreement_convert", args=["EA-OWN-1"]),
            {"training_days": "4", "key": "abc"},
            follow=True,
        )
        assert "4 training days converted into 4 planning days" in response.content.decode()
        assert agreement_balances(own)["available"] == 13

    def test_a_double_submit_converts_once(self, login, own, pin_clock):
        pin_clock(dt.date(2020, 1, 31))
        client = login("benefits_admin")
        url = reverse("portal:customer_agreement_convert", args=["EA-OWN-1"])
        client.post(url, {"training_days": "2", "key": "same"})
        client.post(url, {"training_days": "2", "key": "same"})
        assert agreement_balances(own)["training"] == 4

    def test_from_the_conversion_end_the_form_is_replaced_by_the_reason_r_trn_1(
        self, login, own, pin_clock
    ):
        pin_clock(dt.date(2020, 2, 1))
        client = login("benefits_admin")
        html = client.get(detail_url("EA-OWN-1")).content.decode()
        assert 'data-testid="convert"' not in html
        assert "Conversion has ended" in html and "31 January 2020" in html
        response = client.post(
            reverse("portal:customer_agreement_convert", args=["EA-OWN-1"]),
            {"training_days": "2", "key": "late"},
            follow=True,
        )
        assert "can no longer be converted" in response.content.decode()
        assert agreement_balances(own)["training"] == 6

    @pytest.mark.parametrize("value", ["", "0", "-2", "abc", "7"])
    def test_bad_numbers_and_too_many_days_are_refused_clearly(self, login, own, pin_clock, value):
        pin_clock(dt.date(2020, 1, 10))
        response = login("benefits_admin").post(
            reverse("portal:customer_agreement_convert", args=["EA-OWN-1"]),
            {"training_days": value, "key": f"k{value}"},
            follow=True,
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "flash-error" in html
        assert agreement_balances(own)["training"] == 6


class TestOperatorPages:
    def test_every_operator_role_sees_the_list_and_the_detail(self, login, own, foreign):
        for role in ("program_admin", "support", "auditor", "payment_reviewer"):
            client = login(role)
            html = client.get(reverse("portal:operator_agreements")).content.decode()
            assert "EA-OWN-1" in html and "EA-FOREIGN" in html
            assert (
                client.get(
                    reverse("portal:operator_agreement_detail", args=["EA-OWN-1"])
                ).status_code
                == 200
            )

    def test_search_finds_by_licensing_id(self, login, own, foreign):
        html = (
            login("support")
            .get(reverse("portal:operator_agreements"), {"q": "foreign"})
            .content.decode()
        )
        assert "EA-FOREIGN" in html and "EA-OWN-1" not in html

    def test_a_program_admin_grants_and_reverses_from_the_page(self, login, own):
        client = login("program_admin")
        client.post(
            reverse("portal:operator_agreement_grant", args=["EA-OWN-1"]),
            {"account": "available", "days": "3", "reason": "goodwill", "key": "g1"},
        )
        entry = LedgerEntry.objects.filter(agreement=own, cause="manual_grant").latest("id")
        assert entry.days == 3
        response = client.post(
            reverse("portal:operator_agreement_correct", args=["EA-OWN-1", entry.pk]),
            {"reason": "wrong agreement"},
            follow=True,
        )
        assert f"Entry {entry.pk} reversed" in response.content.decode()
        assert agreement_balances(own)["available"] == 9

    def test_support_may_not_grant(self, login, own):
        response = login("support").post(
            reverse("portal:operator_agreement_grant", args=["EA-OWN-1"]),
            {"account": "available", "days": "3", "reason": "x", "key": "g2"},
        )
        assert response.status_code == 403
        assert agreement_balances(own)["available"] == 9

    def test_a_program_admin_records_an_agreement(self, login, customer_org, pin_clock):
        pin_clock(dt.date(2020, 3, 2))
        response = login("program_admin").post(
            reverse("portal:operator_agreement_create"),
            {
                "customer": customer_org.public_id,
                "licensing_id": "ea-new-9",
                "agreement_type": "mpsa",
                "start_date": "2019-07-01",
                "end_date": "2022-06-30",
                "pool_servers": "600",
            },
        )
        assert response.status_code == 302
        agreement = LicensingAgreement.objects.get(licensing_id="EA-NEW-9")
        assert agreement_balances(agreement)["available"] == 5

    def test_an_invalid_agreement_form_is_shown_again_with_the_reason(self, login, customer_org):
        response = login("program_admin").post(
            reverse("portal:operator_agreement_create"),
            {
                "customer": customer_org.public_id,
                "licensing_id": "EA-NEW-10",
                "agreement_type": "mpsa",
                "start_date": "2019-07-01",
                "end_date": "2019-06-30",
            },
        )
        assert response.status_code == 400
        assert "is before the start date" in response.content.decode()

    def test_import_dry_run_commit_and_error_file(self, login, customer_org):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client = login("program_admin")
        content = (
            "customer,licensing_id,agreement_type,start_date,end_date,applications,systems,servers,dynamics\n"
            f"{customer_org.public_id},EA-IMP-1,enterprise,2019-01-01,2021-12-31,2500,,,\n"
            f"{customer_org.public_id},EA-IMP-2,retail,2019-01-01,2021-12-31,2500,,,\n"
        )
        response = client.post(
            reverse("portal:operator_agreement_import"),
            {
                "file": SimpleUploadedFile(
                    "agreements.csv", content.encode(), content_type="text/csv"
                )
            },
        )
        record = AgreementImport.objects.get()
        assert response.status_code == 302
        html = client.get(
            reverse("portal:operator_agreement_import_detail", args=[record.pk])
        ).content.decode()
        assert "Import the 1 valid row" in html and "Download the error file" in html
        assert not LicensingAgreement.objects.exists()
        errors = client.get(reverse("portal:operator_agreement_import_errors", args=[record.pk]))
        assert errors["Content-Type"].startswith("text/csv")
        assert "EA-IMP-2" in b"".join(errors.streaming_content).decode()
        client.post(reverse("portal:operator_agreement_import_commit", args=[record.pk]))
        assert list(LicensingAgreement.objects.values_list("licensing_id", flat=True)) == [
            "EA-IMP-1"
        ]

    def test_an_upload_with_a_wrong_header_is_refused_on_the_form(self, login):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = login("program_admin").post(
            reverse("portal:operator_agreement_import"),
            {"file": SimpleUploadedFile("x.csv", b"a,b\n1,2\n", content_type="text/csv")},
        )
        assert (
            response.status_code == 400
            and "The header must name the columns" in response.content.decode()
        )
        assert not AgreementImport.objects.exists()

    def test_the_ledger_check_page_reports_clean(self, login, own):
        html = login("auditor").get(reverse("portal:operator_ledger_check")).content.decode()
        assert 'data-testid="ledger-clean"' in html

    def test_customers_may_not_open_operator_pages(self, login, own):
        assert login("benefits_admin").get(reverse("portal:operator_agreements")).status_code == 403


class TestCustomerHome:
    def test_on_the_removal_day_the_banner_says_how_many_days_went(self, login, own, pin_clock):
        from planserv.customers.services import removal_run

        pin_clock(dt.date(2021, 7, 1))
        removal_run(
            as_of=dt.date(2021, 7, 1), actor=factory.OPERATOR, at=factory.at(dt.date(2021, 7, 1))
        )
        html = login("benefits_admin").get(reverse("portal:customer_agreements")).content.decode()
        assert "Today the remaining available days are removed: 9 days have been removed" in html

    def test_the_home_page_sums_the_days_and_says_what_the_next_milestone_does(
        self, login, own, pin_clock
    ):
        pin_clock(dt.date(2021, 6, 15))
        html = login("benefits_admin").get(reverse("portal:home")).content.decode()
        assert 'data-testid="days-panel"' in html
        assert "9 available days are not in a voucher yet" in html
        assert "on 1 July 2021 the remaining available days are removed" in html
        assert "1 of your 1 agreements is not activated yet" in html
