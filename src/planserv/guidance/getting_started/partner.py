"""The partner firm's nine steps (the notice's "Get started"), from the firm's own data.

Steps 1-3 read eligibility (partners.eligibility, R-ENR-1/2), enrollments and the business
profile; steps 4-9 read the vouchers the firm holds or is nominated for and its payment requests.
A fixed number of queries whatever the number of vouchers (PERF-4): eligibility's own fixed set,
one profile row, one voucher aggregate, one payment request aggregate, one registration list.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planserv.accounts.models import Organisation
from planserv.core.formatting import days, long_date
from planserv.core.types import Role, role_holds
from planserv.guidance.getting_started.partner_engagements import (
    FirmPayments,
    FirmVouchers,
    engagement_steps,
)
from planserv.guidance.getting_started.types import Figure, GettingStarted, Link, Step, StepState
from planserv.partners.eligibility import FirmEligibility, OfferingRow, firm_eligibility
from planserv.partners.models import BusinessProfile, Enrollment
from planserv.payments.lifecycle import PaymentRequestStatus
from planserv.payments.models import PaymentRegistration, PaymentRequest
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher

S = StepState
IN_REVIEW = (
    PaymentRequestStatus.SUBMITTED,
    PaymentRequestStatus.VALIDATING,
    PaymentRequestStatus.APPROVED,
    PaymentRequestStatus.IN_PAYMENT_RUN,
)


def _firm_vouchers(firm: Organisation, *, today: dt.date, cal: ProgramCalendar) -> FirmVouchers:
    """Every voucher count of steps 5-8 in one aggregate query."""
    held = Q(holder_id=firm.pk)
    nominated = Q(nominated_partner_id=firm.pk, status=VoucherStatus.ASSIGNED)
    reserved = held & Q(status=VoucherStatus.RESERVED)
    delivered = held & Q(status=VoucherStatus.DELIVERED)
    earliest = today - dt.timedelta(days=cal.payment_window_days)
    awaiting = held & Q(
        status=VoucherStatus.REDEEMED, payment_request__isnull=True, redeemed_on__gte=earliest
    )
    row = (
        Voucher.objects.filter(held | nominated)
        .order_by()
        .aggregate(
            ever_held=Count("pk", filter=held),
            nominated=Count("pk", filter=nominated),
            nominated_expiry=Min("expiry_date", filter=nominated),
            reserved=Count("pk", filter=reserved),
            reserved_expiry=Min("expiry_date", filter=reserved),
            delivered=Count("pk", filter=delivered),
            delivered_expiry=Min("expiry_date", filter=delivered),
            redeemed=Count("pk", filter=held & Q(status=VoucherStatus.REDEEMED)),
            awaiting_payment=Count("pk", filter=awaiting),
            awaiting_first_redeemed_on=Min("redeemed_on", filter=awaiting),
        )
    )
    return FirmVouchers(**row)


def _firm_payments(firm: Organisation) -> FirmPayments:
    row = (
        PaymentRequest.objects.filter(organisation_id=firm.pk)
        .order_by()
        .aggregate(
            held=Count("pk", filter=Q(status=PaymentRequestStatus.HELD)),
            in_review=Count("pk", filter=Q(status__in=IN_REVIEW)),
            paid=Count("pk", filter=Q(status=PaymentRequestStatus.PAID)),
        )
    )
    offerings = PaymentRegistration.objects.filter(organisation_id=firm.pk).order_by(
        "offering__code"
    )
    redeemed = (
        Voucher.objects.filter(holder_id=firm.pk, status=VoucherStatus.REDEEMED)
        .order_by("engagement_type__offering__code")
        .values_list("engagement_type__offering__code", flat=True)
        .distinct()
    )
    return FirmPayments(
        registered_offerings=tuple(offerings.values_list("offering__code", flat=True)),
        redeemed_offerings=tuple(redeemed),
        **row,
    )


def _codes(rows: list[OfferingRow]) -> str:
    return ", ".join(row.offering.code for row in rows)


def _days_left(day: dt.date, today: dt.date) -> str:
    left = (day - today).days
    if left == 0:
        return _("today")
    return _("%(days)s left") % {"days": days(left)}


def _step_eligibility(elig: FirmEligibility, can_enroll: list[OfferingRow]) -> Step:
    enrolled = [row for row in elig.offerings if row.enrollment is not None]
    types = elig.eligible_engagement_types
    link = Link("portal:partner_eligibility", _("See your eligibility"))
    figures = (
        Figure(_("Program eligibility"), elig.status_label),
        Figure(_("Offerings you may enroll in"), str(len(can_enroll)), len(can_enroll)),
        Figure(_("Engagement types you are eligible to deliver"), str(len(types)), len(types)),
    )
    if enrolled or can_enroll:
        if types:
            summary = ngettext(
                "Eligible to deliver %(count)s engagement type in %(offerings)s.",
                "Eligible to deliver %(count)s engagement types in %(offerings)s.",
                len(types),
            ) % {"count": len(types), "offerings": _codes(enrolled)}
        else:
            summary = _("Your firm meets the competency requirement of %(offerings)s.") % {
                "offerings": _codes(can_enroll)
            }
        return Step(
            1, "eligibility", _("Verify eligibility"), S.DONE, summary, link, figures=figures
        )
    summary = (
        elig.next_steps[-1]
        if elig.next_steps
        else _("Your firm holds no competency that an offering requires yet.")
    )
    return Step(
        1,
        "eligibility",
        _("Verify eligibility"),
        S.OPEN,
        _("Not eligible for any offering yet. %(summary)s") % {"summary": summary},
        link,
        figures=figures,
    )


def _step_enroll(
    elig: FirmEligibility,
    can_enroll: list[OfferingRow],
    today: dt.date,
    role: str,
    *,
    lapsed_on: dt.date | None,
    cal: ProgramCalendar,
) -> Step:
    """`lapsed_on`: the last day of the firm's latest enrollment that has ended, if any."""
    title = _("Enroll")
    enrolled = [row for row in elig.offerings if row.enrollment is not None]
    ended = (
        _("Your enrollment ended on %(date)s.") % {"date": long_date(lapsed_on)} + " "
        if lapsed_on
        else ""
    )
    if not enrolled and today > cal.last_redemption_date:
        return Step(
            2,
            "enroll",
            title,
            S.CLOSED,
            ended
            + _(
                "The program has ended: no voucher can be redeemed after %(date)s, so there is "
                "nothing left to enroll for."
            )
            % {"date": long_date(cal.last_redemption_date)},
            Link("portal:partner_enrollments", _("Enrollment")),
        )
    if not enrolled and not can_enroll:
        return Step(
            2,
            "enroll",
            title,
            S.LOCKED,
            ended + _("Not enrolled."),
            Link("portal:partner_enrollments", _("Enrollment")),
            why_locked=_(
                "Your firm must first meet an offering's competency requirement (step 1)."
            ),
        )
    if not enrolled:
        may = (
            _(
                "You may enroll again in %(offerings)s: a global admin reads and accepts the "
                "program agreement."
            )
            if lapsed_on
            else _(
                "Not enrolled yet. You may enroll in %(offerings)s: a global admin reads and "
                "accepts the program agreement."
            )
        )
        return Step(
            2,
            "enroll",
            title,
            S.OPEN,
            ended + may % {"offerings": _codes(can_enroll)},
            Link("portal:partner_enrollments", _("Enroll")),
        )
    parts = []
    for row in enrolled:
        assert row.enrollment is not None
        parts.append(
            _("%(offering)s until %(date)s")
            % {"offering": row.offering.code, "date": long_date(row.enrollment.last_day)}
        )
    summary = _("Enrolled in %(offerings)s.") % {"offerings": "; ".join(parts)}
    due = [row for row in enrolled if row.renewal_opens_on and row.renewal_opens_on <= today]
    ends = min(row.enrollment.last_day for row in enrolled if row.enrollment is not None)
    figures: tuple[Figure, ...] = (
        Figure(_("Offerings enrolled"), str(len(enrolled)), len(enrolled)),
    )
    if can_enroll:
        figures += (
            Figure(
                _("Offerings you may still enroll in"),
                _codes(can_enroll),
                None,
                Link("portal:partner_enrollments", _("Enroll")),
            ),
        )
    if due:
        first = min(due, key=lambda row: row.enrollment.last_day if row.enrollment else today)
        assert first.enrollment is not None
        last_day = first.enrollment.last_day
        may_renew = first.can_renew and role == Role.GLOBAL_ADMIN
        renew = (
            Link("portal:partner_enrollment_renew", _("Renew"), args=(first.offering.code,))
            if may_renew
            else Link("portal:partner_enrollments", _("Enrollment"))
        )
        if not first.can_renew:
            note = " " + _(
                "Your firm no longer holds the competency it requires, so it cannot renew."
            )
        else:
            note = "" if may_renew else " " + _("A global admin renews it.")
        return Step(
            2,
            "enroll",
            title,
            S.OPEN,
            summary
            + " "
            + _(
                "Renewal window open: the %(offering)s enrollment ends on %(date)s (%(left)s); "
                "renew by then."
            )
            % {
                "offering": first.offering.code,
                "date": long_date(last_day),
                "left": _days_left(last_day, today),
            }
            + note,
            renew,
            deadline=last_day,
            figures=figures,
        )
    return Step(
        2,
        "enroll",
        title,
        S.DONE,
        summary,
        Link("portal:partner_enrollments", _("Enrollment")),
        deadline=ends,
        figures=figures,
    )


