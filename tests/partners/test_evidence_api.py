"""The API twins of R-EVD-1 (api.md "Added after the first release"): the firm adds consultants,
claims exams and competencies with evidence; the operator verifies or rejects from the queue."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from planserv.partners.models import ClaimStatus, CompetencyHeld, ConsultantExam, EvidenceClaim
from planserv_dev.demo.partners import demo_certificate
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 6, 15)
PDF = base64.b64encode(demo_certificate("Silver Windows and Devices")).decode()
COMPETENCY = {
    "competency": "windows-and-devices",
    "level": "silver",
    "earned_on": "2021-05-03",
    "expires_on": "2022-05-02",
    "evidence_filename": "certificate.pdf",
    "evidence_base64": PDF,
}


@pytest.fixture(autouse=True)
def _today(pin_clock):
    pin_clock(TODAY)


def test_a_firm_claims_and_the_operator_verifies_both_kinds(api_as, partner_org):
    firm = api_as("global_admin")
    operator = api_as("program_admin")

    competency = firm.post("/partner/competency-claims", COMPETENCY)
    assert competency.status_code == 201, competency.content
    assert competency.json()["status"] == "pending"
    assert competency.json()["evidence_file"] == "certificate.pdf"
    consultant = firm.post(
        "/partner/consultants", {"name": "Chloé Martin", "email": "chloe@firm.example"}
    )
    assert consultant.status_code == 201, consultant.content
    consultant_id = consultant.json()["id"]
    exam = firm.post(
        f"/partner/consultants/{consultant_id}/exams",
        {"exam": "MD-100", "passed_on": "2021-04-12", "reference": "TRANSCRIPT-1"},
    )
    assert exam.status_code == 201, exam.content

    queue = operator.get("/operator/claims")
    assert [row["id"] for row in queue.json()["items"]] == [
        competency.json()["id"],
        exam.json()["id"],
    ]
    for claim_id in (competency.json()["id"], exam.json()["id"]):
        verified = operator.post(f"/operator/claims/{claim_id}/verify", {})
        assert verified.status_code == 200, verified.content
        assert verified.json()["status"] == "verified"

    assert CompetencyHeld.objects.filter(organisation=partner_org).count() == 1
    assert ConsultantExam.objects.filter(consultant_id=consultant_id).count() == 1
    assert operator.get("/operator/claims").json()["items"] == []
    listed = firm.get(f"/partner/consultants/{consultant_id}/exams").json()
    assert [row["status"] for row in listed] == ["verified"]
    eligibility = firm.get("/partner/eligibility").json()
    assert eligibility["status"] == "in_progress"  # may enroll now; not yet enrolled


def test_the_operator_rejects_with_a_reason_and_a_second_decision_is_409(api_as, partner_org):
    claim_id = api_as("partner_admin").post("/partner/competency-claims", COMPETENCY).json()["id"]
    operator = api_as("program_admin")

    missing = operator.post(f"/operator/claims/{claim_id}/reject", {"reason": "  "})
    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == "reason_missing"
    rejected = operator.post(f"/operator/claims/{claim_id}/reject", {"reason": "Unreadable scan."})
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["decision_reason"] == "Unreadable scan."
    again = operator.post(f"/operator/claims/{claim_id}/verify", {})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "claim_already_decided"
    assert not CompetencyHeld.objects.exists()


def test_a_claim_without_evidence_is_400_and_writes_nothing(api_as, partner_org):
    body = {key: value for key, value in COMPETENCY.items() if not key.startswith("evidence")}
    response = api_as("global_admin").post("/partner/competency-claims", body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "evidence_missing"
    assert response.json()["error"]["rule"] == "R-EVD-1"
    assert not EvidenceClaim.objects.exists()


def test_bad_base64_and_unknown_codes_are_refused(api_as, partner_org):
    firm = api_as("global_admin")
    bad = firm.post("/partner/competency-claims", {**COMPETENCY, "evidence_base64": "%%%"})
    assert bad.status_code == 400
    unknown = firm.post("/partner/competency-claims", {**COMPETENCY, "competency": "nope"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "competency_not_found"


def test_another_firms_consultant_is_not_found(api_as, partner_org):
    other = factory.firm(name="Elsewhere")
    consultant = factory.consultant(other)
    response = api_as("global_admin").post(
        f"/partner/consultants/{consultant.pk}/exams",
        {"exam": "MD-100", "passed_on": "2021-04-12", "reference": "T"},
    )
    assert response.status_code == 404
    assert not EvidenceClaim.objects.exists()


@pytest.mark.parametrize("role", ["profile_admin", "member"])
def test_partner_roles_without_the_right_may_not_claim(api_as, partner_org, role):
    response = api_as(role).post("/partner/competency-claims", COMPETENCY)
    assert response.status_code == 403
    assert not EvidenceClaim.objects.exists()


@pytest.mark.parametrize("role", ["payment_reviewer", "support", "auditor"])
def test_only_a_program_admin_decides(api_as, partner_org, role):
    claim_id = api_as("global_admin").post("/partner/competency-claims", COMPETENCY).json()["id"]
    response = api_as(role).post(f"/operator/claims/{claim_id}/verify", {})
    assert response.status_code == 403
    assert EvidenceClaim.objects.get().status == ClaimStatus.PENDING
    assert api_as(role).get("/operator/claims").status_code == 200
