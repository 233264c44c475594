"""REL-11: no export carries a live spreadsheet formula. Every export writes through
core/csv_export.py; cells led by `=`, `+`, `-`, `@`, a tab or a carriage return come out with an
apostrophe in front, through each export (report pages and API, voucher lists, the audit log in the
portal and the API, remittance files in the portal and the API, the agreement import's error file).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from planserv.accounts.models import Organisation
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.csv_export import csv_text, safe_cell
from planserv.customers.services import agreement_import_check
from planserv.payments.models import PaymentRegistration
from planserv.payments.services import payment_run_build
from tests.factories import customers as customer_factory
from tests.factories import payments as payment_factory
from tests.factories import vouchers as factory
from tests.reports.world import TODAY, build_report_world

pytestmark = pytest.mark.django_db
LEADS = ("=", "+", "-", "@", "\t", "\r")
POISONS = [f"{lead}SUM(1,2)*cmd|' /C calc'!A0" for lead in LEADS]


def body(response: Any) -> str:
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming, "every CSV export streams (PERF-8)"
    return b"".join(response.streaming_content).decode()


def cells(text: str) -> list[str]:
    return [value for row in csv.reader(io.StringIO(text, newline="")) for value in row]


def assert_neutralised(text: str, poison: str) -> None:
    """The poisoned value is in the file, and only behind an apostrophe."""
    found = cells(text)
    assert "'" + poison in found, (poison, found)
    assert poison not in found


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


class TestTheWriter:
    @pytest.mark.parametrize("poison", POISONS)
    def test_a_formula_led_cell_gets_an_apostrophe_rel_11(self, poison: str) -> None:
        assert safe_cell(poison) == "'" + poison
        assert_neutralised(csv_text(["a"], [[poison]]), poison)

    @pytest.mark.parametrize("number", ["-5", "-12.50", "+3", "0.5"])
    def test_a_plain_number_stays_a_number(self, number: str) -> None:
        assert safe_cell(number) == number
        assert safe_cell(-5) == -5 and safe_cell(None) == ""

    @pytest.mark.parametrize("text", ["-Infinity", "+NaN", "- 5", "-5\t"])
    def test_what_only_looks_like_a_number_is_neutralised(self, text: str) -> None:
        assert safe_cell(text) == "'" + text


def _rename(organisation: Organisation, name: str) -> None:
    Organisation.objects.filter(pk=organisation.pk).update(name=name)


class TestEveryExport:
    def test_voucher_lists_of_both_sides_rel_11(self, pin_clock: Any) -> None:
        pin_clock(dt.date(2021, 6, 15))
        pool = factory.customer_pool(days=40)
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool, today=dt.date(2021, 6, 1))
        factory.reserved(voucher, firm, today=dt.date(2021, 6, 2))
        customer, partner = login(pool.admin.user), login(firm.admin.user)
        for poison in POISONS:
            _rename(pool.customer, poison)
            _rename(firm.organisation, poison)
            assert_neutralised(body(customer.get("/customer/vouchers/?format=csv")), poison)
            assert_neutralised(body(partner.get("/partner/vouchers/?format=csv")), poison)

    def test_report_tables_in_the_portal_and_the_api_rel_11(
        self, pin_clock: Any, persona: Any, api_as: Any
    ) -> None:
        world = build_report_world()
        pin_clock(TODAY)
        portal = login(persona("auditor").user)
        api = api_as("auditor")
        query = "milestone=removal&format=csv&table=organisations"
        for poison in POISONS:
            _rename(world.customer_a, poison)
            page = portal.get(f"/operator/reports/retirement-impact/?{query}")
            assert_neutralised(body(page), poison)
            answer = api.get("/reports/retirement-impact", **dict(_pairs(query)))
            assert_neutralised(body(answer), poison)

    def test_the_audit_log_in_the_portal_and_the_api_rel_11(
        self, persona: Any, api_as: Any
    ) -> None:
        at = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)
        for poison in POISONS:
            with transaction.atomic():
                audit_record(
                    actor=Actor.system(label="rel-11"),
                    action="program.thing.changed",
                    subject=("program.thing", "1"),
                    at=at,
                    program_date=at.date(),
                    reason=poison,
                )
        portal = body(login(persona("auditor").user).get("/operator/audit/export.csv"))
        api = body(api_as("auditor").get("/operator/audit-events.csv"))
        for poison in POISONS:
            assert_neutralised(portal, poison)
            assert_neutralised(api, poison)

    def test_remittance_files_in_the_portal_and_the_api_rel_11(
        self, persona: Any, api_as: Any
    ) -> None:
        payment_factory.approved(payment_factory.filed(payment_factory.redeemed_case(country="DE")))
        day = dt.date(2021, 4, 20)
        run = payment_run_build(
            month=dt.date(2021, 4, 1),
            currency="EUR",
            actor=payment_factory.reviewer(),
            today=day,
            at=factory.at(day),
        )
        portal = login(persona("payment_reviewer").user)
        api = api_as("payment_reviewer")
        for poison in POISONS:
            PaymentRegistration.objects.update(legal_name=poison)
            url = f"/operator/payments/runs/{run.public_id}/files/csv/"
            assert_neutralised(body(portal.get(url)), poison)
            answer = api.get(f"/payment-runs/{run.public_id}/remittance", format="csv")
            assert_neutralised(body(answer), poison)

    def test_the_agreement_imports_error_file_rel_11(self, persona: Any) -> None:
        header = "customer,licensing_id,agreement_type,start_date,end_date,applications,systems,servers,dynamics\n"
        content = header + "".join(
            f'"{poison}",EA-{100 + n},enterprise,2019-01-01,2021-12-31,10,,,\n'
            for n, poison in enumerate(POISONS)
        )
        today = dt.date(2019, 9, 2)
        record = agreement_import_check(
            file_name="agreements.csv",
            data=content.encode(),
            actor=customer_factory.OPERATOR,
            today=today,
            at=customer_factory.at(today),
        )
        client = login(persona("program_admin").user)
        text = body(client.get(f"/operator/agreements/import/{record.pk}/errors.csv"))
        for poison in POISONS:
            if poison[0] in "\t\r":
                continue  # the upload's reader strips each cell: the lead never arrives
            assert_neutralised(text, poison)
        assert not [cell for cell in cells(text) if cell[:1] in LEADS]


def _pairs(query: str) -> list[tuple[str, str]]:
    return [tuple(pair.split("=", 1)) for pair in query.split("&")]  # type: ignore[misc]
