"""Operator CSV import: dry run with per-row results; all-or-nothing apply through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.partners.errors import InvalidImport
from planserv.partners.models import CompetencyHeld, Consultant, ConsultantExam, Location
from planserv.partners.services import partners_import
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db
DAY = dt.date(2020, 1, 6)


@pytest.fixture
def operator(persona):
    return actor_for_membership(persona("program_admin").membership)


def _run(actor, kind, text, *, dry_run):
    return partners_import(
        kind=kind,
        content=text.encode(),
        dry_run=dry_run,
        actor=actor,
        today=DAY,
        at=factory.at(DAY),
    )


def _competencies(partner_id):
    return (
        "partner_id,competency,level,earned_on,expires_on\n"
        f"{partner_id},windows-and-devices,gold,2019-07-01,2022-06-30\n"
        f"{partner_id},Messaging,silver,2019-07-01,2022-06-30\n"
    )


class TestImport:
    def test_a_dry_run_reports_each_row_and_changes_nothing(self, operator, partner_org):
        report = _run(operator, "competencies", _competencies(partner_org.public_id), dry_run=True)

        assert [(row.line, row.status) for row in report.rows] == [(2, "created"), (3, "created")]
        assert not report.applied
        assert not CompetencyHeld.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="partners.").exists()

    def test_apply_records_every_row_through_the_services(self, operator, partner_org):
        report = _run(operator, "competencies", _competencies(partner_org.public_id), dry_run=False)

        assert report.applied and report.counts == {"created": 2}
        assert CompetencyHeld.objects.filter(organisation=partner_org).count() == 2
        assert AuditEvent.objects.filter(action="partners.competency_held.recorded").count() == 2
        assert AuditEvent.objects.filter(action="partners.import.applied").count() == 1

    def test_reimporting_the_same_file_changes_nothing(self, operator, partner_org):
        _run(operator, "competencies", _competencies(partner_org.public_id), dry_run=False)

        report = _run(operator, "competencies", _competencies(partner_org.public_id), dry_run=False)

        assert report.counts == {"unchanged": 2}
        assert CompetencyHeld.objects.count() == 2

    def test_one_bad_row_keeps_the_whole_file_out(self, operator, partner_org):
        text = (
            "partner_id,location_id,country,name\n"
            f"{partner_org.public_id},DE-9000001,DE,München\n"
            "P-UNKNOWN,DE-9000002,DE,Berlin\n"
            f"{partner_org.public_id},DE-9000003,ZZ,Hamburg\n"
        )

        report = _run(operator, "locations", text, dry_run=False)

        assert not report.applied
        assert [row.status for row in report.rows] == ["created", "error", "error"]
        assert "P-UNKNOWN" in report.rows[1].message
        assert "ZZ" in report.rows[2].message
        assert not Location.objects.exists()

    def test_consultants_then_exams(self, operator, partner_org):
        people = f"partner_id,name,email\n{partner_org.public_id},Anna Berger,Anna@Example.test\n"
        exams = (
            "partner_id,consultant_email,exam,passed_on\n"
            f"{partner_org.public_id},anna@example.test,md-100,2019-06-01\n"
            f"{partner_org.public_id},anna@example.test,XX-999,2019-06-01\n"
            f"{partner_org.public_id},nobody@example.test,MD-100,2019-06-01\n"
            f"{partner_org.public_id},anna@example.test,MD-101,01/06/2019\n"
        )

        assert _run(operator, "consultants", people, dry_run=False).applied
        report = _run(operator, "exams", exams, dry_run=True)

        assert [row.status for row in report.rows] == ["created", "error", "error", "error"]
        assert "XX-999" in report.rows[1].message
        assert "nobody@example.test" in report.rows[2].message
        assert "YYYY-MM-DD" in report.rows[3].message
        assert Consultant.objects.get().email == "anna@example.test"
        assert not ConsultantExam.objects.exists()

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"partner_id,competency\nP-1,x\n", "missing: level, earned_on, expires_on"),
            (b"partner_id,competency,level,earned_on,expires_on\n", "no data rows"),
            (b"\xff\xfe\x00bad", "UTF-8"),
        ],
    )
    def test_a_malformed_file_is_refused_as_a_whole(self, operator, content, message):
        with pytest.raises(InvalidImport) as refusal:
            partners_import(
                kind="competencies",
                content=content,
                dry_run=True,
                actor=operator,
                today=DAY,
                at=factory.at(DAY),
            )
        assert message in refusal.value.message

    def test_only_the_program_admin_imports(self, persona, partner_org):
        actor = actor_for_membership(persona("support").membership)
        with pytest.raises(Forbidden):
            _run(actor, "competencies", _competencies(partner_org.public_id), dry_run=True)


def test_a_nul_byte_in_the_csv_is_refused_cleanly(persona, partner_org):
    operator = actor_for_membership(persona("program_admin").membership)
    content = f"partner_id,name,email\n{partner_org.public_id},A\x00B,a@example.test\n".encode()
    with pytest.raises(InvalidImport) as refusal:
        partners_import(
            kind="consultants",
            content=content,
            dry_run=True,
            actor=operator,
            today=DAY,
            at=factory.at(DAY),
        )
    assert "readable CSV" in refusal.value.message
