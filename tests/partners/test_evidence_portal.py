"""Portal pages of R-EVD-1: the firm's Evidence and Consultants pages, the operator's claims queue
and the evidence file download."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planserv.partners.models import ClaimStatus, CompetencyHeld, Consultant, EvidenceClaim
from planserv.program.models import Competency, Exam
from planserv_dev.demo.partners import demo_certificate

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 6, 15)


@pytest.fixture(autouse=True)
def _today(pin_clock):
    pin_clock(TODAY)


@pytest.fixture
def client_as(persona):
    def make(role, organisation=None):
        client = Client()
        client.force_login(persona(role, organisation).user)
        return client

    return make


def _claim_competency(client, **extra):
    data = {
        "competency": Competency.objects.get(code="windows-and-devices").pk,
        "level": "silver",
        "earned_on": "2021-05-03",
        "expires_on": "2022-05-02",
        "reference": "",
        "evidence": SimpleUploadedFile("certificate.pdf", demo_certificate("Silver")),
        **extra,
    }
    return client.post("/partner/evidence/", data)


def test_a_global_admin_claims_a_competency_and_sees_it_waiting(client_as, partner_org):
    client = client_as("global_admin")

    response = _claim_competency(client)

    assert response.status_code == 302
    page = client.get("/partner/evidence/")
    claim = EvidenceClaim.objects.get()
    assert "1 claim waiting for the program operator" in page.content.decode()
    assert "Waiting for verification" in page.content.decode()
    download = client.get(f"/partner/evidence/{claim.pk}/file/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_claim_without_evidence_shows_the_refusal_in_plain_words(client_as, partner_org):
    response = _claim_competency(client_as("partner_admin"), evidence="")

    assert response.status_code == 400
    text = response.content.decode()
    assert "A claim needs evidence" in text
    assert "R-EVD-1" not in text and "evidence_missing" not in text
    assert not EvidenceClaim.objects.exists()


def test_a_member_sees_the_page_but_may_not_claim(client_as, partner_org):
    client = client_as("member")
    assert "Claim a competency" not in client.get("/partner/evidence/").content.decode()
    assert _claim_competency(client).status_code == 403
    assert not EvidenceClaim.objects.exists()


def test_the_firm_adds_a_consultant_and_claims_an_exam(client_as, partner_org):
    client = client_as("global_admin")
    added = client.post(
        "/partner/consultants/",
        {
            "action": "add-consultant",
            "consultant-name": "Chloé Martin",
            "consultant-email": "chloe@firm.example",
        },
    )
    assert added.status_code == 302
    consultant = Consultant.objects.get(organisation=partner_org)
    claimed = client.post(
        "/partner/consultants/",
        {
            "action": "claim-exam",
            "exam-consultant": consultant.pk,
            "exam-exam": Exam.objects.get(code="MD-100").pk,
            "exam-passed_on": "2021-04-12",
            "exam-reference": "TRANSCRIPT-1",
        },
    )
    assert claimed.status_code == 302
    page = client.get("/partner/consultants/").content.decode()
    assert "MD-100" in page and "Waiting for verification" in page


def test_the_operator_verifies_and_rejects_from_the_queue(client_as, persona, partner_org):
    firm = client_as("global_admin")
    _claim_competency(firm)
    _claim_competency(
        firm,
        competency=Competency.objects.get(code="messaging").pk,
        evidence="",
        reference="PN-1",
    )
    first, second = EvidenceClaim.objects.order_by("pk")
    operator = client_as("program_admin")
    queue = operator.get("/operator/claims/").content.decode()
    assert "Contoso Consulting" in queue and f"verify-{first.pk}" in queue
    assert operator.get(f"/operator/claims/{first.pk}/file/").status_code == 200

    operator.post(f"/operator/claims/{first.pk}/decide/", {"action": "verify"})
    refused = operator.post(
        f"/operator/claims/{second.pk}/decide/", {"action": "reject", "reason": ""}
    )
    assert refused.status_code == 302
    assert EvidenceClaim.objects.get(pk=second.pk).status == ClaimStatus.PENDING
    operator.post(
        f"/operator/claims/{second.pk}/decide/",
        {"action": "reject", "reason": "The certificate names another firm."},
    )

    assert EvidenceClaim.objects.get(pk=first.pk).status == ClaimStatus.VERIFIED
    assert EvidenceClaim.objects.get(pk=second.pk).status == ClaimStatus.REJECTED
    assert CompetencyHeld.objects.filter(organisation=partner_org).count() == 1
    history = firm.get("/partner/evidence/").content.decode()
    assert "The certificate names another firm." in history


def test_an_auditor_sees_the_queue_without_decision_buttons(client_as, partner_org):
    _claim_competency(client_as("global_admin"))
    claim = EvidenceClaim.objects.get()
    page = client_as("auditor").get("/operator/claims/").content.decode()
    assert f"queue-claim-{claim.pk}" in page and f"verify-{claim.pk}" not in page
