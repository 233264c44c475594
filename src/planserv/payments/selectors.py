"""Reads of the payments capability and the access helpers shared by the API and the portal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.core.actor import Actor
from planserv.core.errors import Forbidden
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.partners.models import Consultant
from planserv.payments.errors import (
    AnswerFileNotFound,
    PaymentRequestNotFound,
    PaymentRunNotFound,
)
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import (
    PaymentAnswerFile,
    PaymentRegistration,
    PaymentRequest,
    PaymentRequestTransition,
    PaymentRun,
)
from planserv.program.calendar import calendar_get
from planserv.program.models import DayRate
from planserv.program.selectors import day_rate_for
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import CompletionReport, Deliverable, Reservation, Voucher
from planserv.vouchers.selectors import voucher_current_report

READ_ROLES_OPERATOR = (Role.PROGRAM_ADMIN, Role.PAYMENT_REVIEWER, Role.AUDITOR, Role.SUPPORT)
PUBLIC_ID_LIMIT = 24


def require_payment_reader(actor: Actor) -> None:
    """Partner firms and the operator read payment requests; customers do not (R-ROLE-1)."""
    if not (actor.is_partner or actor.is_operator):
        raise Forbidden(
            _("Payment requests are read by partner firms and the program operator (R-ROLE-1)."),
            details={"role": actor.role},
        )


def payment_request_list_for_actor(actor: Actor) -> QuerySet[PaymentRequest]:
    """A partner sees its firm's requests, an operator every request, a customer none."""
    queryset = PaymentRequest.objects.select_related(
        "voucher", "organisation", "location", "run", "registration"
    ).order_by("-submitted_at", "-id")
    if actor.is_operator:
        return queryset
    if actor.is_partner and actor.organisation_id is not None:
        return queryset.filter(organisation_id=actor.organisation_id)
    return queryset.none()


def access_payment_request_for_actor(*, actor: Actor, public_id: str) -> PaymentRequest:
    """A request the actor may read (R-ROLE-1); PaymentRequestNotFound otherwise."""
    value = public_id.strip().upper()
    request = (
        payment_request_list_for_actor(actor).filter(public_id=value).first()
        if value.startswith("PR-") and len(value) <= PUBLIC_ID_LIMIT and value.isprintable()
        else None
    )
    if request is None:
        raise PaymentRequestNotFound(
            _("There is no payment request %(public_id)r.") % {"public_id": public_id[:20]}
        )
    return request


def payment_request_history(request: PaymentRequest) -> list[PaymentRequestTransition]:
    return list(request.history.order_by("at", "id"))


def review_queue() -> QuerySet[PaymentRequest]:
    return payment_request_list_for_actor_operator().filter(status__in=["validating", "held"])


def payment_request_list_for_actor_operator() -> QuerySet[PaymentRequest]:
    return PaymentRequest.objects.select_related(
        "voucher", "organisation", "location", "run", "registration"
    ).order_by("submitted_at", "id")


def payment_run_list() -> QuerySet[PaymentRun]:
    return PaymentRun.objects.order_by("-month", "currency", "id")


def access_payment_run(*, actor: Actor, public_id: str) -> PaymentRun:
    value = public_id.strip().upper()
    run = (
        PaymentRun.objects.filter(public_id=value).first()
        if actor.is_operator and len(value) <= PUBLIC_ID_LIMIT and value.isprintable()
        else None
    )
    if run is None:
        raise PaymentRunNotFound(
            _("There is no payment run %(public_id)r.") % {"public_id": public_id[:24]}
        )
    return run


def registrations_for_firm(organisation_id: int) -> QuerySet[PaymentRegistration]:
    return PaymentRegistration.objects.filter(organisation_id=organisation_id).select_related(
        "offering"
    )


@dataclass(frozen=True)
class AwaitingRequest:
    voucher: Voucher
    redeemed_on: dt.date
    last_request_date: dt.date
    days_left: int
    has_day_rate: bool


def has_day_rate_flag() -> Exists:
    """For a redeemed voucher: its current report's delivery country has a day rate effective on
    the delivery end date (R-PAY-3), so a payment request can be filed; one SQL predicate shared by
    the partner's list and the reminder."""
    rate = DayRate.objects.filter(
        country=OuterRef("delivery_country"), effective_from__lte=OuterRef("end_date")
    )
    return Exists(
        CompletionReport.objects.filter(voucher=OuterRef("pk"), voided_at__isnull=True).filter(
            Exists(rate)
        )
    )


