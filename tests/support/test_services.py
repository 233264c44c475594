"""Support services: open, reply (both sides), set status, agents; state + audit + outbox."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.notifications.models import OutboxMessage
from planserv.support.errors import (
    NotQueueAgent,
    RequesterOnly,
    SupportInputInvalid,
    SupportRequestNotFound,
    SupportStaffOnly,
)
from planserv.support.lifecycle import SupportStatus, SupportStatusTransitionNotAllowed
from planserv.support.models import SupportMessage, SupportQueueAgent, SupportRequest
from planserv.support.services import (
    faq_entry_create,
    support_agent_assign,
    support_request_open,
    support_request_reply,
    support_request_set_status,
)
from tests.factories import accounts as account_factory
from tests.factories import support as support_factory

pytestmark = pytest.mark.django_db
TODAY = support_factory.TODAY
AT = support_factory.AT
LATER = AT + dt.timedelta(hours=3)


@pytest.fixture
def partner(persona):
    return persona("partner_admin").membership


@pytest.fixture
def emea_agent(operator_org):
    return support_factory.agent(operator_org, "emea")


@pytest.fixture
def general_agent(operator_org):
    return support_factory.agent(operator_org, "general")


def reply(request, membership, body="Thanks", *, then_status=None, at=LATER, attachments=()):
    return support_request_reply(
        support_request=request,
        body=body,
        attachments=list(attachments),
        then_status=then_status,
        actor=support_factory.actor(membership),
        today=TODAY,
        at=at,
    )


class TestOpen:
    def test_opens_with_first_message_route_and_audit_r_sup_1(self, partner):
        request = support_request_open(
            subject="  Voucher   expiry after removal ",
            category="vouchers",
            message="Is our voucher still valid after 1 July?",
            voucher_reference="7KQ-4M9-XR2",
            payment_request_reference="",
            actor=support_factory.actor(partner),
            today=TODAY,
            at=AT,
        )
        assert request.subject == "Voucher expiry after removal"
        assert request.status == SupportStatus.OPEN
        assert request.queue.code == "emea" and request.organisation_id == partner.organisation_id
        assert request.opened_at == AT and request.opened_on == TODAY
        assert request.last_requester_message_at == AT and request.first_response_at is None
        assert request.voucher_reference == "7KQ-4M9-XR2"
        assert request.reference == f"SR-{request.pk:06d}"
        [message] = request.messages.all()
        assert message.side == "requester" and message.author_id == partner.user_id
        event = AuditEvent.objects.get(action="support.request.opened")
        assert event.subject_id == str(request.pk)
        assert event.organisation_id == partner.organisation_id
        assert event.after["queue"] == "emea" and event.after["country"] == "DE"

    def test_customers_open_requests_too(self, persona):
        request = support_factory.open_request(persona("project_manager").membership)
        assert request.queue.code == "general"  # the customer fixture is in the US

    @pytest.mark.parametrize("role", ["support", "program_admin"])
    def test_operators_do_not_open_requests_r_role_1(self, persona, role):
        with pytest.raises(RequesterOnly):
            support_factory.open_request(persona(role).membership)
        assert not SupportRequest.objects.exists()

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("subject", "ab"),
            ("subject", "x" * 201),
            ("message", "   "),
            ("message", "x" * 10_001),
            ("category", "complaints"),
            ("voucher_reference", "<script>"),
            ("payment_request_reference", "x" * 41),
        ],
    )
    def test_bad_input_is_refused_and_changes_nothing(self, partner, field, value):
        fields = {
            "subject": "A real subject",
            "category": "other",
            "message": "A real message",
            "voucher_reference": "",
            "payment_request_reference": "",
            field: value,
        }
        with pytest.raises(SupportInputInvalid) as refused:
            support_request_open(**fields, actor=support_factory.actor(partner), today=TODAY, at=AT)
        assert refused.value.http_status == 400
        assert not SupportRequest.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="support.").exists()


class TestStaffReply:
    def test_records_first_response_moves_status_and_emails_the_requester_r_sup_5(
        self, partner, emea_agent
    ):
        request = support_factory.open_request(partner)
        message = reply(
            request, emea_agent, "Yes, until 1 January 2022.", then_status="waiting_on_requester"
        )
        request.refresh_from_db()
        assert message.side == "support"
        assert request.status == SupportStatus.WAITING_ON_REQUESTER
        assert request.first_response_at == LATER and request.last_support_message_at == LATER
        email = OutboxMessage.objects.get(template="support_reply")
        assert email.to_email == partner.user.email
        assert email.organisation_id == partner.organisation_id
        assert email.dedup_key == (
            f"support_reply:{request.reference}:{message.pk}:{partner.user.email.lower()}"
        )
        assert request.reference in email.subject and "EMEA Partner Support" in email.subject
        assert "Yes, until 1 January 2022." in email.body_text
        assert request.subject in email.body_text
        assert "Yes, until 1 January 2022." in email.body_html
        event = AuditEvent.objects.get(action="support.request.replied")
        assert event.before == {"status": "open"}
        assert event.after["status"] == "waiting_on_requester"
        assert event.after["side"] == "support"

    def test_every_staff_reply_sends_one_email_to_the_requester_r_sup_5(self, partner, emea_agent):
        request = support_factory.open_request(partner)
        reply(request, emea_agent, "First answer")
        reply(request, emea_agent, "Second answer", at=LATER + dt.timedelta(hours=1))
        reply(request, partner, "Requester follow-up", at=LATER + dt.timedelta(hours=2))
        emails = OutboxMessage.objects.filter(template="support_reply").order_by("id")
        assert [e.to_email for e in emails] == [partner.user.email] * 2
        assert ["First answer" in emails[0].body_text, "Second answer" in emails[1].body_text] == [
            True,
            True,
        ]
        request.refresh_from_db()
        assert request.first_response_at == LATER  # the first one stays recorded

    def test_html_in_a_reply_is_escaped_in_the_html_email(self, partner, emea_agent):
        request = support_factory.open_request(partner)
        reply(request, emea_agent, "<script>alert(1)</script>")
        email = OutboxMessage.objects.get(template="support_reply")
        assert "<script>" not in email.body_html and "&lt;script&gt;" in email.body_html

    def test_without_then_status_the_status_stays(self, partner, emea_agent):
        request = support_factory.open_request(partner)
        reply(request, emea_agent, "Looking into it")
        request.refresh_from_db()
        assert request.status == SupportStatus.OPEN

    def test_an_agent_of_another_queue_may_not_answer_r_sup_1(self, partner, general_agent):
        request = support_factory.open_request(partner)
        with pytest.raises(NotQueueAgent, match="EMEA Partner Support"):
            reply(request, general_agent, "Not my queue")
        assert SupportMessage.objects.count() == 1
        assert not OutboxMessage.objects.exists()

    @pytest.mark.parametrize("role", ["program_admin", "auditor", "payment_reviewer"])
    def test_other_operator_roles_may_not_answer_r_role_1(self, partner, persona, role):
        request = support_factory.open_request(partner)
        with pytest.raises(SupportStaffOnly):
            reply(request, persona(role).membership, "Hello")

    def test_a_refused_status_leaves_no_message_and_no_email(self, partner, emea_agent):
        request = support_factory.open_request(partner)
        support_request_set_status(
            support_request=request,
            status="resolved",
            actor=support_factory.actor(emea_agent),
            today=TODAY,
            at=LATER,
        )
        with pytest.raises(SupportStatusTransitionNotAllowed):
            reply(request, emea_agent, "Please send logs", then_status="waiting_on_requester")
        assert SupportMessage.objects.count() == 1
        assert not OutboxMessage.objects.exists()


class TestRequesterReply:
    @pytest.mark.parametrize("start", ["waiting_on_requester", "resolved"])
    def test_a_requester_reply_puts_the_request_back_to_open_r_sup_2(
        self, partner, emea_agent, start
    ):
        request = support_factory.open_request(partner)
        support_request_set_status(
            support_request=request,
            status=start,
            actor=support_factory.actor(emea_agent),
            today=TODAY,
            at=LATER,
        )
        later = LATER + dt.timedelta(days=1)
        reply(request, partner, "More details", at=later)
        request.refresh_from_db()
        assert request.status == SupportStatus.OPEN
        assert request.resolved_at is None
        assert request.last_requester_message_at == later
        assert not OutboxMessage.objects.exists()

    def test_another_member_of_the_organisation_may_reply(self, partner, persona):
        request = support_factory.open_request(partner)
        colleague = persona("member", partner.organisation).membership
        reply(request, colleague, "Adding a detail")
        assert request.messages.count() == 2

    def test_a_foreign_organisation_gets_not_found_r_role_1(self, partner, persona):
        request = support_factory.open_request(partner)
        other = account_factory.organisation("partner", country="DE")
        with pytest.raises(SupportRequestNotFound):
            reply(request, persona("partner_admin", other).membership, "Intruding")
        assert request.messages.count() == 1

    def test_a_requester_cannot_choose_the_status(self, partner):
        request = support_factory.open_request(partner)
        with pytest.raises(SupportStaffOnly):
            reply(request, partner, "Closing this myself", then_status="resolved")


class TestSetStatus:
    @pytest.mark.parametrize(
        ("path", "final"),
        [
            (["waiting_on_requester"], "waiting_on_requester"),
            (["resolved"], "resolved"),
            (["waiting_on_requester", "resolved"], "resolved"),
            (["waiting_on_requester", "open"], "open"),
            (["resolved", "open"], "open"),
        ],
    )
    def test_agents_move_along_the_table_with_timestamps_and_audit_r_sup_2(
        self, partner, emea_agent, path, final
    ):
        request = support_factory.open_request(partner)
        for step, status in enumerate(path, start=1):
            request = support_request_set_status(
                support_request=request,
                status=status,
                actor=support_factory.actor(emea_agent),
                today=TODAY,
                at=AT + dt.timedelta(hours=step),
            )
        request.refresh_from_db()
        assert request.status == final
        assert request.status_changed_at == AT + dt.timedelta(hours=len(path))
        assert (request.resolved_at is not None) == (final == "resolved")
        events = AuditEvent.objects.filter(action="support.request.status_changed")
        assert [e.after["status"] for e in events.order_by("id")] == path

    def test_an_illegal_transition_changes_nothing_r_sup_2(self, partner, emea_agent):
        request = support_factory.open_request(partner)
        with pytest.raises(SupportStatusTransitionNotAllowed):
            support_request_set_status(
                support_request=request,
                status="open",
                actor=support_factory.actor(emea_agent),
                today=TODAY,
                at=LATER,
            )
        request.refresh_from_db()
        assert request.status_changed_at == AT
        assert not AuditEvent.objects.filter(action="support.request.status_changed").exists()

    def test_a_requester_cannot_change_the_status_r_role_1(self, partner):
        request = support_factory.open_request(partner)
        with pytest.raises(SupportStaffOnly):
            support_request_set_status(
                support_request=request,
                status="resolved",
                actor=support_factory.actor(partner),
                today=TODAY,
                at=LATER,
            )


class TestAgentsAndFaq:
    def test_an_agent_works_several_queues(self, operator_org):
        agent = support_factory.agent(operator_org, "emea", "general")
        assert set(
            SupportQueueAgent.objects.filter(membership=agent).values_list("queue__code", flat=True)
        ) == {"emea", "general"}
        assert AuditEvent.objects.filter(action="support.queue_agent.added").count() == 2

    def test_only_support_memberships_become_agents(self, persona):
        with pytest.raises(SupportInputInvalid):
            support_agent_assign(
                membership=persona("auditor").membership,
                queue=support_factory.queue("emea"),
                actor=account_factory.SYSTEM,
                today=TODAY,
                at=AT,
            )

    def test_only_program_admins_assign_agents_r_role_1(self, persona):
        with pytest.raises(Forbidden):
            support_agent_assign(
                membership=persona("support").membership,
                queue=support_factory.queue("emea"),
                actor=support_factory.actor(persona("support").membership),
                today=TODAY,
                at=AT,
            )

    def test_faq_entry_create_validates_audience_and_audits(self, persona):
        admin = support_factory.actor(persona("program_admin").membership)
        entry = faq_entry_create(
            question="How do I reserve?",
            answer_markdown="Validate first.",
            audience_kinds=["partner"],
            audience_roles=["partner_admin"],
            actor=admin,
            today=TODAY,
            at=AT,
        )
        assert entry.audience_kinds == ["partner"]
        assert AuditEvent.objects.filter(action="support.faq_entry.created").exists()
        with pytest.raises(SupportInputInvalid, match="wizard"):
            faq_entry_create(
                question="Bad audience",
                answer_markdown="x",
                audience_roles=["wizard"],
                actor=admin,
                today=TODAY,
                at=AT,
            )
