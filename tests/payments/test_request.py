"""R-PAY-1..4: registration, filing a request (window, location, amount), the validation flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError
from planserv.notifications.models import OutboxMessage
from planserv.partners.models import CompetencyHeld, ConsultantExam
from planserv.payments.models import PaymentRegistration, PaymentRequest
from planserv.payments.services import (
    payment_registration_create,
    payment_request_file,
    validate_details,
)
from planserv.payments.validation import validation_flags
from planserv.program.models import DayRate
from planserv.vouchers.models import CompletionReport, Deliverable, Reservation, Voucher
from planserv.vouchers.selectors import voucher_current_report
from tests.factories import partners as partner_factory
from tests.factories import payments as factory
from tests.factories.vouchers import actor, at

pytestmark = pytest.mark.django_db
D = dt.date
LAST_DAY = D(2021, 5, 11)  # redeemed 2021-03-12 + 60 days


def refused(code: str, call: object) -> DomainError:
    with pytest.raises(DomainError) as error:
        call()  # type: ignore[operator]
    assert error.value.code == code, error.value.message
    return error.value


class TestRegistration:
    def test_registers_once_with_masked_details_audited_r_pay_1(self) -> None:
        case = factory.redeemed_case()
        registration = factory.registered(case.firm)
        assert registration.iban == "GB33BUKB20201555555555"
        assert registration.iban_masked.endswith("5555") and "GB33" not in registration.iban_masked
        event = AuditEvent.objects.get(action="payments.payment_registration.created")
        assert event.after is not None and "BUKB2020" not in str(event.after)
        assert event.after["iban"] == registration.iban_masked
        refused(
            "already_registered",
            lambda: payment_registration_create(
                offering_code="DDPS",
                details=factory.details(),
                actor=replace(
                    actor(factory.global_admin(case.firm.organisation)), second_factor=True
                ),
                today=D(2021, 3, 16),
                at=at(D(2021, 3, 16)),
            ),
        )

    def test_refuses_before_the_first_redeemed_voucher_r_pay_1(self) -> None:
        firm = factory.voucher_factory.eligible_firm()
        refused(
            "no_redeemed_voucher_yet",
            lambda: payment_registration_create(
                offering_code="DDPS",
                details=factory.details(),
                actor=replace(actor(factory.global_admin(firm.organisation)), second_factor=True),
                today=D(2021, 3, 16),
                at=at(D(2021, 3, 16)),
            ),
        )
        assert not PaymentRegistration.objects.exists()

    def test_only_a_global_admin_registers_r_pay_1(self) -> None:
        case = factory.redeemed_case()
        refused(
            "forbidden",
            lambda: payment_registration_create(
                offering_code="DDPS",
                details=factory.details(),
                actor=case.firm.admin_actor,
                today=D(2021, 3, 16),
                at=at(D(2021, 3, 16)),
            ),
        )

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("iban", "DE89370400440532013001"),
            ("bic", "NOTABIC"),
            ("country", "XX"),
            ("currency", "EURO"),
            ("currency", "XYZ"),
            ("legal_name", " "),
        ],
    )
    def test_refuses_invalid_remittance_details_r_pay_1(self, field: str, value: str) -> None:
        error = refused(
            "invalid_remittance_details",
            lambda: validate_details(factory.details(**{field: value})),
        )
        assert error.details["field"] == field


class TestWindow:
    @pytest.mark.parametrize("today", [LAST_DAY - dt.timedelta(days=1), LAST_DAY])
    def test_files_through_the_last_day_inclusive_r_pay_2(self, today: dt.date) -> None:
        case = factory.redeemed_case()
        request = factory.filed(case, today=today)
        assert request.status == "validating"
        assert request.last_request_date == LAST_DAY
        assert request.public_id == f"PR-{request.pk:06d}"
        assert [h.to_status for h in request.history.order_by("id")] == ["submitted", "validating"]
        assert AuditEvent.objects.filter(action="payments.payment_request.validating").exists()
        assert OutboxMessage.objects.filter(template="payment_request_status").exists()

    def test_refuses_the_day_after_the_window_r_pay_2(self) -> None:
        case = factory.redeemed_case()
        error = refused(
            "payment_window_closed", lambda: factory.filed(case, today=LAST_DAY + dt.timedelta(1))
        )
        assert error.details["last_request_date"] == LAST_DAY
        assert not PaymentRequest.objects.exists()

    def test_one_request_per_voucher_r_pay_2(self) -> None:
        case = factory.redeemed_case()
        factory.filed(case)
        refused("payment_already_requested", lambda: factory.filed(case))
        assert PaymentRequest.objects.count() == 1

    def test_refuses_an_unregistered_firm_r_pay_1(self) -> None:
        case = factory.redeemed_case()
        refused(
            "not_registered_for_payment",
            lambda: payment_request_file(
                voucher_id=case.voucher.voucher_id,
                location_id=case.firm.location.location_id,
                actor=case.firm.admin_actor,
                today=D(2021, 3, 20),
                at=at(D(2021, 3, 20)),
            ),
        )

    def test_refuses_a_location_outside_the_delivery_country_r_pay_2(self) -> None:
        case = factory.redeemed_case(country="US")
        factory.registered(case.firm)
        other = partner_factory.location(case.firm.organisation, country="CA")
        refused(
            "wrong_location_country",
            lambda: payment_request_file(
                voucher_id=case.voucher.voucher_id,
                location_id=other.location_id,
                actor=case.firm.admin_actor,
                today=D(2021, 3, 20),
                at=at(D(2021, 3, 20)),
            ),
        )
        assert not PaymentRequest.objects.exists()

    def test_refuses_a_voucher_not_redeemed_r_pay_2(self) -> None:
        case = factory.redeemed_case()
        factory.registered(case.firm)
        pool = case.pool
        other = factory.voucher_factory.assigned(pool, today=D(2021, 3, 1))
        factory.voucher_factory.reserved(other, case.firm, today=D(2021, 3, 2))
        refused(
            "voucher_not_redeemed",
            lambda: payment_request_file(
                voucher_id=other.voucher_id,
                location_id=case.firm.location.location_id,
                actor=case.firm.admin_actor,
                today=D(2021, 3, 20),
                at=at(D(2021, 3, 20)),
            ),
        )


class TestAmount:
    @pytest.mark.parametrize(
        ("country", "currency", "amount"),
        [("US", "USD", Decimal("5000.00")), ("DE", "EUR", Decimal("4750.00"))],
    )
    def test_days_times_the_delivery_country_rate_r_pay_3(
        self, country: str, currency: str, amount: Decimal
    ) -> None:
        request = factory.filed(factory.redeemed_case(country=country))
        assert (request.currency, request.amount, request.days) == (currency, amount, 5)

    def test_uses_the_rate_effective_on_the_delivery_end_date_r_pay_3(self) -> None:
        DayRate.objects.create(
            country="US", currency="USD", amount=Decimal("1100.00"), effective_from=D(2021, 3, 10)
        )
        DayRate.objects.create(
            country="US", currency="USD", amount=Decimal("1200.00"), effective_from=D(2021, 3, 11)
        )
        request = factory.filed(factory.redeemed_case(country="US"))
        assert request.day_rate == Decimal("1100.00") and request.amount == Decimal("5500.00")

    def test_refuses_when_the_delivery_country_has_no_rate_r_pay_3(self) -> None:
        case = factory.redeemed_case(country="US")
        DayRate.objects.filter(country="US").delete()
        refused("no_day_rate", lambda: factory.filed(case))


def flags_of(voucher: Voucher) -> set[str]:
    voucher = Voucher.objects.select_related("engagement_type", "redeemed_location", "holder").get(
        pk=voucher.pk
    )
    report = voucher_current_report(voucher)
    reservation = Reservation.objects.get(voucher=voucher, is_active=True)
    return {
        f["code"] for f in validation_flags(voucher=voucher, report=report, reservation=reservation)
    }


class TestFlags:
    def test_a_clean_request_has_no_flags_r_pay_4(self) -> None:
        assert factory.filed(factory.redeemed_case()).flags == []

    def test_missing_report_r_pay_4(self) -> None:
        case = factory.redeemed_case()
        flags = validation_flags(voucher=case.voucher, report=None, reservation=None)
        assert [f["code"] for f in flags] == ["report_missing"]
        assert flags[0]["rule"] == "R-DEL-2"

    def test_missing_deliverable_r_pay_4(self) -> None:
        case = factory.redeemed_case()
        Deliverable.objects.filter(report__voucher=case.voucher).delete()
        assert flags_of(case.voucher) == {"deliverable_missing"}

    def test_extra_fee_attestation_absent_r_pay_4(self) -> None:
        case = factory.redeemed_case()
        report = voucher_current_report(case.voucher)
        assert report is not None
        report.no_extra_fee_attested = False  # the column's CHECK forbids storing it
        flags = validation_flags(voucher=case.voucher, report=report, reservation=None)
        assert "extra_fee_attestation_missing" in {f["code"] for f in flags}

    def test_location_country_differs_from_delivery_country_r_pay_4(self) -> None:
        case = factory.redeemed_case()
        reservation = Reservation.objects.get(voucher=case.voucher)
        snapshot = {
            **reservation.eligibility_snapshot,
            "location": {"location_id": "L-X", "country": "CA"},
        }
        Reservation.objects.filter(pk=reservation.pk).update(eligibility_snapshot=snapshot)
        request = factory.filed(case)
        (flag,) = request.flags
        assert flag["code"] == "location_country_mismatch" and flag["rule"] == "R-LOC-1"
        assert flag["evidence"]["location_country"] == "CA"

    def test_cap_broken_r_pay_4(self) -> None:
        case = factory.redeemed_case(days=10)
        other = factory.voucher_factory.assigned(case.pool, today=D(2021, 3, 1), days=10)
        # Simulates a cap broken behind the online rule's back (e.g. a data import).
        Voucher.objects.filter(pk=other.pk).update(cap_group=case.voucher.cap_group)
        request = factory.filed(case)
        (flag,) = request.flags
        assert flag["code"] == "cap_exceeded" and flag["rule"] == "R-CAP-1"
        assert flag["evidence"] == {"used": 20, "cap": 15}

    def test_length_limits_broken_r_pay_4(self) -> None:
        case = factory.redeemed_case()
        CompletionReport.objects.filter(voucher=case.voucher).update(onsite_days=1, offsite_days=4)
        assert flags_of(case.voucher) == {"length_exceeded"}

    def test_competency_missing_on_the_delivery_dates_r_pay_4(self) -> None:
        case = factory.redeemed_case()
        CompetencyHeld.objects.filter(organisation=case.firm.organisation).update(
            expires_on=D(2021, 3, 5)
        )
        request = factory.filed(case)
        codes = {f["code"]: f for f in request.flags}
        assert set(codes) == {"competency_missing"}
        assert codes["competency_missing"]["evidence"]["on"] == "2021-03-10"

    def test_consultant_exam_missing_on_the_delivery_dates_r_pay_4(self) -> None:
        case = factory.redeemed_case()
        ConsultantExam.objects.filter(consultant=case.firm.consultant).update(
            passed_on=D(2021, 3, 5)
        )
        request = factory.filed(case)
        (flag,) = request.flags
        assert flag["code"] == "consultant_exam_missing" and flag["rule"] == "R-DEL-1"


def test_bank_details_need_the_second_factor_r_ppl_3() -> None:
    from planserv.accounts.errors import SecondFactorRequired
    from tests.unchanged import nothing_changes

    case = factory.redeemed_case()
    admin = actor(factory.global_admin(case.firm.organisation))
    with nothing_changes(), pytest.raises(SecondFactorRequired):
        payment_registration_create(
            offering_code="DDPS",
            details=factory.details(),
            actor=admin,
            today=D(2021, 3, 16),
            at=at(D(2021, 3, 16)),
        )