def redeemed_vouchers_awaiting_request(
    *, organisation_id: int, today: dt.date
) -> list[AwaitingRequest]:
    """The firm's redeemed vouchers without a request whose window is still open (R-PAY-2)."""
    calendar = calendar_get()
    earliest = today - dt.timedelta(days=calendar.payment_window_days)
    vouchers = (
        Voucher.objects.filter(
            holder_id=organisation_id,
            status=VoucherStatus.REDEEMED,
            redeemed_on__gte=earliest,
            payment_request__isnull=True,
        )
        .select_related("engagement_type", "customer", "redeemed_location")
        .annotate(has_day_rate=has_day_rate_flag())
        .order_by("redeemed_on", "id")
    )
    rows = []
    for voucher in vouchers:
        assert voucher.redeemed_on is not None
        last = calendar.last_payment_request_date(voucher.redeemed_on)
        rows.append(
            AwaitingRequest(
                voucher, voucher.redeemed_on, last, (last - today).days, voucher.has_day_rate
            )
        )
    return rows


def vouchers_with_window_closing_on(last_day: dt.date) -> QuerySet[Voucher]:
    """Redeemed vouchers without a request whose payment window's last day is `last_day` and that
    can be paid: their delivery country has a day rate (R-PAY-3; no reminder asks for the
    impossible)."""
    redeemed_on = last_day - dt.timedelta(days=calendar_get().payment_window_days)
    return (
        Voucher.objects.filter(
            status=VoucherStatus.REDEEMED, redeemed_on=redeemed_on, payment_request__isnull=True
        )
        .filter(has_day_rate_flag())
        .order_by("pk")
    )


@dataclass(frozen=True)
class PaymentQuote:
    """What a request for a redeemed voucher would pay (R-PAY-3), for the request form."""

    voucher: Voucher
    delivery_country: str
    delivery_end: dt.date
    days: int
    day_rate: Decimal | None
    currency: str
    amount: Decimal | None
    last_request_date: dt.date
    days_left: int


def payment_quote(*, voucher: Voucher, today: dt.date) -> PaymentQuote:
    """The amount a request would carry: service level × the delivery country's day rate on the
    delivery end date; None when that country has no rate (the request would be refused)."""
    report = voucher_current_report(voucher)
    if report is None or voucher.redeemed_on is None:
        raise PaymentRequestNotFound(
            _("Voucher %(display_id)s is not redeemed.") % {"display_id": voucher.display_id}
        )
    country = str(report.delivery_country)
    rate = day_rate_for(country=country, on=report.end_date)
    last = calendar_get().last_payment_request_date(voucher.redeemed_on)
    return PaymentQuote(
        voucher=voucher,
        delivery_country=country,
        delivery_end=report.end_date,
        days=voucher.days,
        day_rate=rate.amount if rate else None,
        currency=rate.currency if rate else "",
        amount=(rate.amount * voucher.days).quantize(Decimal("0.01")) if rate else None,
        last_request_date=last,
        days_left=(last - today).days,
    )


@dataclass(frozen=True)
class FirmPaymentsPanel:
    """The partner home's payments panel: registration, requests by status, what is paid."""

    registrations: list[PaymentRegistration]
    redeemed_without_request: int
    counts: dict[str, int]
    paid: list[tuple[str, Decimal]]  # (currency, total paid)
    recent: list[PaymentRequest]

    @property
    def registered(self) -> bool:
        return bool(self.registrations)

    def _count(self, *statuses: str) -> int:
        return sum(self.counts.get(status, 0) for status in statuses)

    @property
    def in_review(self) -> int:
        return self._count(PaymentRequestStatus.SUBMITTED, PaymentRequestStatus.VALIDATING)

    @property
    def held(self) -> int:
        return self._count(PaymentRequestStatus.HELD)

    @property
    def approved(self) -> int:
        return self._count(PaymentRequestStatus.APPROVED)

    @property
    def in_payment_run(self) -> int:
        return self._count(PaymentRequestStatus.IN_PAYMENT_RUN)


