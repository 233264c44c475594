"""The support demo step: agents, the second support login, FAQ entries and requests per queue."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.core.actor import Actor
from planserv.notifications.models import OutboxMessage
from planserv.support.models import FaqEntry, SupportQueueAgent, SupportRequest
from planserv_dev.demo import accounts, support
from planserv_dev.demo.builder import run_steps
from planserv_dev.demo.context import DemoContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    context = DemoContext(today=dt.date(2021, 6, 15), operator=Actor.system(label="demo loader"))
    run_steps(context, [accounts.build, support.build])
    return context


def test_support_logins_and_their_queues(context):
    assert ("emea@operator.demo", "Planning Services Program Office", "support") in context.logins
    queues = {
        email: sorted(
            SupportQueueAgent.objects.filter(membership__user__email=email).values_list(
                "queue__code", flat=True
            )
        )
        for email in ("support@operator.demo", "emea@operator.demo")
    }
    assert queues == {"support@operator.demo": ["emea", "general"], "emea@operator.demo": ["emea"]}


def test_contoso_is_answered_by_emea_and_fabrikam_waits_in_general(context):
    contoso = SupportRequest.objects.get(organisation__public_id="P-100001")
    assert contoso.queue.code == "emea" and contoso.status == "waiting_on_requester"
    assert contoso.messages.filter(side="support", author__email="emea@operator.demo").exists()
    assert contoso.attachments.count() == 1 and contoso.first_response_at is not None
    fabrikam = SupportRequest.objects.get(organisation__public_id="P-100002")
    assert fabrikam.queue.code == "general" and fabrikam.status == "open"
    assert fabrikam.first_response_at is None
    northwind = SupportRequest.objects.get(organisation__public_id="P-100003")
    assert northwind.queue.code == "emea" and northwind.status == "open"  # GB
    litware = SupportRequest.objects.get(organisation__public_id="C-200002")
    assert litware.status == "resolved"
    assert OutboxMessage.objects.filter(template="support_reply").count() == 2


def test_demo_faq_adds_audience_specific_entries(context):
    assert FaqEntry.objects.filter(audience_kinds=["operator"]).exists()
    assert FaqEntry.objects.filter(audience_roles=["project_manager"]).exists()
