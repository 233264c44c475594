"""R-PAY-5: approve, hold with a question, the partner's answer, deny; maker-checker."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError
from planserv.notifications.models import OutboxMessage
from planserv.payments.models import PaymentRequest
from planserv.payments.services import (
    payment_request_approve,
    payment_request_deny,
    payment_request_hold,
    payment_request_respond,
)
from tests.factories import accounts as account_factory
from tests.factories import payments as factory
from tests.factories.vouchers import actor, at

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2021, 3, 22)


def statuses(request: PaymentRequest) -> list[str]:
    return [h.to_status for h in request.history.order_by("at", "id")]


class TestReview:
    def test_hold_answer_approve_with_history_audit_and_emails_r_pay_5(self) -> None:
        case = factory.redeemed_case()
        request = factory.filed(case)
        reviewer = factory.reviewer()
        payment_request_hold(
            public_id=request.public_id,
            question="Which division was this for?",
            actor=reviewer,
            today=DAY,
            at=at(DAY),
        )
        request.refresh_from_db()
        assert request.status == "held" and request.held_at == at(DAY)
        held_mail = OutboxMessage.objects.filter(
            template="payment_request_status", dedup_key__contains=request.public_id
        )
        assert held_mail.count() >= 2  # filed (validating) + held
        payment_request_respond(
            public_id=request.public_id,
            answer="The Berlin division.",
            actor=case.firm.admin_actor,
            today=DAY,
            at=at(DAY),
        )
        payment_request_approve(public_id=request.public_id, actor=reviewer, today=DAY, at=at(DAY))
        request.refresh_from_db()
        assert request.status == "approved" and request.approved_on == DAY
        assert request.answer == "The Berlin division."
        assert statuses(request) == ["submitted", "validating", "held", "validating", "approved"]
        assert AuditEvent.objects.filter(action="payments.payment_request.approved").count() == 1

    def test_deny_needs_a_reason_and_is_final_r_pay_5(self) -> None:
        request = factory.filed(factory.redeemed_case())
        reviewer = factory.reviewer()
        with pytest.raises(DomainError) as error:
            payment_request_deny(
                public_id=request.public_id, reason="  ", actor=reviewer, today=DAY, at=at(DAY)
            )
        assert error.value.code == "reason_required"
        payment_request_deny(
            public_id=request.public_id,
            reason="Delivered outside the program.",
            actor=reviewer,
            today=DAY,
            at=at(DAY),
        )
        with pytest.raises(DomainError) as error:
            payment_request_approve(
                public_id=request.public_id, actor=reviewer, today=DAY, at=at(DAY)
            )
        assert error.value.code == "invalid_transition"
        request.refresh_from_db()
        assert request.status == "denied" and request.denial_reason

    def test_only_the_own_firm_answers_a_hold_r_pay_5(self) -> None:
        request = factory.filed(factory.redeemed_case())
        payment_request_hold(
            public_id=request.public_id,
            question="?",
            actor=factory.reviewer(),
            today=DAY,
            at=at(DAY),
        )
        stranger = factory.voucher_factory.eligible_firm()
        with pytest.raises(DomainError) as error:
            payment_request_respond(
                public_id=request.public_id,
                answer="x",
                actor=stranger.admin_actor,
                today=DAY,
                at=at(DAY),
            )
        assert error.value.code == "payment_request_not_found"


class TestMakerChecker:
    def test_a_reviewer_who_belongs_to_the_requesting_firm_is_refused_r_pay_5(self) -> None:
        case = factory.redeemed_case()
        request = factory.filed(case)
        membership = account_factory.member(factory.operator_org(), "payment_reviewer")
        factory.grant(membership.user, case.firm.organisation, "member")
        reviewer = actor(membership)
        with pytest.raises(DomainError) as error:
            payment_request_approve(
                public_id=request.public_id, actor=reviewer, today=DAY, at=at(DAY)
            )
        assert (error.value.code, error.value.http_status) == ("reviewer_conflict", 403)
        request.refresh_from_db()
        assert request.status == "validating"

    def test_a_reviewer_who_filed_the_request_is_refused_r_pay_5(self) -> None:
        case = factory.redeemed_case()
        factory.registered(case.firm)
        filer = case.firm.admin
        grant = factory.grant(filer.user, factory.operator_org(), "payment_reviewer")
        request = factory.filed(case)
        with pytest.raises(DomainError) as error:
            payment_request_hold(
                public_id=request.public_id, question="?", actor=actor(grant), today=DAY, at=at(DAY)
            )
        assert error.value.code == "reviewer_conflict"

    def test_a_reviewer_who_answered_the_hold_is_refused_r_pay_5(self) -> None:
        case = factory.redeemed_case()
        request = factory.filed(case)
        payment_request_hold(
            public_id=request.public_id,
            question="?",
            actor=factory.reviewer(),
            today=DAY,
            at=at(DAY),
        )
        answerer = account_factory.member(case.firm.organisation, "partner_admin")
        payment_request_respond(
            public_id=request.public_id, answer="!", actor=actor(answerer), today=DAY, at=at(DAY)
        )
        answerer.delete()  # left the firm since; having answered is enough to be connected
        grant = factory.grant(answerer.user, factory.operator_org(), "payment_reviewer")
        with pytest.raises(DomainError) as error:
            payment_request_approve(
                public_id=request.public_id, actor=actor(grant), today=DAY, at=at(DAY)
            )
        assert error.value.code == "reviewer_conflict"

    def test_a_partner_cannot_review_r_role_1(self) -> None:
        case = factory.redeemed_case()
        request = factory.filed(case)
        with pytest.raises(DomainError) as error:
            payment_request_approve(
                public_id=request.public_id, actor=case.firm.admin_actor, today=DAY, at=at(DAY)
            )
        assert error.value.code == "forbidden"


class TestWindowReminder:
    def test_reminds_14_and_3_days_before_the_window_closes_once_r_pay_2(self) -> None:
        from planserv.core.actor import Actor
        from planserv.payments.services.remind import payments_remind_window

        case = factory.redeemed_case()  # window closes 2021-05-11
        job = Actor.system(label="daily jobs")
        for day in (D(2021, 4, 26), D(2021, 4, 27), D(2021, 5, 8)):
            payments_remind_window(day=day, actor=job, at=at(day))
        messages = OutboxMessage.objects.filter(template="payment_window_reminder")
        assert messages.count() == 2
        assert payments_remind_window(day=D(2021, 4, 27), actor=job, at=at(D(2021, 4, 27))) == {
            "vouchers": 1,
            "messages": 0,
        }
        assert case.firm.admin.user.email in set(messages.values_list("to_email", flat=True))
        factory.filed(case, today=D(2021, 5, 1))
        assert (
            payments_remind_window(day=D(2021, 5, 8), actor=job, at=at(D(2021, 5, 8)))["vouchers"]
            == 0
        )
