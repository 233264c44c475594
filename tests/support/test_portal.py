"""Support portal pages: partners and customers open and follow their requests, support agents work
their queue; foreign requests and files are not found (R-ROLE-1); list pages keep a fixed number
of queries (PERF-4)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.notifications.models import OutboxMessage
from planserv.support.models import SupportRequest
from tests.factories import accounts as account_factory
from tests.factories import support as support_factory

pytestmark = pytest.mark.django_db
f = support_factory


def login(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session["active_membership_id"] = membership.pk
    session.save()
    return client


@pytest.fixture
def partner(persona):
    return persona("partner_admin").membership


@pytest.fixture
def emea_agent(operator_org):
    return f.agent(operator_org, "emea")


class TestRequesterPages:
    def test_partner_opens_a_request_in_the_browser_form_r_sup_1(self, partner):
        client = login(partner)
        page = client.get("/partner/support/new/").content.decode()
        assert "EMEA Partner Support" in page and "Germany" in page
        response = client.post(
            "/partner/support/new/",
            {
                "subject": "Redeeming after expiry",
                "category": "redemption",
                "voucher_id": "7KQ-4M9-XR2",
                "payment_request_id": "",
                "message": "Our voucher expires on 3 July.",
                "attachments": [f.django_upload("plan.pdf", f.pdf_bytes())],
            },
        )
        request = SupportRequest.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/partner/support/{request.pk}/"
        detail = client.get(response["Location"]).content.decode()
        assert "Redeeming after expiry" in detail and "EMEA Partner Support" in detail
        assert "plan.pdf" in detail and "7KQ-4M9-XR2" in detail
        listing = client.get("/partner/support/").content.decode()
        assert request.reference in listing

    def test_a_refused_attachment_keeps_the_form_and_says_why_r_sup_3(self, partner):
        client = login(partner)
        response = client.post(
            "/partner/support/new/",
            {
                "subject": "With a bad file",
                "category": "other",
                "message": "See attached",
                "attachments": [f.django_upload("invoice.pdf", b"MZ\x90\x00binary")],
            },
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "invoice.pdf is named as .pdf but its content is" in page
        assert "With a bad file" in page
        assert not SupportRequest.objects.exists()

    def test_customer_pages_work_the_same_way(self, persona):
        customer = persona("benefits_admin").membership
        client = login(customer)
        assert "General Partner Support" in client.get("/customer/support/new/").content.decode()
        client.post(
            "/customer/support/new/",
            {"subject": "Days removal", "category": "retirement", "message": "What is removed?"},
        )
        request = SupportRequest.objects.get()
        assert request.queue.code == "general"
        assert client.get(f"/customer/support/{request.pk}/").status_code == 200

    def test_requester_reply_reopens_a_resolved_request_r_sup_2(self, partner, emea_agent):
        request = f.open_request(partner)
        login(emea_agent).post(f"/operator/support/{request.pk}/status/", {"status": "resolved"})
        client = login(partner)
        response = client.post(f"/partner/support/{request.pk}/reply/", {"body": "Reopening"})
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == "open"

    def test_a_page_of_the_other_side_is_refused(self, partner):
        client = login(partner)
        assert client.get("/customer/support/").status_code == 403
        assert client.get("/operator/support/").status_code == 403


class TestTenantIsolationInThePortal:
    def test_foreign_request_detail_reply_and_file_are_not_found_r_role_1(self, partner):
        request = f.open_request(partner, attachments=[f.upload("plan.pdf", f.pdf_bytes())])
        attachment = request.attachments.get()
        other = account_factory.member(
            account_factory.organisation("partner", country="DE"), "partner_admin"
        )
        client = login(other)
        assert client.get(f"/partner/support/{request.pk}/").status_code == 404
        response = client.post(f"/partner/support/{request.pk}/reply/", {"body": "x"})
        assert response.status_code == 404
        url = f"/partner/support/{request.pk}/attachments/{attachment.pk}/"
        assert client.get(url).status_code == 404
        assert request.pk not in [
            row["item"].pk for row in client.get("/partner/support/").context["rows"]
        ]
        assert request.messages.count() == 1

    def test_a_customer_cannot_reach_a_partner_request_through_its_own_urls(self, partner, persona):
        request = f.open_request(partner)
        client = login(persona("benefits_admin").membership)
        assert client.get(f"/customer/support/{request.pk}/").status_code == 404

    def test_files_are_served_to_the_organisation_and_support_staff_only_r_sup_3(
        self, partner, emea_agent, persona
    ):
        request = f.open_request(partner, attachments=[f.upload("plan.pdf", f.pdf_bytes())])
        attachment = request.attachments.get()
        colleague = persona("member", partner.organisation).membership
        response = login(colleague).get(
            f"/partner/support/{request.pk}/attachments/{attachment.pk}/"
        )
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == f.pdf_bytes()
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        staff = login(emea_agent).get(
            f"/operator/support/{request.pk}/attachments/{attachment.pk}/"
        )
        assert staff.status_code == 200
        auditor = login(persona("auditor").membership).get(
            f"/operator/support/{request.pk}/attachments/{attachment.pk}/"
        )
        assert auditor.status_code == 403


class TestOperatorPages:
    def test_agent_sees_its_queue_answers_and_the_requester_is_emailed_r_sup_5(
        self, partner, emea_agent, persona
    ):
        emea = f.open_request(partner, subject="EMEA question")
        f.open_request(persona("benefits_admin").membership, subject="US question")
        client = login(emea_agent)
        queue = client.get("/operator/support/").content.decode()
        assert "EMEA question" in queue and "US question" not in queue
        assert "US question" in client.get("/operator/support/?queue=all").content.decode()
        response = client.post(
            f"/operator/support/{emea.pk}/reply/",
            {"body": "Redeem by 1 January 2022.", "then_status": "waiting_on_requester"},
        )
        assert response.status_code == 302
        emea.refresh_from_db()
        assert emea.status == "waiting_on_requester" and emea.first_response_at is not None
        assert OutboxMessage.objects.filter(template="support_reply").count() == 1
        seen = login(partner).get(f"/partner/support/{emea.pk}/").content.decode()
        assert "Redeem by 1 January 2022." in seen and "Waiting on requester" in seen

    def test_agent_changes_status_and_an_illegal_change_is_explained(self, partner, emea_agent):
        request = f.open_request(partner)
        client = login(emea_agent)
        client.post(f"/operator/support/{request.pk}/status/", {"status": "resolved"})
        request.refresh_from_db()
        assert request.status == "resolved"
        response = client.post(
            f"/operator/support/{request.pk}/status/",
            {"status": "waiting_on_requester"},
            follow=True,
        )
        assert "cannot become waiting on requester" in response.content.decode()

    def test_a_malformed_queue_filter_falls_back_to_the_agents_queues(self, partner, emea_agent):
        f.open_request(partner, subject="EMEA question")
        client = login(emea_agent)
        page = client.get("/operator/support/?queue=%2F..")
        assert page.status_code == 200 and "EMEA question" in page.content.decode()
        assert client.get("/operator/support/?queue=%00").status_code == 400  # the input guard

    def test_an_auditor_reads_the_queue_but_cannot_reply(self, partner, persona):
        request = f.open_request(partner)
        client = login(persona("auditor").membership)
        assert request.subject in client.get("/operator/support/").content.decode()
        page = client.get(f"/operator/support/{request.pk}/").content.decode()
        assert 'data-testid="reply-form"' not in page
        assert (
            client.post(f"/operator/support/{request.pk}/reply/", {"body": "x"}).status_code == 403
        )

    def test_an_agent_of_another_queue_cannot_reply(self, partner, operator_org):
        request = f.open_request(partner)
        general = f.agent(operator_org, "general")
        client = login(general)
        assert (
            'data-testid="reply-form"'
            not in client.get(f"/operator/support/{request.pk}/").content.decode()
        )
        response = client.post(f"/operator/support/{request.pk}/reply/", {"body": "x"})
        assert response.status_code == 403
        assert request.messages.count() == 1


class TestQueryBudgets:
    def _count(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_list_pages_make_the_same_number_of_queries_for_1_and_many_rows_perf_4(
        self, partner, emea_agent
    ):
        f.open_request(partner)
        requester, agent = login(partner), login(emea_agent)
        one = (
            self._count(requester, "/partner/support/"),
            self._count(agent, "/operator/support/"),
        )
        for n in range(12):
            f.open_request(partner, subject=f"Question {n}")
        many = (
            self._count(requester, "/partner/support/"),
            self._count(agent, "/operator/support/"),
        )
        assert one == many

    def test_detail_page_queries_do_not_grow_with_messages_perf_4(self, partner, emea_agent):
        from planserv.support.services import support_request_reply

        request = f.open_request(partner, attachments=[f.upload("a.txt", f.txt_bytes())])
        client = login(partner)
        before = self._count(client, f"/partner/support/{request.pk}/")
        for n in range(6):
            support_request_reply(
                support_request=request,
                body=f"reply {n}",
                attachments=[f.upload(f"r{n}.txt", f.txt_bytes())],
                actor=f.actor(emea_agent),
                today=f.TODAY,
                at=f.AT,
            )
        assert self._count(client, f"/partner/support/{request.pk}/") == before

    def test_api_list_makes_the_same_number_of_queries_for_1_and_many_rows_perf_4(
        self, api_as, partner_org
    ):
        api = api_as("partner_admin")
        member = account_factory.member(partner_org, "member")
        f.open_request(member)
        api.get("/support/requests")  # the first call also stamps the token's last use
        with CaptureQueriesContext(connection) as first:
            api.get("/support/requests")
        for n in range(10):
            f.open_request(member, subject=f"Question {n}")
        with CaptureQueriesContext(connection) as second:
            api.get("/support/requests")
        assert len(first) == len(second)