def firm_payments_panel(*, organisation_id: int, recent: int = 5) -> FirmPaymentsPanel:
    """A fixed number of queries whatever the firm's size (sums and counts in SQL)."""
    requests = PaymentRequest.objects.filter(organisation_id=organisation_id)
    counts = {
        row["status"]: row["n"]
        for row in requests.order_by().values("status").annotate(n=Count("pk"))
    }
    paid = [
        (row["currency"], row["total"])
        for row in requests.filter(status=PaymentRequestStatus.PAID)
        .order_by("currency")
        .values("currency")
        .annotate(total=Sum("amount"))
    ]
    waiting = (
        Voucher.objects.filter(holder_id=organisation_id, status=VoucherStatus.REDEEMED)
        .filter(payment_request__isnull=True)
        .count()
    )
    return FirmPaymentsPanel(
        registrations=list(
            PaymentRegistration.objects.filter(organisation_id=organisation_id)
            .select_related("offering")
            .order_by("offering__code", "pk")
        ),
        redeemed_without_request=waiting,
        counts=counts,
        paid=paid,
        recent=list(requests.select_related("voucher").order_by("-id")[:recent]),
    )


# What each validation flag's rule asks, in the reviewer's words (R-PAY-4).
RULE_IN_WORDS = {
    "R-DEL-1": gettext_lazy(
        "At least one delivering consultant of the firm holds an exam tied to the "
        "engagement type's qualifying competency."
    ),
    "R-DEL-2": gettext_lazy(
        "A completion report is filed with its deliverables and the no-extra-fee "
        "attestation; on-site and off-site days stay within the service level and the limits."
    ),
    "R-LOC-1": gettext_lazy("The firm acts through one of its locations in the delivery country."),
    "R-VOU-1": gettext_lazy(
        "The engagement's length is one of the engagement type's service levels."
    ),
    "R-CAP-1": gettext_lazy(
        "One customer uses at most 15 days per engagement type, unless the vouchers name "
        "different divisions or product scopes."
    ),
    "R-ENR-2": gettext_lazy(
        "The firm is enrolled in the offering and holds a qualifying competency on the "
        "days checked."
    ),
}


def rule_in_words(rule: str) -> str:
    return str(RULE_IN_WORDS.get(rule, _("A program rule the automated validation checks.")))


@dataclass(frozen=True)
class RequestEvidence:
    """Everything a reviewer needs beside the request: the voucher, its reservation, the filed
    report with its deliverables, and the delivering consultants with their exams."""

    voucher: Voucher
    reservation: Reservation | None
    report: CompletionReport | None
    deliverables: list[Deliverable]
    consultants: list[Consultant]
    flags: list[dict[str, object]]


def payment_request_evidence(request: PaymentRequest) -> RequestEvidence:
    voucher = (
        Voucher.objects.select_related("customer", "engagement_type__offering", "holder")
        .filter(pk=request.voucher_id)
        .get()
    )
    report = voucher_current_report(voucher)
    consultants: list[Consultant] = []
    if report is not None:
        consultants = list(
            report.consultants.prefetch_related("exams__exam__competency").order_by("name", "pk")
        )
    reservation = (
        report.reservation
        if report is not None
        else Reservation.objects.filter(voucher=voucher).order_by("-pk").first()
    )
    return RequestEvidence(
        voucher=voucher,
        reservation=reservation,
        report=report,
        deliverables=list(report.deliverables.order_by("pk")) if report is not None else [],
        consultants=consultants,
        flags=[
            {**flag, "rule_words": rule_in_words(str(flag.get("rule", "")))}
            for flag in request.flags
        ],
    )


def access_answer_file(*, actor: Actor, public_id: str, file_id: int) -> PaymentAnswerFile:
    """A file of an answer to a hold, for the firm of the request and the operator."""
    request = access_payment_request_for_actor(actor=actor, public_id=public_id)
    found = PaymentAnswerFile.objects.filter(request=request, pk=file_id).order_by("pk").first()
    if found is None:
        raise AnswerFileNotFound(_("There is no such file for you (R-ROLE-1)."))
    return found


def payment_waiting_reason(request: PaymentRequest) -> str:
    """Why an approved request waits out of payment runs, in the firm's words, or ""."""
    if request.status != "approved":
        return ""
    pending = request.registration.details_changes.filter(status="pending").order_by("pk").first()
    if pending is None:
        return ""
    return _(
        "Your firm's new payment details (account %(iban_masked)s), submitted on "
        "%(submitted_on)s, wait for the program operator's verification. Approved requests go "
        "into a payment run once they are verified."
    ) % {"iban_masked": pending.iban_masked, "submitted_on": long_date(pending.submitted_on)}