def _step_profile(firm: Organisation, eligible_somewhere: bool, role: str) -> Step:
    title = _("Create or update your business profile")
    profile = (
        BusinessProfile.objects.filter(organisation_id=firm.pk)
        .order_by("pk")
        .values("is_published", "published_at")
        .first()
    )
    if profile and profile["is_published"]:
        return Step(
            3,
            "profile",
            title,
            S.DONE,
            _("Published: customers find your firm in the partner directory while it is enrolled."),
            Link("portal:partner_profile", _("See your profile")),
        )
    if not eligible_somewhere:
        return Step(
            3,
            "profile",
            title,
            S.LOCKED,
            _("Not published."),
            Link("portal:partner_profile", _("Profile")),
            why_locked=_(
                "The directory lists enrolled firms only: first become eligible (step 1) "
                "and enroll (step 2)."
            ),
        )
    summary = (
        _("A draft is saved but not published: a profile admin publishes it.")
        if profile
        else _(
            "No profile yet: a profile admin describes your firm, the countries it serves and "
            "the offerings it delivers, then publishes it."
        )
    )
    return Step(
        3,
        "profile",
        title,
        S.OPEN,
        summary,
        Link(
            "portal:partner_profile_edit"
            if not profile and role_holds(role, Role.PROFILE_ADMIN)
            else "portal:partner_profile",
            _("Profile"),
        ),
    )


