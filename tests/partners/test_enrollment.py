"""Enrollment (seed step 2): R-ENR-1 roles, eligibility, agreement, one-year terms, renewal, and
the cloud retirement; every change audited and emailed, nothing changed on a refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.jobs.reminders import enrollment_renewal_reminders
from planserv.notifications.models import OutboxMessage
from planserv.partners.errors import (
    AgreementNotAccepted,
    AgreementVersionNotCurrent,
    AlreadyEnrolled,
    CloudOfferingRetired,
    EnrollmentLapsed,
    NotEligible,
    PartnerNotFound,
    RenewalNotOpen,
)
from planserv.partners.models import Enrollment, EnrollmentRenewal
from planserv.partners.services import (
    enrollment_create,
    enrollment_renew,
)
from planserv.program.models import AgreementVersion, Offering
from tests.factories import partners as factory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 1, 6)
AGREEMENT = factory.AGREEMENT


def _actor(persona, role, organisation=None):
    return actor_for_membership(persona(role, organisation).membership)


def _enroll(actor, organisation, code="DDPS", *, day=DAY, version=AGREEMENT, accepted=True):
    return enrollment_create(
        organisation=organisation,
        offering=Offering.objects.get(code=code),
        agreement_version=version,
        accepted=accepted,
        actor=actor,
        today=day,
        at=factory.at(day),
    )


def _renew(actor, enrollment, *, day, version=AGREEMENT, accepted=True):
    return enrollment_renew(
        enrollment=enrollment,
        agreement_version=version,
        accepted=accepted,
        actor=actor,
        today=day,
        at=factory.at(day),
    )


class TestEnrollmentCreate:
    def test_global_admin_enrolls_for_one_year_accepting_the_agreement_r_enr_1(
        self, persona, partner_org
    ):
        factory.competency(partner_org, "windows-and-devices")
        admin = persona("global_admin")

        enrollment = _enroll(actor_for_membership(admin.membership), partner_org)

        assert enrollment.enrolled_on == DAY
        assert enrollment.last_day == DAY + dt.timedelta(days=364)
        assert enrollment.accepted_by == admin.user
        assert enrollment.agreement_version.version == AGREEMENT
        event = AuditEvent.objects.get(action="partners.enrollment.created")
        assert event.actor_label == admin.email
        assert event.organisation_id == partner_org.pk
        assert event.after["offering"] == "DDPS"
        assert event.after["agreement_version"] == AGREEMENT
        message = OutboxMessage.objects.get(template="enrollment_confirmed")
        assert message.to_email == admin.email
        assert message.subject == (
            f"{partner_org.name} is enrolled in DDPS through Monday 4 January 2021"
        )
        assert "version 2019.1" in message.body_text

    @pytest.mark.parametrize("role", ["partner_admin", "profile_admin", "member"])
    def test_other_partner_roles_may_not_enroll_r_enr_1(self, persona, partner_org, role):
        factory.competency(partner_org, "windows-and-devices")

        with pytest.raises(Forbidden):
            _enroll(_actor(persona, role), partner_org)

        assert not Enrollment.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="partners.enrollment").exists()

    def test_operators_may_not_enroll_a_firm_r_enr_1(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        operator = _actor(persona, "program_admin")

        with nothing_changes(), pytest.raises(Forbidden):
            _enroll(operator, partner_org)

    def test_a_global_admin_of_another_firm_gets_not_found_r_role_1(self, persona, partner_org):
        other = factory.firm()
        factory.competency(partner_org, "windows-and-devices")

        with pytest.raises(PartnerNotFound):
            _enroll(_actor(persona, "global_admin", other), partner_org)

        assert not Enrollment.objects.exists()

    def test_refused_without_the_offerings_competency_not_eligible_r_enr_1(
        self, persona, partner_org
    ):
        factory.competency(partner_org, "messaging")

        with pytest.raises(NotEligible) as refusal:
            _enroll(_actor(persona, "global_admin"), partner_org)

        assert refusal.value.code == "not_eligible"
        assert refusal.value.http_status == 422
        assert "R-ENR-1" in refusal.value.message and "2020-01-06" in refusal.value.message
        assert not Enrollment.objects.exists()
        assert not OutboxMessage.objects.filter(template="enrollment_confirmed").exists()

    def test_refused_when_the_competency_expired_before_the_day(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices", expires_on=dt.date(2020, 1, 5))

        with pytest.raises(NotEligible):
            _enroll(_actor(persona, "global_admin"), partner_org)

    def test_cloud_offering_refused_from_the_cloud_retirement_r_enr_1(self, persona, partner_org):
        factory.competency(partner_org, "cloud-platform")

        with pytest.raises(CloudOfferingRetired) as refusal:
            _enroll(_actor(persona, "global_admin"), partner_org, "AZDPS", day=dt.date(2020, 2, 1))

        assert refusal.value.code == "cloud_offering_retired"
        assert "2020-02-01" in refusal.value.message
        assert not Enrollment.objects.exists()

    def test_cloud_offering_allowed_on_the_day_before_the_retirement_r_enr_1(
        self, persona, partner_org
    ):
        factory.competency(partner_org, "cloud-platform")

        enrollment = _enroll(
            _actor(persona, "global_admin"), partner_org, "AZDPS", day=dt.date(2020, 1, 31)
        )

        assert enrollment.offering.code == "AZDPS"

    def test_refused_unless_the_agreement_is_accepted_r_enr_1(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices")

        with pytest.raises(AgreementNotAccepted):
            _enroll(_actor(persona, "global_admin"), partner_org, accepted=False)

        assert not Enrollment.objects.exists()

    def test_refused_when_accepting_an_old_agreement_version_r_enr_1(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        AgreementVersion.objects.create(
            version="2020.1", title="Agreement", text="New terms.", effective_from=DAY
        )

        with pytest.raises(AgreementVersionNotCurrent) as refusal:
            _enroll(_actor(persona, "global_admin"), partner_org, version=AGREEMENT)

        assert refusal.value.details["current_version"] == "2020.1"
        enrollment = _enroll(_actor(persona, "global_admin"), partner_org, version="2020.1")
        assert enrollment.agreement_version.version == "2020.1"

    def test_refused_while_already_enrolled_r_enr_1(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        actor = _actor(persona, "global_admin")
        _enroll(actor, partner_org)

        with pytest.raises(AlreadyEnrolled):
            _enroll(actor, partner_org, day=DAY + dt.timedelta(days=364))

        assert Enrollment.objects.count() == 1

    def test_a_lapsed_enrollment_is_followed_by_a_new_one(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        actor = _actor(persona, "global_admin")
        first = _enroll(actor, partner_org)

        second = _enroll(actor, partner_org, day=first.last_day + dt.timedelta(days=10))

        assert second.pk != first.pk
        assert second.enrolled_on == dt.date(2021, 1, 14)


class TestEnrollmentRenew:
    def _enrolled(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        actor = _actor(persona, "global_admin")
        return actor, _enroll(actor, partner_org)

    def test_renewal_extends_by_one_year_from_the_last_day_r_enr_1(self, persona, partner_org):
        actor, enrollment = self._enrolled(persona, partner_org)
        opens = enrollment.last_day - dt.timedelta(days=30)

        renewed = _renew(actor, enrollment, day=opens)

        assert renewed.last_day == dt.date(2022, 1, 4)
        renewal = EnrollmentRenewal.objects.get()
        assert renewal.previous_last_day == dt.date(2021, 1, 4)
        assert renewal.renewed_on == opens
        event = AuditEvent.objects.get(action="partners.enrollment.renewed")
        assert event.before == {"last_day": "2021-01-04"}
        renewed = OutboxMessage.objects.filter(template="enrollment_confirmed").order_by("pk")
        assert renewed.count() == 2
        assert renewed.last().subject.startswith("Renewed: ")

    def test_renewal_is_refused_before_its_window_opens_r_enr_1(self, persona, partner_org):
        actor, enrollment = self._enrolled(persona, partner_org)

        with pytest.raises(RenewalNotOpen):
            _renew(actor, enrollment, day=enrollment.last_day - dt.timedelta(days=31))

        enrollment.refresh_from_db()
        assert enrollment.last_day == dt.date(2021, 1, 4)

    def test_renewal_is_allowed_on_the_last_day_and_refused_after_r_enr_1(
        self, persona, partner_org
    ):
        actor, enrollment = self._enrolled(persona, partner_org)

        with pytest.raises(EnrollmentLapsed):
            _renew(actor, enrollment, day=enrollment.last_day + dt.timedelta(days=1))
        assert _renew(actor, enrollment, day=enrollment.last_day).last_day == dt.date(2022, 1, 4)

    def test_renewal_rechecks_eligibility_r_enr_1(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices", expires_on=dt.date(2020, 12, 1))
        actor = _actor(persona, "global_admin")
        enrollment = _enroll(actor, partner_org)

        with pytest.raises(NotEligible):
            _renew(actor, enrollment, day=dt.date(2020, 12, 10))

        assert not EnrollmentRenewal.objects.exists()

    def test_a_cloud_enrollment_cannot_be_renewed_after_the_retirement_r_enr_1(
        self, persona, partner_org
    ):
        factory.competency(partner_org, "cloud-platform")
        actor = _actor(persona, "global_admin")
        enrollment = _enroll(actor, partner_org, "AZDPS", day=dt.date(2019, 7, 15))

        with pytest.raises(CloudOfferingRetired):
            _renew(actor, enrollment, day=enrollment.last_day)

    def test_only_a_global_admin_renews_r_enr_1(self, persona, partner_org):
        _, enrollment = self._enrolled(persona, partner_org)

        with pytest.raises(Forbidden):
            _renew(_actor(persona, "partner_admin"), enrollment, day=enrollment.last_day)


class TestRenewalReminders:
    def test_global_admins_are_reminded_once_30_days_before_the_last_day_r_enr_1(
        self, persona, partner_org
    ):
        factory.competency(partner_org, "windows-and-devices")
        admin = persona("global_admin")
        persona("partner_admin")
        enrollment = _enroll(actor_for_membership(admin.membership), partner_org)
        opens = enrollment.last_day - dt.timedelta(days=30)
        job = Actor.system(label="job:enrollment_renewal_reminders")

        before = enrollment_renewal_reminders(opens - dt.timedelta(days=1), job)
        first = enrollment_renewal_reminders(opens, job)
        again = enrollment_renewal_reminders(opens, job)

        assert before == {"enrollments": 0, "messages": 0}
        assert first == {"enrollments": 1, "messages": 1}
        assert again == {"enrollments": 1, "messages": 0}
        message = OutboxMessage.objects.get(template="enrollment_renewal_due")
        assert message.to_email == admin.email
        assert "Monday 4 January 2021" in message.subject

    def test_a_renewed_enrollment_is_not_reminded_for_its_old_last_day(self, persona, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        actor = _actor(persona, "global_admin")
        enrollment = _enroll(actor, partner_org)
        _renew(actor, enrollment, day=enrollment.last_day - dt.timedelta(days=30))

        counts = enrollment_renewal_reminders(dt.date(2020, 12, 5), Actor.system(label="job"))

        assert counts == {"enrollments": 0, "messages": 0}
