"""Operator-maintained firm data: competencies, locations, consultants, exams; tenant access."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden, InvalidInput
from planserv.notifications.models import OutboxMessage
from planserv.partners.errors import (
    ConsultantExists,
    ExamAlreadyRecorded,
    InvalidDates,
    LocationIdTaken,
    LocationNotFound,
    NotAPartnerFirm,
)
from planserv.partners.models import CompetencyHeld, Location
from planserv.partners.selectors import access_location_for_partner, locations_for_firm
from planserv.partners.services import (
    competency_record,
    consultant_create,
    consultant_exam_record,
    location_create,
)
from planserv.program.models import Competency, Exam
from tests.factories import partners as factory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
DAY = dt.date(2020, 1, 6)


def _record(actor, organisation, *, level="silver", earned=DAY, expires=dt.date(2022, 1, 5)):
    return competency_record(
        organisation=organisation,
        competency=Competency.objects.get(code="windows-and-devices"),
        level=level,
        earned_on=earned,
        expires_on=expires,
        actor=actor,
        today=DAY,
        at=factory.at(DAY),
    )


class TestCompetencyRecord:
    def test_program_admin_records_a_competency_and_the_firm_is_told(self, persona, partner_org):
        operator = actor_for_membership(persona("program_admin").membership)
        admin = persona("global_admin")

        held = _record(operator, partner_org)

        assert (held.level, held.earned_on, held.expires_on) == (
            "silver",
            DAY,
            dt.date(2022, 1, 5),
        )
        event = AuditEvent.objects.get(action="partners.competency_held.recorded")
        assert event.organisation_id == partner_org.pk and event.before is None
        message = OutboxMessage.objects.get(template="competency_recorded")
        assert message.to_email == admin.email
        assert message.subject == f"Silver Windows and Devices recorded for {partner_org.name}"

    def test_recording_the_same_earned_date_again_corrects_the_row(self, persona, partner_org):
        operator = actor_for_membership(persona("program_admin").membership)
        _record(operator, partner_org)

        _record(operator, partner_org, level="gold", expires=dt.date(2023, 1, 5))

        held = CompetencyHeld.objects.get()
        assert (held.level, held.expires_on) == ("gold", dt.date(2023, 1, 5))
        events = AuditEvent.objects.filter(action="partners.competency_held.recorded")
        assert events.count() == 2
        assert events.order_by("pk").last().before["level"] == "silver"

    @pytest.mark.parametrize("role", ["global_admin", "partner_admin", "benefits_admin", "auditor"])
    def test_only_the_program_admin_records_competencies(self, persona, partner_org, role):
        with pytest.raises(Forbidden):
            _record(actor_for_membership(persona(role).membership), partner_org)
        assert not CompetencyHeld.objects.exists()

    def test_expiry_before_earning_is_refused(self, persona, partner_org):
        operator = actor_for_membership(persona("program_admin").membership)
        with nothing_changes(), pytest.raises(InvalidDates):
            _record(operator, partner_org, earned=DAY, expires=DAY - dt.timedelta(days=1))

    def test_a_customer_organisation_holds_no_competency(self, persona, customer_org):
        operator = actor_for_membership(persona("program_admin").membership)
        with nothing_changes(), pytest.raises(NotAPartnerFirm):
            _record(operator, customer_org)


class TestLocations:
    def test_location_ids_are_unique_across_firms(self, partner_org):
        factory.location(partner_org, location_id="DE-1000001")
        with pytest.raises(LocationIdTaken):
            factory.location(factory.firm(), location_id="DE-1000001")

    @pytest.mark.parametrize(
        ("location_id", "country"), [("../x", "DE"), ("ab", "DE"), ("DE-1", "XX")]
    )
    def test_malformed_location_is_refused(self, partner_org, location_id, country):
        with pytest.raises(InvalidInput):
            location_create(
                organisation=partner_org,
                location_id=location_id,
                country=country,
                name="Office",
                actor=factory.SYSTEM,
                today=DAY,
                at=factory.at(DAY),
            )
        assert not Location.objects.exists()

    def test_a_partner_reaches_only_its_own_locations_r_role_1(self, persona, partner_org):
        own = factory.location(partner_org, location_id="DE-2000001")
        factory.location(factory.firm(), location_id="AT-2000002", country="AT")
        actor = actor_for_membership(persona("partner_admin").membership)

        assert access_location_for_partner(actor=actor, location_id="DE-2000001") == own
        with pytest.raises(LocationNotFound):
            access_location_for_partner(actor=actor, location_id="AT-2000002")
        assert list(locations_for_firm(partner_org)) == [own]

    def test_a_customer_reaches_no_location_r_role_1(self, persona, partner_org):
        factory.location(partner_org, location_id="DE-3000001")
        actor = actor_for_membership(persona("benefits_admin").membership)
        with pytest.raises(LocationNotFound):
            access_location_for_partner(actor=actor, location_id="DE-3000001")


class TestConsultants:
    def test_a_consultant_email_is_unique_within_the_firm(self, partner_org):
        person = factory.consultant(partner_org)
        with pytest.raises(ConsultantExists):
            consultant_create(
                organisation=partner_org,
                name="Again",
                email=person.email.upper(),
                actor=factory.SYSTEM,
                today=DAY,
                at=factory.at(DAY),
            )

    def test_an_exam_is_recorded_once_and_never_in_the_future(self, partner_org):
        person = factory.consultant(partner_org, exams=(("MD-100", DAY),))

        with pytest.raises(ExamAlreadyRecorded):
            consultant_exam_record(
                consultant=person,
                exam=Exam.objects.get(code="MD-100"),
                passed_on=DAY,
                actor=factory.SYSTEM,
                today=DAY,
                at=factory.at(DAY),
            )
        with pytest.raises(InvalidDates):
            consultant_exam_record(
                consultant=person,
                exam=Exam.objects.get(code="MD-101"),
                passed_on=DAY + dt.timedelta(days=1),
                actor=factory.SYSTEM,
                today=DAY,
                at=factory.at(DAY),
            )
        assert AuditEvent.objects.filter(action="partners.consultant_exam.recorded").count() == 1