def _lapsed_on(firm: Organisation, today: dt.date) -> dt.date | None:
    """The last day of the firm's latest enrollment that ended before `today` (one query)."""
    ended: dt.date | None = Enrollment.objects.filter(
        organisation=firm, last_day__lt=today
    ).aggregate(last=Max("last_day"))["last"]
    return ended


def partner_getting_started(
    *, firm: Organisation, today: dt.date, role: str = Role.GLOBAL_ADMIN
) -> GettingStarted:
    """The firm's nine steps on `today` (seed "Get started"; R-ENR-1/2, R-RES, R-RED-1,
    R-PAY-2). Links lead to the page the acting `role` may open: an action page its role may use,
    else the page that shows the step (the summary says who acts)."""
    cal = calendar_get()
    elig = firm_eligibility(organisation=firm, on=today)
    can_enroll = [row for row in elig.offerings if row.can_enroll]
    enrolled = any(row.enrollment is not None for row in elig.offerings)
    vouchers = _firm_vouchers(firm, today=today, cal=cal)
    payments = _firm_payments(firm)
    steps = (
        _step_eligibility(elig, can_enroll),
        _step_enroll(
            elig,
            can_enroll,
            today,
            role,
            lapsed_on=None if enrolled else _lapsed_on(firm, today),
            cal=cal,
        ),
        _step_profile(firm, enrolled or bool(can_enroll), role),
        *engagement_steps(
            enrolled=enrolled,
            eligible_types=len(elig.eligible_engagement_types),
            vouchers=vouchers,
            payments=payments,
            cal=cal,
            today=today,
            role=role,
        ),
    )
    return GettingStarted(
        side="partner",
        organisation_name=firm.name,
        today=today,
        steps=steps,
        active=enrolled and vouchers.ever_held > 0,
    )
