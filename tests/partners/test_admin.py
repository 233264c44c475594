"""Operator admin for firms' competencies, locations and consultants: audited saves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planserv.audit.models import AuditEvent
from planserv.partners.models import CompetencyHeld
from planserv.program.models import Competency
from tests.factories import accounts as account_factory
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    user = account_factory.user(is_staff=True)
    user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model",
    ["competencyheld", "location", "consultant", "consultantexam", "enrollment", "businessprofile"],
)
def test_the_admin_lists_open(admin_client, partner_org, model):
    factory.competency(partner_org, "messaging")
    assert admin_client.get(f"/admin/partners/{model}/").status_code == 200


def test_recording_a_competency_in_the_admin_is_audited(admin_client, partner_org):
    response = admin_client.post(
        "/admin/partners/competencyheld/add/",
        {
            "organisation": partner_org.pk,
            "competency": Competency.objects.get(code="datacenter").pk,
            "level": "gold",
            "earned_on": "2021-06-01",
            "expires_on": "2022-05-31",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    held = CompetencyHeld.objects.get()
    assert held.recorded_at is not None
    event = AuditEvent.objects.get(action="partners.competencyheld.created")
    assert event.after["level"] == "gold"


def test_the_admin_refuses_an_expiry_before_the_earned_date(admin_client, partner_org):
    response = admin_client.post(
        "/admin/partners/competencyheld/add/",
        {
            "organisation": partner_org.pk,
            "competency": Competency.objects.get(code="datacenter").pk,
            "level": "gold",
            "earned_on": "2021-06-01",
            "expires_on": "2021-05-31",
        },
    )
    assert response.status_code == 200
    assert not CompetencyHeld.objects.exists()


def test_enrollments_are_read_only_in_the_admin(admin_client, partner_org):
    assert admin_client.get("/admin/partners/enrollment/add/").status_code == 403
