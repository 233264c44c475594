"""Steps 4-9 of the partner checklist: one engagement from the customer's voucher to payment
(seed steps 4-8; R-RES-1..4, R-DEL-1, R-RED-1, R-PAY-1..2; step 8, payment registration, is shown
from the start so a new firm knows of it before its first redemption). Pure: built from the counts that
`partner._firm_vouchers` and `partner._firm_payments` read in one query each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from planserv.core.formatting import days, long_date
from planserv.core.types import Role, role_holds
from planserv.guidance.getting_started.types import Figure, Link, Step, StepState
from planserv.program.calendar import ProgramCalendar

S = StepState
NOT_ENROLLED = gettext_lazy(
    "Your firm reserves and delivers vouchers once it is enrolled (step 2)."
)


@dataclass(frozen=True)
class FirmVouchers:
    ever_held: int
    nominated: int
    nominated_expiry: dt.date | None
    reserved: int
    reserved_expiry: dt.date | None
    delivered: int
    delivered_expiry: dt.date | None
    redeemed: int
    awaiting_payment: int
    awaiting_first_redeemed_on: dt.date | None


@dataclass(frozen=True)
class FirmPayments:
    held: int
    in_review: int
    paid: int
    registered_offerings: tuple[str, ...]
    redeemed_offerings: tuple[str, ...] = ()  # offerings with a redeemed voucher of the firm

    @property
    def unregistered_offerings(self) -> tuple[str, ...]:
        """Offerings where the firm redeemed a voucher but is not registered for payment."""
        return tuple(c for c in self.redeemed_offerings if c not in self.registered_offerings)


def _vouchers(status: str, label: str) -> Link:
    return Link("portal:partner_vouchers", label, query=f"status={status}")


def _step_customer(*, enrolled: bool, cal: ProgramCalendar, today: dt.date) -> Step:
    title = _("Customer creates and assigns a voucher")
    link = Link("portal:partner_profile", _("Your directory profile"))
    if not enrolled:
        return Step(4, "customer_voucher", title, S.LOCKED, "", link, why_locked=str(NOT_ENROLLED))
    last = cal.last_create_date
    if today > last:
        return Step(
            4,
            "customer_voucher",
            title,
            S.CLOSED,
            _(
                "Customers could create and assign vouchers until %(date)s: only vouchers "
                "already assigned can still be reserved."
            )
            % {"date": long_date(last)},
            link,
        )
    return Step(
        4,
        "customer_voucher",
        title,
        S.READY,
        _(
            "Your customer activates its benefit, creates a voucher, assigns it to a project "
            "manager and forwards you the voucher id. Customers create vouchers until %(date)s "
            "(%(left)s left)."
        )
        % {"date": long_date(last), "left": days((last - today).days)},
        link,
        deadline=last,
    )


def _step_reserve(
    *,
    enrolled: bool,
    eligible_types: int,
    vouchers: FirmVouchers,
    cal: ProgramCalendar,
    today: dt.date,
    role: str,
) -> Step:
    title = _("Validate and reserve the voucher")
    if role_holds(role, Role.PARTNER_ADMIN):
        link = Link("portal:partner_voucher_reserve", _("Validate and reserve"))
        who = ""
    else:
        link = Link("portal:partner_vouchers", _("Your vouchers"))
        who = " " + _("A partner admin validates and reserves vouchers.")
    nominated = Figure(
        _("Vouchers nominated for your firm, not yet reserved"),
        str(vouchers.nominated),
        vouchers.nominated,
        link,
    )
    if today > cal.last_redemption_date:
        return Step(
            5, "reserve", title, S.CLOSED, _("The program's last redemption day has passed.")
        )
    if not enrolled or not eligible_types:
        why = (
            str(NOT_ENROLLED)
            if not enrolled
            else _(
                "Your firm is enrolled but holds no qualifying competency for any engagement type "
                "(R-ENR-2): see step 1."
            )
        )
        return Step(5, "reserve", title, S.LOCKED, "", link, why_locked=why, figures=(nominated,))
    if vouchers.nominated:
        assert vouchers.nominated_expiry is not None
        return Step(
            5,
            "reserve",
            title,
            S.OPEN,
            ngettext(
                "%(count)s voucher nominated for your firm waits to be reserved; the first "
                "expires on %(date)s. Ask the customer for the voucher id.",
                "%(count)s vouchers nominated for your firm wait to be reserved; the first "
                "expires on %(date)s. Ask the customer for the voucher id.",
                vouchers.nominated,
            )
            % {"count": vouchers.nominated, "date": long_date(vouchers.nominated_expiry)}
            + who,
            link,
            deadline=vouchers.nominated_expiry,
            figures=(nominated,),
        )
    return Step(
        5,
        "reserve",
        title,
        S.READY,
        ngettext(
            "When a customer forwards a voucher id, validate it with the project manager's email "
            "and reserve it. Your firm may deliver %(count)s engagement type.",
            "When a customer forwards a voucher id, validate it with the project manager's email "
            "and reserve it. Your firm may deliver %(count)s engagement types.",
            eligible_types,
        )
        % {"count": eligible_types}
        + who,
        link,
        figures=(nominated,),
    )


def _step_complete(*, enrolled: bool, vouchers: FirmVouchers) -> Step:
    title = _("Complete the engagement and file the completion report")
    link = _vouchers("reserved", _("Reserved vouchers"))
    figure = Figure(
        _("Reserved, no completion report yet"), str(vouchers.reserved), vouchers.reserved, link
    )
    if vouchers.reserved:
        assert vouchers.reserved_expiry is not None
        return Step(
            6,
            "complete",
            title,
            S.OPEN,
            ngettext(
                "%(count)s reserved voucher waits for the completion report; the first expires "
                "on %(date)s.",
                "%(count)s reserved vouchers wait for the completion report; the first expires "
                "on %(date)s.",
                vouchers.reserved,
            )
            % {"count": vouchers.reserved, "date": long_date(vouchers.reserved_expiry)},
            link,
            deadline=vouchers.reserved_expiry,
            figures=(figure,),
        )
    if not enrolled:
        return Step(
            6,
            "complete",
            title,
            S.LOCKED,
            "",
            link,
            why_locked=str(NOT_ENROLLED),
            figures=(figure,),
        )
    return Step(
        6,
        "complete",
        title,
        S.READY,
        _("No reserved voucher waits for a completion report."),
        link,
        figures=(figure,),
    )


def _step_redeem(*, enrolled: bool, vouchers: FirmVouchers, cal: ProgramCalendar) -> Step:
    title = _("Redeem the voucher")
    link = _vouchers("delivered", _("Delivered vouchers"))
    figure = Figure(_("Reported, not redeemed"), str(vouchers.delivered), vouchers.delivered, link)
    if vouchers.delivered:
        assert vouchers.delivered_expiry is not None
        by = min(vouchers.delivered_expiry, cal.last_redemption_date)
        return Step(
            7,
            "redeem",
            title,
            S.OPEN,
            ngettext(
                "%(count)s reported voucher waits to be redeemed; the first by %(date)s (R-RED-1).",
                "%(count)s reported vouchers wait to be redeemed; the first by %(date)s (R-RED-1).",
                vouchers.delivered,
            )
            % {"count": vouchers.delivered, "date": long_date(by)},
            link,
            deadline=by,
            figures=(figure,),
        )
    if not enrolled:
        return Step(
            7, "redeem", title, S.LOCKED, "", link, why_locked=str(NOT_ENROLLED), figures=(figure,)
        )
    return Step(
        7,
        "redeem",
        title,
        S.READY,
        _("No reported voucher waits to be redeemed. The last redemption day is %(date)s.")
        % {"date": long_date(cal.last_redemption_date)},
        link,
        figures=(figure,),
    )


REGISTRATION_OPENS = gettext_lazy(
    "Registration opens with your firm's first redeemed voucher in an offering: then a global "
    "admin registers the firm's legal name, tax id and bank account for that offering. "
    "Have them ready before your first redemption."
)


def _step_register(*, enrolled: bool, payments: FirmPayments, role: str) -> Step:
    title = _("Register for payment")
    link = (
        Link("portal:partner_payment_register", _("Register for payment"))
        if role == Role.GLOBAL_ADMIN
        else Link("portal:partner_payments", _("Payments"))
    )
    registered = ", ".join(payments.registered_offerings)
    figures = (
        Figure(_("Offerings registered"), str(len(payments.registered_offerings)), None, link),
        Figure(
            _("Redeemed in an offering not registered"),
            str(len(payments.unregistered_offerings)),
            len(payments.unregistered_offerings),
            link,
        ),
    )
    missing = payments.unregistered_offerings
    if missing:
        summary = (
            _("Register for payment in %(offerings)s before requesting payment.")
            if role == Role.GLOBAL_ADMIN
            else _(
                "Register for payment in %(offerings)s before requesting payment "
                "(a global admin of your firm registers)."
            )
        )
        return Step(
            8,
            "register",
            title,
            S.OPEN,
            summary % {"offerings": ", ".join(missing)},
            link,
            figures=figures,
        )
    if payments.registered_offerings:
        return Step(
            8,
            "register",
            title,
            S.DONE,
            _("Registered for payment in %(offerings)s.") % {"offerings": registered},
            link,
            figures=figures,
        )
    why = str(REGISTRATION_OPENS if enrolled else NOT_ENROLLED)
    return Step(8, "register", title, S.LOCKED, "", link, why_locked=why, figures=figures)


def _step_payment(
    *, enrolled: bool, vouchers: FirmVouchers, payments: FirmPayments, cal: ProgramCalendar
) -> Step:
    title = _("Request payment")
    link = Link("portal:partner_payments", _("Payments"))
    figures = (
        Figure(
            _("Redeemed, no payment request yet"),
            str(vouchers.awaiting_payment),
            vouchers.awaiting_payment,
            link,
        ),
        Figure(
            _("Payment requests held with a question for you"),
            str(payments.held),
            payments.held,
            link,
        ),
        Figure(
            _("Payment requests in review or in a payment run"),
            str(payments.in_review),
            None,
            link,
        ),
    )
    registration = (
        ""
        if payments.registered_offerings
        else " " + _("Register your remittance details first (a global admin, Payments page).")
    )
    if vouchers.awaiting_payment or payments.held:
        parts = []
        deadline = None
        if vouchers.awaiting_payment:
            assert vouchers.awaiting_first_redeemed_on is not None
            deadline = cal.last_payment_request_date(vouchers.awaiting_first_redeemed_on)
            parts.append(
                ngettext(
                    "%(count)s redeemed voucher has no payment request; the first window closes "
                    "on %(date)s (R-PAY-2).",
                    "%(count)s redeemed vouchers have no payment request; the first window closes "
                    "on %(date)s (R-PAY-2).",
                    vouchers.awaiting_payment,
                )
                % {"count": vouchers.awaiting_payment, "date": long_date(deadline)}
            )
        if payments.held:
            parts.append(
                ngettext(
                    "%(count)s payment request is held with a question for you.",
                    "%(count)s payment requests are held with a question for you.",
                    payments.held,
                )
                % {"count": payments.held}
            )
        return Step(
            9,
            "payment",
            title,
            S.OPEN,
            " ".join(parts) + registration,
            link,
            deadline=deadline,
            figures=figures,
        )
    if not enrolled and not vouchers.redeemed:
        return Step(
            9, "payment", title, S.LOCKED, "", link, why_locked=str(NOT_ENROLLED), figures=figures
        )
    return Step(
        9,
        "payment",
        title,
        S.READY,
        _(
            "Nothing waits for a payment request: request payment within %(days)s "
            "days after each redemption."
        )
        % {"days": cal.payment_window_days}
        + registration,
        link,
        figures=figures,
    )


def engagement_steps(
    *,
    enrolled: bool,
    eligible_types: int,
    vouchers: FirmVouchers,
    payments: FirmPayments,
    cal: ProgramCalendar,
    today: dt.date,
    role: str,
) -> tuple[Step, ...]:
    return (
        _step_customer(enrolled=enrolled, cal=cal, today=today),
        _step_reserve(
            enrolled=enrolled,
            eligible_types=eligible_types,
            vouchers=vouchers,
            cal=cal,
            today=today,
            role=role,
        ),
        _step_complete(enrolled=enrolled, vouchers=vouchers),
        _step_redeem(enrolled=enrolled, vouchers=vouchers, cal=cal),
        _step_register(enrolled=enrolled, payments=payments, role=role),
        _step_payment(enrolled=enrolled, vouchers=vouchers, payments=payments, cal=cal),
    )
