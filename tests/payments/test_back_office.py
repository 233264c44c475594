"""Payment safety and the reviewer's back office (issue 18, items 4 to 6): runs for the current or
previous month only, a second person confirms against the totals shown, firm payment details
changes verified before any run pays to them, overdue alerts and the daily digest, files with a
hold answer, and no payment asked for where no day rate exists (R-RES-5, R-PAY-3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.notifications.models import OutboxMessage
from planserv.payments.models import PaymentRegistration
from planserv.payments.overdue import (
    business_days_between,
    overdue_requests,
    review_digest_send,
    runs_open_past_their_month,
)
from planserv.payments.selectors import (
    payment_request_evidence,
    payment_waiting_reason,
    redeemed_vouchers_awaiting_request,
)
from planserv.payments.services import (
    RunTotals,
    payment_details_change_reject,
    payment_details_change_submit,
    payment_details_change_verify,
    payment_request_hold,
    payment_request_respond,
    payment_run_build,
    payment_run_confirm,
)
from planserv.payments.services.remind import payments_remind_window
from planserv.program.models import DayRate
from planserv.vouchers.deliverables import Upload
from tests.factories import accounts as account_factory
from tests.factories import payments as factory
from tests.factories.vouchers import actor, at
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def build(month: dt.date, today: dt.date, reviewer: Actor | None = None):  # type: ignore[no-untyped-def]
    return payment_run_build(
        month=month, currency="EUR", actor=reviewer or factory.reviewer(), today=today, at=at(today)
    )


class TestRunSafety:
    @pytest.mark.parametrize("month", [D(9999, 12, 1), D(2021, 2, 1), D(2021, 5, 1)])
    def test_a_run_is_for_the_current_or_previous_month_only_r_pay_6(self, month) -> None:  # type: ignore[no-untyped-def]
        factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        reviewer = factory.reviewer()
        with nothing_changes(), pytest.raises(DomainError) as error:
            build(month, D(2021, 4, 20), reviewer)
        assert error.value.code == "run_month_out_of_range"
        assert "March 2021" in error.value.message and "April 2021" in error.value.message

    def test_the_builder_never_confirms_a_second_reviewer_does_r_pay_6(self) -> None:
        factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        builder, second = factory.reviewer(), factory.reviewer()
        day = D(2021, 4, 20)
        run = build(D(2021, 4, 1), day, builder)
        with pytest.raises(DomainError) as error:
            payment_run_confirm(public_id=run.public_id, actor=builder, today=day, at=at(day))
        assert error.value.code == "run_confirmer_is_builder"
        confirmed = payment_run_confirm(
            public_id=run.public_id,
            actor=second,
            today=day,
            at=at(day),
            expected=RunTotals(count=1, total=Decimal("4750.00")),
        )
        assert confirmed.status == "confirmed" and confirmed.confirmed_by_label == second.email

    def test_confirm_refuses_a_run_that_changed_since_it_was_shown_r_pay_6(self) -> None:
        factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        day = D(2021, 4, 20)
        run = build(D(2021, 4, 1), day)
        second = factory.reviewer()
        with nothing_changes(), pytest.raises(DomainError) as error:
            payment_run_confirm(
                public_id=run.public_id,
                actor=second,
                today=day,
                at=at(day),
                expected=RunTotals(count=2, total=Decimal("9500.00")),
            )
        assert error.value.code == "run_changed_since_shown"

    def test_the_bank_file_pays_from_the_account_in_the_settings(self) -> None:
        from planserv.payments.remittance import remittance_pain001

        factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        run = build(D(2021, 4, 1), D(2021, 4, 20))
        with pytest.raises(DomainError) as error:
            remittance_pain001(run)
        assert error.value.code == "paying_account_not_set"
        factory.paying_account()
        document = remittance_pain001(run).decode()
        assert "DE89370400440532013000" in document and "<ReqdExctnDt>2021-04-28" in document


def _pending_change(case):  # type: ignore[no-untyped-def]
    factory.registered(case.firm)
    admin = factory.global_admin(case.firm.organisation)
    return payment_details_change_submit(
        offering_code="DDPS",
        details=factory.details("DE", iban="GB33BUKB20201555555555", bic="BUKBGB22"),
        actor=replace(actor(admin), second_factor=True),  # R-PPL-3
        today=D(2021, 3, 25),
        at=at(D(2021, 3, 25)),
    )


class TestPaymentDetailsChange:
    def test_every_global_admin_is_emailed_and_runs_wait_for_verification_r_pay_1(self) -> None:
        case = factory.redeemed_case(country="DE")
        request = factory.approved(factory.filed(case))
        second_admin = account_factory.member(case.firm.organisation, "global_admin")
        change = _pending_change(case)
        mails = set(
            OutboxMessage.objects.filter(template="payment_details_change").values_list(
                "to_email", flat=True
            )
        )
        assert second_admin.user.email in mails and len(mails) == 2
        request.refresh_from_db()
        assert "wait for the program operator's verification" in payment_waiting_reason(request)
        with pytest.raises(DomainError) as error:
            build(D(2021, 4, 1), D(2021, 4, 20))
        assert error.value.code == "nothing_to_pay"

        payment_details_change_verify(
            change_id=change.pk, actor=factory.reviewer(), today=D(2021, 4, 1), at=at(D(2021, 4, 1))
        )
        registration = PaymentRegistration.objects.get(organisation=case.firm.organisation)
        assert registration.iban == "GB33BUKB20201555555555"
        run = build(D(2021, 4, 1), D(2021, 4, 20))
        assert list(run.requests.values_list("public_id", flat=True)) == [request.public_id]
        event = AuditEvent.objects.get(action="payments.payment_details_change.verified")
        assert event.before["iban"] == "•••• 3000" and event.after["iban"] == "•••• 5555"

    def test_a_second_pending_change_is_refused_and_a_rejection_needs_a_reason(self) -> None:
        case = factory.redeemed_case(country="DE")
        change = _pending_change(case)
        with pytest.raises(DomainError) as error:
            _pending_change(case)
        assert error.value.code == "payment_details_change_pending"
        reviewer = factory.reviewer()
        with pytest.raises(DomainError) as error:
            payment_details_change_reject(
                change_id=change.pk,
                reason=" ",
                actor=reviewer,
                today=D(2021, 4, 1),
                at=at(D(2021, 4, 1)),
            )
        assert error.value.code == "reason_required"
        payment_details_change_reject(
            change_id=change.pk, reason="Not confirmed by phone.", actor=reviewer,
            today=D(2021, 4, 1), at=at(D(2021, 4, 1)),
        )  # fmt: skip
        registration = PaymentRegistration.objects.get(organisation=case.firm.organisation)
        assert registration.iban == "DE89370400440532013000"

    def test_only_a_global_admin_submits_a_change(self) -> None:
        case = factory.redeemed_case(country="DE")
        factory.registered(case.firm)
        with nothing_changes(), pytest.raises(DomainError) as error:
            payment_details_change_submit(
                offering_code="DDPS", details=factory.details("DE"), actor=case.firm.admin_actor,
                today=D(2021, 3, 25), at=at(D(2021, 3, 25)),
            )  # fmt: skip
        assert error.value.code == "forbidden"


class TestOverdue:
    def test_business_days_skip_weekends(self) -> None:
        assert business_days_between(D(2021, 3, 19), D(2021, 3, 22)) == 1  # Friday → Monday
        assert business_days_between(D(2021, 3, 1), D(2021, 3, 15)) == 10

    def test_requests_waiting_past_the_limit_and_old_open_runs_are_digested_once(self) -> None:
        waiting = factory.filed(factory.redeemed_case(country="DE"), today=D(2021, 3, 20))
        factory.approved(factory.filed(factory.redeemed_case(country="DE")))
        build(D(2021, 4, 1), D(2021, 4, 1))
        account_factory.member(factory.operator_org(), "payment_reviewer")
        assert list(overdue_requests(today=D(2021, 4, 2))) == []  # 10 business days
        assert list(overdue_requests(today=D(2021, 4, 5))) == [waiting]
        assert list(runs_open_past_their_month(today=D(2021, 4, 30))) == []
        assert [run.public_id for run in runs_open_past_their_month(today=D(2021, 5, 3))] == [
            "RUN-202104-EUR"
        ]
        job = Actor.system(label="daily jobs")
        counts = review_digest_send(day=D(2021, 5, 3), actor=job, at=at(D(2021, 5, 3)))
        assert counts["overdue"] == 1 and counts["runs"] == 1 and counts["messages"] >= 1
        again = review_digest_send(day=D(2021, 5, 3), actor=job, at=at(D(2021, 5, 3)))
        assert again["messages"] == 0
        digest = OutboxMessage.objects.filter(template="review_digest").order_by("pk").first()
        assert digest is not None and waiting.public_id in digest.body_text


class TestHoldAnswerFiles:
    def test_an_answer_carries_files_and_a_wrong_type_changes_nothing_r_pay_5(self) -> None:
        case = factory.redeemed_case(country="DE")
        request = factory.filed(case)
        payment_request_hold(
            public_id=request.public_id, question="Send the attendee list.",
            actor=factory.reviewer(), today=D(2021, 3, 22), at=at(D(2021, 3, 22)),
        )  # fmt: skip
        with nothing_changes(), pytest.raises(DomainError) as error:
            payment_request_respond(
                public_id=request.public_id, answer="Attached.", actor=case.firm.admin_actor,
                today=D(2021, 3, 23), at=at(D(2021, 3, 23)),
                files=[Upload(name="list.exe", content=b"MZ\x90\x00" * 10)],
            )  # fmt: skip
        assert error.value.code == "answer_file_refused"
        answered = payment_request_respond(
            public_id=request.public_id, answer="Attached.", actor=case.firm.admin_actor,
            today=D(2021, 3, 23), at=at(D(2021, 3, 23)),
            files=[Upload(name="../attendees.pdf", content=PDF)],
        )  # fmt: skip
        assert answered.status == "validating"
        assert [f.original_name for f in answered.answer_files.all()] == ["attendees.pdf"]


class TestEvidence:
    def test_the_request_carries_its_voucher_report_deliverables_and_rules_in_words(self) -> None:
        request = factory.filed(factory.redeemed_case(country="DE"))
        evidence = payment_request_evidence(request)
        assert evidence.voucher.pk == request.voucher_id
        assert evidence.report is not None and evidence.deliverables
        assert evidence.reservation is not None and evidence.consultants


class TestNoDayRate:
    def _redeemed_in_austria(self):  # type: ignore[no-untyped-def]
        """A voucher delivered in Austria while it had a rate; the rate is gone (data as it was
        before R-RES-5): it can never be paid."""
        DayRate.objects.create(
            country="AT", currency="EUR", amount=Decimal("900"), effective_from=D(2019, 7, 1)
        )
        case = factory.redeemed_case(country="AT")
        DayRate.objects.filter(country="AT").delete()
        return case

    def test_the_partner_list_says_no_rate_and_reminders_skip_the_voucher_r_res_5(self) -> None:
        case = self._redeemed_in_austria()
        rows = redeemed_vouchers_awaiting_request(
            organisation_id=case.firm.organisation.pk, today=D(2021, 3, 15)
        )
        assert [row.has_day_rate for row in rows] == [False]
        job = Actor.system(label="daily jobs")
        counts = payments_remind_window(day=D(2021, 4, 27), actor=job, at=at(D(2021, 4, 27)))
        assert counts == {"vouchers": 0, "messages": 0}

    def test_the_request_page_never_asks_for_payment_without_a_rate_r_pay_3(
        self, pin_clock
    ) -> None:  # type: ignore[no-untyped-def]
        from django.test import Client

        pin_clock(D(2021, 3, 15))
        case = self._redeemed_in_austria()
        factory.registered(case.firm)
        client = Client()
        client.force_login(case.firm.admin.user)
        page = client.get(f"/partner/payments/vouchers/{case.voucher.voucher_id}/request/")
        text = page.content.decode()
        assert page.status_code == 200 and "Austria has no day rate" in text
        assert "Request None" not in text and 'data-testid="submit-payment-request"' not in text
        listing = client.get("/partner/payments/").content.decode()
        assert (
            'data-testid="no-day-rate"' in listing and 'data-testid="request-link"' not in listing
        )


def test_a_change_of_payment_details_needs_the_second_factor_r_ppl_3() -> None:
    case = factory.redeemed_case(country="DE")
    factory.registered(case.firm)
    admin = factory.global_admin(case.firm.organisation)
    with nothing_changes(), pytest.raises(DomainError) as error:
        payment_details_change_submit(
            offering_code="DDPS", details=factory.details("DE"), actor=actor(admin),
            today=D(2021, 3, 25), at=at(D(2021, 3, 25)),
        )  # fmt: skip
    assert error.value.code == "second_factor_required"
