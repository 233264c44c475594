"""Operators edit the FAQ, the country → queue mapping and queue agents in the Django admin; every
save is audited (AuditedModelAdmin)."""

from __future__ import annotations

import pytest
from django.test import Client

from planserv.accounts.models import User
from planserv.audit.models import AuditEvent
from planserv.support.models import FaqEntry, SupportCountryRoute, SupportQueue, SupportQueueAgent
from planserv.support.selectors import support_queue_for_country

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    user = User.objects.create_superuser(email="root@operator.test", password="x", full_name="R")
    client = Client()
    client.force_login(user)
    return client


def test_operator_adds_an_faq_entry_for_chosen_kinds_and_roles_r_sup_4(admin_client):
    response = admin_client.post(
        "/admin/support/faqentry/add/",
        {
            "question": "How do we reserve a voucher?",
            "answer_markdown": "Validate it first, then **reserve**.",
            "audience_kinds": ["partner"],
            "audience_roles": ["partner_admin", "global_admin"],
            "order": 15,
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content
    entry = FaqEntry.objects.get(question="How do we reserve a voucher?")
    assert entry.audience_kinds == ["partner"]
    assert sorted(entry.audience_roles) == ["global_admin", "partner_admin"]
    assert AuditEvent.objects.filter(action="support.faqentry.created").exists()
    page = admin_client.get(f"/admin/support/faqentry/{entry.pk}/change/").content.decode()
    assert "<strong>reserve</strong>" in page


def test_the_admin_preview_is_sanitised_r_sup_4(admin_client):
    entry = FaqEntry.objects.create(
        question="Evil", answer_markdown="<script>alert(1)</script>[x](javascript:alert(2))"
    )
    page = admin_client.get(f"/admin/support/faqentry/{entry.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:alert(2)"' not in page


def test_operator_reroutes_a_country_in_the_admin_r_sup_1(admin_client):
    route = SupportCountryRoute.objects.get(country="TR")
    general = SupportQueue.objects.get(code="general")
    response = admin_client.post(
        f"/admin/support/supportcountryroute/{route.pk}/change/",
        {"country": "TR", "queue": general.pk},
    )
    assert response.status_code == 302, response.content
    assert support_queue_for_country(country="TR").code == "general"
    event = AuditEvent.objects.get(action="support.supportcountryroute.changed")
    assert event.before["queue_id"] != event.after["queue_id"]


def test_operator_adds_a_queue_agent_in_the_admin(admin_client, persona):
    membership = persona("support").membership
    response = admin_client.post(
        "/admin/support/supportqueueagent/add/",
        {"queue": SupportQueue.objects.get(code="emea").pk, "membership": membership.pk},
    )
    assert response.status_code == 302, response.content
    agent = SupportQueueAgent.objects.get()
    assert agent.added_at is not None
    assert AuditEvent.objects.filter(action="support.supportqueueagent.created").exists()


def test_only_operator_support_memberships_are_offered_as_agents(admin_client, persona):
    auditor = persona("auditor").membership
    response = admin_client.post(
        "/admin/support/supportqueueagent/add/",
        {"queue": SupportQueue.objects.get(code="emea").pk, "membership": auditor.pk},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not SupportQueueAgent.objects.exists()


def test_admin_lists_render(admin_client):
    for model in ("supportqueue", "supportcountryroute", "supportqueueagent", "faqentry"):
        assert admin_client.get(f"/admin/support/{model}/").status_code == 200
