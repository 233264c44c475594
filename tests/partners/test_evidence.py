"""R-EVD-1: the firm claims competencies and exam passes with evidence; the operator verifies or
rejects each with a reason; only verified records count for eligibility and consultant checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.notifications.models import OutboxMessage
from planserv.partners.errors import (
    ClaimAlreadyDecided,
    ClaimPending,
    EvidenceMissing,
    InvalidDates,
    PartnerNotFound,
    ReasonMissing,
    UnsupportedFileType,
)
from planserv.partners.models import ClaimStatus, CompetencyHeld, ConsultantExam, EvidenceClaim
from planserv.partners.selectors import consultant_qualifies, firm_eligibility
from planserv.partners.services import (
    Evidence,
    claim_reject,
    claim_verify,
    competency_claim,
    consultant_create,
    exam_claim,
)
from planserv.partners.services import evidence as evidence_lifecycle
from planserv.program.models import Competency, EngagementType, Exam
from planserv_dev.demo.partners import demo_certificate
from tests.factories import partners as factory
from tests.lifecycles import TransitionTable, every_pair
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
DAY = dt.date(2021, 6, 15)
AT = factory.at(DAY)


def _pdf(name: str = "certificate.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_certificate("Silver Windows and Devices"))


def _actor(persona, role, organisation=None):
    return actor_for_membership(persona(role, organisation).membership)


def _claim_competency(actor, firm, *, evidence=None, level="silver", earned=dt.date(2021, 5, 3)):
    return competency_claim(
        organisation=firm,
        competency=Competency.objects.get(code="windows-and-devices"),
        level=level,
        earned_on=earned,
        expires_on=dt.date(2022, 5, 2),
        evidence=evidence or Evidence(file=_pdf()),
        actor=actor,
        today=DAY,
        at=AT,
    )


def _consultant(actor, firm):
    return consultant_create(
        organisation=firm,
        name="Chloé Martin",
        email="chloe@firm.example",
        actor=actor,
        today=DAY,
        at=AT,
    )


def _claim_exam(actor, consultant, *, evidence=None):
    return exam_claim(
        consultant=consultant,
        exam=Exam.objects.get(code="MD-100"),
        passed_on=dt.date(2021, 4, 12),
        evidence=evidence or Evidence(reference="TRANSCRIPT-1"),
        actor=actor,
        today=DAY,
        at=AT,
    )


class TestClaiming:
    def test_a_global_admin_claims_a_competency_with_a_file_and_it_waits(
        self, persona, partner_org
    ):
        admin = _actor(persona, "global_admin")

        claim = _claim_competency(admin, partner_org)

        assert claim.status == ClaimStatus.PENDING
        assert claim.evidence_label == "certificate.pdf"
        assert claim.evidence_content_type == "application/pdf"
        assert claim.evidence_name.startswith("partners/evidence/")
        assert not CompetencyHeld.objects.exists()
        event = AuditEvent.objects.get(action="partners.evidence_claim.submitted")
        assert event.organisation_id == partner_org.pk
        assert event.after["competency"] == "windows-and-devices"

    def test_a_partner_admin_adds_a_consultant_and_claims_an_exam_by_transcript_id(
        self, persona, partner_org
    ):
        admin = _actor(persona, "partner_admin")
        consultant = _consultant(admin, partner_org)

        claim = _claim_exam(admin, consultant)

        assert (claim.status, claim.reference, claim.evidence_name) == (
            "pending",
            "TRANSCRIPT-1",
            "",
        )
        assert not ConsultantExam.objects.exists()

    def test_a_claim_without_evidence_is_refused_and_changes_nothing(self, persona, partner_org):
        admin = _actor(persona, "global_admin")
        with nothing_changes(), pytest.raises(EvidenceMissing):
            _claim_competency(admin, partner_org, evidence=Evidence(reference="  "))

    def test_a_file_that_is_not_a_pdf_or_image_is_refused(self, persona, partner_org):
        admin = _actor(persona, "global_admin")
        fake = SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00 not a pdf at all")
        with nothing_changes(), pytest.raises(UnsupportedFileType):
            _claim_competency(admin, partner_org, evidence=Evidence(file=fake))

    def test_a_future_earned_date_is_refused(self, persona, partner_org):
        admin = _actor(persona, "global_admin")
        with nothing_changes(), pytest.raises(InvalidDates):
            _claim_competency(admin, partner_org, earned=DAY + dt.timedelta(days=1))

    def test_a_second_claim_of_the_same_competency_waits_for_the_first(self, persona, partner_org):
        admin = _actor(persona, "global_admin")
        _claim_competency(admin, partner_org)
        with nothing_changes(), pytest.raises(ClaimPending):
            _claim_competency(admin, partner_org, level="gold")

    @pytest.mark.parametrize("role", ["profile_admin", "member", "program_admin"])
    def test_other_roles_may_not_claim(self, persona, partner_org, role):
        actor = _actor(persona, role)
        with nothing_changes(), pytest.raises(Forbidden):
            _claim_competency(actor, partner_org)

    def test_a_firm_may_not_claim_for_another_firm(self, persona, partner_org):
        other = factory.firm(name="Other Firm")
        actor = _actor(persona, "global_admin", other)
        with nothing_changes(), pytest.raises(PartnerNotFound):
            _claim_competency(actor, partner_org)


class TestDeciding:
    def test_verifying_a_competency_records_it_and_the_firm_becomes_able_to_enroll(
        self, persona, partner_org
    ):
        admin = persona("global_admin")
        claim = _claim_competency(actor_for_membership(admin.membership), partner_org)
        before = firm_eligibility(organisation=partner_org, on=DAY)
        assert before.status == "not_started"

        verified = claim_verify(
            claim=claim, actor=_actor(persona, "program_admin"), today=DAY, at=AT
        )

        assert verified.status == ClaimStatus.VERIFIED
        held = CompetencyHeld.objects.get(organisation=partner_org)
        assert verified.competency_held == held and held.level == "silver"
        after = firm_eligibility(organisation=partner_org, on=DAY)
        ddps = next(row for row in after.offerings if row.offering.code == "DDPS")
        assert ddps.can_enroll
        message = OutboxMessage.objects.get(template="evidence_claim_decided")
        assert message.to_email == admin.email
        assert message.subject.startswith("Verified: Silver Windows and Devices")
        assert not OutboxMessage.objects.filter(template="competency_recorded").exists()
        assert AuditEvent.objects.filter(action="partners.evidence_claim.verified").count() == 1

    def test_only_a_verified_exam_counts_for_the_consultant_check(self, persona, partner_org):
        admin = _actor(persona, "global_admin")
        consultant = _consultant(admin, partner_org)
        claim = _claim_exam(admin, consultant)
        engagement_type = EngagementType.objects.get(code="windows-office-deployment")
        assert not consultant_qualifies(
            consultant=consultant, engagement_type=engagement_type, on=DAY
        )

        claim_verify(claim=claim, actor=_actor(persona, "program_admin"), today=DAY, at=AT)

        assert consultant_qualifies(consultant=consultant, engagement_type=engagement_type, on=DAY)

    def test_rejecting_needs_a_reason_which_the_firm_reads(self, persona, partner_org):
        admin = persona("partner_admin")
        global_admin = persona("global_admin")
        operator = _actor(persona, "program_admin")
        claim = _claim_competency(actor_for_membership(admin.membership), partner_org)
        with nothing_changes(), pytest.raises(ReasonMissing):
            claim_reject(claim=claim, reason=" ", actor=operator, today=DAY, at=AT)

        rejected = claim_reject(
            claim=claim,
            reason="The certificate names another firm.",
            actor=operator,
            today=DAY,
            at=AT,
        )

        assert rejected.status == ClaimStatus.REJECTED
        assert not CompetencyHeld.objects.exists()
        addresses = set(
            OutboxMessage.objects.filter(template="evidence_claim_decided").values_list(
                "to_email", flat=True
            )
        )
        assert addresses == {admin.email, global_admin.email}
        assert "The certificate names another firm." in OutboxMessage.objects.first().body_text
        event = AuditEvent.objects.get(action="partners.evidence_claim.rejected")
        assert event.reason == "The certificate names another firm."

    def test_a_rejected_claim_may_be_made_again(self, persona, partner_org):
        admin = _actor(persona, "global_admin")
        operator = _actor(persona, "program_admin")
        claim_reject(
            claim=_claim_competency(admin, partner_org),
            reason="Unreadable.",
            actor=operator,
            today=DAY,
            at=AT,
        )
        again = _claim_competency(admin, partner_org)
        assert again.status == ClaimStatus.PENDING
        assert EvidenceClaim.objects.count() == 2

    @pytest.mark.parametrize("role", ["payment_reviewer", "support", "auditor", "global_admin"])
    def test_only_a_program_admin_decides(self, persona, partner_org, role):
        claim = _claim_competency(_actor(persona, "global_admin"), partner_org)
        actor = _actor(persona, role)
        with nothing_changes(), pytest.raises(Forbidden):
            claim_verify(claim=claim, actor=actor, today=DAY, at=AT)
        with nothing_changes(), pytest.raises(Forbidden):
            claim_reject(claim=claim, reason="No.", actor=actor, today=DAY, at=AT)


# The spec's lifecycle of a claim (R-EVD-1), written out by hand.
TABLE = TransitionTable(
    lifecycle=evidence_lifecycle,
    allowed={("pending", "verified"), ("pending", "rejected")},
    refusal=ClaimAlreadyDecided,
    code="claim_already_decided",
    rule="R-EVD-1",
)


@pytest.mark.parametrize(("current", "target"), every_pair(ClaimStatus.values))
def test_every_claim_move_is_allowed_exactly_when_the_spec_lists_it(current, target):
    TABLE.check_pair(current, target)


def test_a_decided_claim_is_not_decided_again(persona, partner_org):
    operator = _actor(persona, "program_admin")
    claim = _claim_competency(_actor(persona, "global_admin"), partner_org)
    claim_verify(claim=claim, actor=operator, today=DAY, at=AT)
    with nothing_changes(), pytest.raises(ClaimAlreadyDecided):
        claim_reject(claim=claim, reason="No.", actor=operator, today=DAY, at=AT)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_racing_decisions_on_one_claim_decide_it_once_and_record_it_once():
    from planserv.partners.services import claim_reject as reject
    from planserv.partners.services import claim_verify as verify
    from tests.factories import accounts as account_factory
    from tests.races import race

    firm = factory.firm(name="Racing Firm")
    admin = actor_for_membership(account_factory.member(firm, "global_admin"))
    operator_org = account_factory.organisation("operator")
    operators = [
        actor_for_membership(account_factory.member(operator_org, "program_admin"))
        for _ in range(4)
    ]
    claim = _claim_competency(admin, firm)

    outcomes = race(
        [
            lambda actor=actor: verify(claim=claim, actor=actor, today=DAY, at=AT)
            for actor in operators[:2]
        ]
        + [
            lambda actor=actor: reject(claim=claim, reason="No.", actor=actor, today=DAY, at=AT)
            for actor in operators[2:]
        ]
    )

    assert outcomes["ok"] == 1 and outcomes["claim_already_decided"] == 3, outcomes
    claim.refresh_from_db()
    assert CompetencyHeld.objects.filter(organisation=firm).count() == (
        1 if claim.status == ClaimStatus.VERIFIED else 0
    )
    decided = AuditEvent.objects.filter(
        action__in=["partners.evidence_claim.verified", "partners.evidence_claim.rejected"]
    )
    assert decided.count() == 1
