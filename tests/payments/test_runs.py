"""R-PAY-6: the 15th-of-month cut-off, runs per month and currency, remittance files, confirm."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ElementTree

import pytest
import xmlschema

from planserv.core.errors import DomainError
from planserv.payments.models import PaymentRequest, PaymentRun, RunStatus
from planserv.payments.remittance import remittance_csv, remittance_pain001
from planserv.payments.services import payment_run_build, payment_run_confirm, run_month_for
from tests.factories import payments as factory
from tests.factories.vouchers import at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("approved_on", "month"),
    [
        (D(2021, 3, 14), D(2021, 3, 1)),
        (D(2021, 3, 15), D(2021, 3, 1)),
        (D(2021, 3, 16), D(2021, 4, 1)),
        (D(2021, 12, 31), D(2022, 1, 1)),
    ],
)
def test_the_15th_is_the_cut_off_r_pay_6(approved_on: dt.date, month: dt.date) -> None:
    assert run_month_for(approved_on) == month


RUN_DAY = D(2021, 4, 20)


def build(month: dt.date, currency: str, today: dt.date = RUN_DAY) -> PaymentRun:
    return payment_run_build(
        month=month, currency=currency, actor=factory.reviewer(), today=today, at=at(today)
    )


class TestRuns:
    def test_a_request_approved_after_the_15th_waits_for_next_months_run_r_pay_6(self) -> None:
        early = factory.approved(
            factory.filed(factory.redeemed_case(country="DE")), today=D(2021, 3, 15)
        )
        late = factory.approved(
            factory.filed(factory.redeemed_case(country="DE")), today=D(2021, 3, 16)
        )
        march = build(D(2021, 3, 1), "EUR")
        assert list(march.requests.values_list("public_id", flat=True)) == [early.public_id]
        april = build(D(2021, 4, 1), "EUR")
        assert list(april.requests.values_list("public_id", flat=True)) == [late.public_id]
        assert (march.public_id, april.public_id) == ("RUN-202103-EUR", "RUN-202104-EUR")

    def test_runs_are_per_currency_and_refuse_when_nothing_is_due_r_pay_6(self) -> None:
        factory.approved(factory.filed(factory.redeemed_case(country="US")), today=D(2021, 3, 2))
        with pytest.raises(DomainError) as error:
            build(D(2021, 3, 1), "EUR")
        assert error.value.code == "nothing_to_pay"
        run = build(D(2021, 3, 1), "USD")
        assert run.requests.count() == 1

    def test_confirm_pays_each_request_once_r_pay_6(self) -> None:
        request = factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        run = build(D(2021, 4, 1), "EUR")
        request.refresh_from_db()
        assert request.status == "in_payment_run" and request.run == run
        reviewer = factory.reviewer()
        day = D(2021, 4, 28)
        payment_run_confirm(public_id=run.public_id, actor=reviewer, today=day, at=at(day))
        request.refresh_from_db()
        run.refresh_from_db()
        assert request.status == "paid" and request.paid_at == at(day)
        assert run.status == RunStatus.CONFIRMED
        with pytest.raises(DomainError) as error:
            payment_run_confirm(public_id=run.public_id, actor=reviewer, today=day, at=at(day))
        assert error.value.code == "run_already_confirmed"
        assert request.history.filter(to_status="paid").count() == 1

    def test_database_refuses_a_paid_request_without_a_run_r_pay_6(self) -> None:
        from django.db import IntegrityError, transaction

        request = factory.approved(factory.filed(factory.redeemed_case()))
        with pytest.raises(IntegrityError), transaction.atomic():
            PaymentRequest.objects.filter(pk=request.pk).update(
                status="paid", paid_at=at(D(2021, 4, 1))
            )
        with pytest.raises(IntegrityError), transaction.atomic():
            PaymentRequest.objects.filter(pk=request.pk).update(status="lost")


class TestRemittance:
    def test_csv_lists_each_request_with_its_account_r_pay_6(self) -> None:
        request = factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        run = build(D(2021, 4, 1), "EUR")
        rows = list(csv.DictReader(io.StringIO(remittance_csv(run))))
        assert [(r["payment_request_id"], r["amount"], r["currency"]) for r in rows] == [
            (request.public_id, "4750.00", "EUR")
        ]
        assert rows[0]["iban"] == "DE89370400440532013000"

    def test_pain001_validates_against_the_schema_sepaxml_ships_r_pay_6(self) -> None:
        import os

        import sepaxml

        factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        factory.paying_account()
        run = build(D(2021, 4, 1), "EUR")
        document = remittance_pain001(run)
        schema_path = os.path.join(
            os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.03.xsd"
        )
        xmlschema.XMLSchema(schema_path).validate(document.decode())  # raises if invalid
        tree = ElementTree.fromstring(document)  # noqa: S314  (our own output)
        namespace = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
        assert tree.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=namespace) == "2"
        assert tree.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=namespace) == "9500.00"

    def test_pain001_is_for_eur_runs_only_r_pay_6(self) -> None:
        factory.approved(factory.filed(factory.redeemed_case(country="US")))
        run = build(D(2021, 4, 1), "USD")
        with pytest.raises(DomainError) as error:
            remittance_pain001(run)
        assert error.value.code == "not_sepa_currency"
