"""The operators' CSV import: dry run with per-row results and an error file; re-import of the
same file changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.customers.errors import ImportAlreadyCommitted, ImportFileInvalid
from planserv.customers.models import LedgerEntry, LicensingAgreement
from planserv.customers.selectors import agreement_import_error_csv
from planserv.customers.services import agreement_import_check, agreement_import_commit
from tests.factories import accounts as account_factory
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2019, 9, 2)
HEADER = "customer,licensing_id,agreement_type,start_date,end_date,applications,systems,servers,dynamics\n"


@pytest.fixture
def customer():
    organisation = account_factory.organisation("customer")
    return organisation


def check(content, name="agreements.csv"):
    return agreement_import_check(
        file_name=name,
        data=content.encode(),
        actor=factory.OPERATOR,
        today=TODAY,
        at=factory.at(TODAY),
    )


def commit(record):
    return agreement_import_commit(
        agreement_import=record, actor=factory.OPERATOR, today=TODAY, at=factory.at(TODAY)
    )


def outcomes(record):
    return [(r["licensing_id"], r["outcome"]) for r in record.results]


class TestImportCheck:
    def test_a_dry_run_reports_every_row_and_creates_nothing(self, customer):
        record = check(
            HEADER
            + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,600,\n"
            + f"{customer.public_id},SEL-200,select,2019-07-01,2022-06-30,,,,250\n"
            + f"{customer.public_id},BAD-300,retail,2019-07-01,2022-06-30,10,,,\n"
            + "C-NOPE,EA-400,enterprise,2019-07-01,2022-06-30,10,,,\n"
            + f"{customer.public_id},EA-500,enterprise,2019-07-01,not-a-date,10,,,\n"
            + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,600,\n"
        )
        assert outcomes(record) == [
            ("EA-100", "create"),
            ("SEL-200", "create"),
            ("BAD-300", "error"),
            ("EA-400", "error"),
            ("EA-500", "error"),
            ("EA-100", "error"),
        ]
        messages = [r["message"] for r in record.results]
        assert "agreement type 'retail'" in messages[2]
        assert "no customer 'C-NOPE'" in messages[3]
        assert "end_date 'not-a-date' is not a date" in messages[4]
        assert "also on line 2" in messages[5]
        assert not LicensingAgreement.objects.exists()
        assert AuditEvent.objects.filter(action="customers.agreement_import.checked").count() == 1

    def test_the_error_file_holds_the_rows_in_error_with_their_reason(self, customer):
        record = check(
            HEADER
            + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,600,\n"
            + f"{customer.public_id},BAD-300,retail,2019-07-01,2022-06-30,10,,,\n"
        )
        lines = "".join(agreement_import_error_csv(agreement_import=record)).splitlines()
        assert lines[0].startswith("line,customer,licensing_id") and lines[0].endswith(",error")
        assert len(lines) == 2 and lines[1].startswith(f"3,{customer.public_id},BAD-300,retail")

    @pytest.mark.parametrize(
        ("content", "fragment"),
        [
            ("licensing_id,start_date\nX,2019-01-01\n", "missing: customer"),
            (HEADER.replace("dynamics", "mainframes"), "unknown: mainframes"),
        ],
    )
    def test_a_file_with_a_wrong_header_is_refused(self, content, fragment):
        with pytest.raises(ImportFileInvalid, match=fragment):
            check(content)

    def test_a_file_that_is_not_utf8_is_refused(self):
        with pytest.raises(ImportFileInvalid, match="UTF-8"):
            agreement_import_check(
                file_name="x.csv",
                data=b"\xff\xfe\x00bad",
                actor=factory.OPERATOR,
                today=TODAY,
                at=factory.at(TODAY),
            )

    def test_only_a_program_admin_imports(self, persona):
        from planserv.accounts.selectors import actor_for_membership

        with pytest.raises(Forbidden):
            agreement_import_check(
                file_name="x.csv",
                data=HEADER.encode(),
                actor=actor_for_membership(persona("auditor").membership),
                today=TODAY,
                at=factory.at(TODAY),
            )


class TestImportCommit:
    def test_commit_creates_the_valid_rows_with_their_accrual(self, customer):
        record = commit(
            check(
                HEADER
                + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,600,\n"
                + f"{customer.public_id},BAD-300,retail,2019-07-01,2022-06-30,10,,,\n"
            )
        )
        assert outcomes(record) == [("EA-100", "created"), ("BAD-300", "error")]
        agreement = LicensingAgreement.objects.get(licensing_id="EA-100")
        assert agreement.customer == customer
        assert (
            LedgerEntry.objects.filter(agreement=agreement, cause="accrual").count() == 1
        )  # 2019-01-01

    def test_reimporting_the_same_file_changes_nothing(self, customer):
        content = (
            HEADER + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,600,\n"
        )
        commit(check(content))
        agreements, entries = LicensingAgreement.objects.count(), LedgerEntry.objects.count()
        again = commit(check(content))
        assert outcomes(again) == [("EA-100", "unchanged")]
        assert (LicensingAgreement.objects.count(), LedgerEntry.objects.count()) == (
            agreements,
            entries,
        )

    def test_a_row_that_would_change_an_existing_agreement_is_an_error(self, customer):
        commit(
            check(
                HEADER + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,,\n"
            )
        )
        record = check(
            HEADER + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,3000,,,\n"
        )
        assert outcomes(record) == [("EA-100", "error")]
        assert "exists with other values (coverage)" in record.results[0]["message"]

    def test_an_import_is_committed_once(self, customer):
        record = commit(
            check(
                HEADER + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,,\n"
            )
        )
        with pytest.raises(ImportAlreadyCommitted):
            commit(record)

    def test_commit_checks_the_rows_again(self, customer):
        record = check(
            HEADER + f"{customer.public_id},EA-100,enterprise,2019-01-01,2021-12-31,2500,,,\n"
        )
        factory.agreement(customer, licensing_id="EA-100", coverage={"servers": 10})
        assert outcomes(commit(record)) == [("EA-100", "error")]


def test_a_file_with_nul_characters_is_refused():
    with pytest.raises(ImportFileInvalid, match="NUL"):
        check(HEADER + "C-1,EA-1\x00,enterprise,2019-01-01,2021-12-31,1,,,\n")
