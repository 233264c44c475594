"""The customer's own steps (seed step 4 seen from the customer, and what follows): activate the
benefit on an agreement (R-ACT-1), create and assign a voucher (R-VOU-1..3), forward the voucher
id to the partner, follow the engagement. A fixed number of queries (PERF-4): the agreements with
their ledger accounts, one voucher aggregate, the first vouchers to forward."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planserv.accounts.models import Organisation
from planserv.core.formatting import days, long_date
from planserv.core.types import Role
from planserv.customers.ledger.accounts import AccountKind
from planserv.customers.ledger.selectors import agreement_balances
from planserv.customers.models import LicensingAgreement
from planserv.guidance.getting_started.types import (
    Figure,
    GettingStarted,
    Item,
    Link,
    Step,
    StepState,
)
from planserv.program.calendar import ProgramCalendar, calendar_get
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.models import Voucher

S = StepState
FORWARD_LIMIT = 10
STATUSES = (
    VoucherStatus.ASSIGNED,
    VoucherStatus.RESERVED,
    VoucherStatus.DELIVERED,
    VoucherStatus.REDEEMED,
)


def _some(names: list[str], shown: int = 3) -> str:
    """At most `shown` names, then how many more: a large customer has hundreds of agreements."""
    if len(names) <= shown:
        return ", ".join(names)
    return _("%(names)s and %(count)s more") % {
        "names": ", ".join(names[:shown]),
        "count": len(names) - shown,
    }


def _vouchers(status: str, label: str) -> Link:
    return Link("portal:customer_vouchers", label, query=f"status={status}")


def _voucher_counts(customer: Organisation) -> dict[str, int]:
    row = (
        Voucher.objects.filter(customer_id=customer.pk)
        .order_by()
        .aggregate(
            total=Count("pk"),
            **{str(status): Count("pk", filter=Q(status=status)) for status in STATUSES},
        )
    )
    return {key: int(value) for key, value in row.items()}


def _step_activate(agreements: list[LicensingAgreement], today: dt.date) -> Step:
    title = _("Activate the Planning Services benefit")
    link = Link("portal:customer_agreements", _("Your agreements"))
    if not agreements:
        return Step(
            1,
            "activate",
            title,
            S.LOCKED,
            _("No licensing agreement is recorded for your organisation yet."),
            link,
            why_locked=_(
                "The program operator records your licensing agreements; ask them or "
                "open a support request."
            ),
        )
    waiting = [a for a in agreements if not a.is_activated and a.is_active_on(today)]
    activated = [a for a in agreements if a.is_activated]
    figures = (
        Figure(
            _("Agreements activated"),
            _("%(done)s of %(total)s") % {"done": len(activated), "total": len(agreements)},
            len(activated),
        ),
    )
    if activated:
        names = _some([a.licensing_id for a in activated])
        summary = _("Activated on %(names)s.") % {"names": names}
        if waiting:
            summary += " " + ngettext(
                "%(count)s other agreement can still be activated.",
                "%(count)s other agreements can still be activated.",
                len(waiting),
            ) % {"count": len(waiting)}
        return Step(1, "activate", title, S.DONE, summary, link, figures=figures)
    if not waiting:
        return Step(
            1,
            "activate",
            title,
            S.CLOSED,
            _("None of your agreements is active today, so none can be activated."),
            link,
            figures=figures,
        )
    first = waiting[0]
    return Step(
        1,
        "activate",
        title,
        S.OPEN,
        ngettext(
            "%(count)s agreement not activated yet: a benefits admin activates the "
            "benefit (start with %(first)s).",
            "%(count)s agreements not activated yet: a benefits admin activates the "
            "benefit (start with %(first)s).",
            len(waiting),
        )
        % {"count": len(waiting), "first": first.licensing_id},
        Link("portal:customer_agreement_detail", _("Activate"), args=(first.licensing_id,)),
        figures=figures,
    )


def _step_create(
    *,
    activated: bool,
    available: int,
    total: int,
    cal: ProgramCalendar,
    today: dt.date,
    role: str,
) -> Step:
    title = _("Create and assign a voucher")
    if role == Role.BENEFITS_ADMIN:
        link, who = Link("portal:customer_voucher_create", _("Create a voucher")), ""
    else:
        link = Link("portal:customer_vouchers", _("Your vouchers"))
        who = " " + _("A benefits admin creates and assigns them.")
    figures = (
        Figure(_("Days available for vouchers"), str(available), None),
        Figure(
            _("Vouchers created"),
            str(total),
            None,
            Link("portal:customer_vouchers", _("Vouchers")),
        ),
    )
    last = cal.last_create_date
    if not activated:
        return Step(
            2,
            "create",
            title,
            S.LOCKED,
            "",
            link,
            why_locked=_("Activate the benefit first (step 1)."),
        )
    if today > last:
        return Step(
            2,
            "create",
            title,
            S.CLOSED,
            _("The last day to create and assign vouchers was %(date)s.")
            % {"date": long_date(last)},
            Link("portal:customer_vouchers", _("Vouchers")),
            figures=figures,
        )
    if available:
        return Step(
            2,
            "create",
            title,
            S.OPEN,
            ngettext(
                "%(count)s day available: create vouchers and assign each to a project "
                "manager by %(date)s (%(left)s left); days left after that are removed.",
                "%(count)s days available: create vouchers and assign each to a project "
                "manager by %(date)s (%(left)s left); days left after that are removed.",
                available,
            )
            % {"count": available, "date": long_date(last), "left": days((last - today).days)}
            + who,
            link,
            deadline=last,
            figures=figures,
        )
    if total:
        return Step(
            2,
            "create",
            title,
            S.DONE,
            ngettext(
                "All your available days are in vouchers (%(count)s voucher created).",
                "All your available days are in vouchers (%(count)s vouchers created).",
                total,
            )
            % {"count": total},
            Link("portal:customer_vouchers", _("Vouchers")),
            figures=figures,
        )
    return Step(
        2,
        "create",
        title,
        S.LOCKED,
        "",
        link,
        why_locked=_("Your activated agreements have no Planning Services days available."),
        figures=figures,
    )


def _forward_items(customer: Organisation) -> list[Item]:
    vouchers = (
        Voucher.objects.filter(customer_id=customer.pk, status=VoucherStatus.ASSIGNED)
        .select_related("engagement_type", "nominated_partner")
        .order_by("expiry_date", "id")[:FORWARD_LIMIT]
    )
    items = []
    for voucher in vouchers:
        nominated = (
            " · "
            + _("only %(partner)s may reserve it") % {"partner": voucher.nominated_partner.name}
            if voucher.nominated_partner
            else ""
        )
        detail = ngettext(
            "%(type)s, %(count)s day · assigned to %(email)s · expires %(date)s",
            "%(type)s, %(count)s days · assigned to %(email)s · expires %(date)s",
            voucher.days,
        ) % {
            "type": voucher.engagement_type.name,
            "count": voucher.days,
            "email": voucher.assignee_email,
            "date": long_date(voucher.expiry_date),
        }
        items.append(
            Item(
                voucher.display_id,
                detail + nominated,
                Link("portal:customer_voucher_detail", _("Voucher"), args=(voucher.voucher_id,)),
            )
        )
    return items


def _step_forward(customer: Organisation, counts: dict[str, int]) -> Step:
    title = _("Forward the voucher id to your partner")
    assigned = counts[VoucherStatus.ASSIGNED]
    link = _vouchers(VoucherStatus.ASSIGNED, _("Vouchers not reserved yet"))
    figure = Figure(_("Assigned, not reserved by a partner"), str(assigned), assigned, link)
    if assigned:
        items = tuple(_forward_items(customer))
        return Step(
            3,
            "forward",
            title,
            S.OPEN,
            ngettext(
                "%(count)s voucher is assigned but not reserved: the project manager forwards "
                "the voucher id (with the email it was assigned to) to the partner firm, who "
                "validates and reserves it.",
                "%(count)s vouchers are assigned but not reserved: the project manager forwards "
                "the voucher id (with the email it was assigned to) to the partner firm, who "
                "validates and reserves it.",
                assigned,
            )
            % {"count": assigned},
            link,
            figures=(figure,),
            items=items,
            more_items=max(0, assigned - len(items)),
        )
    if counts["total"]:
        return Step(
            3,
            "forward",
            title,
            S.DONE,
            _("No voucher waits for a partner: every voucher you created has moved on."),
            link,
            figures=(figure,),
        )
    return Step(
        3,
        "forward",
        title,
        S.LOCKED,
        "",
        link,
        why_locked=_("Create and assign a voucher first (step 2)."),
        figures=(figure,),
    )


def _step_follow(counts: dict[str, int], cal: ProgramCalendar) -> Step:
    title = _("Follow the engagement")
    reserved = counts[VoucherStatus.RESERVED]
    delivered = counts[VoucherStatus.DELIVERED]
    redeemed = counts[VoucherStatus.REDEEMED]
    figures = (
        Figure(
            _("Reserved by a partner"),
            str(reserved),
            reserved,
            _vouchers("reserved", _("Reserved")),
        ),
        Figure(
            _("Delivered (report filed)"),
            str(delivered),
            delivered,
            _vouchers("delivered", _("Delivered")),
        ),
        Figure(_("Redeemed"), str(redeemed), redeemed, _vouchers("redeemed", _("Redeemed"))),
    )
    link = Link("portal:customer_vouchers", _("Your vouchers"))
    if reserved or delivered:
        return Step(
            4,
            "follow",
            title,
            S.IN_PROGRESS,
            ngettext(
                "%(count)s engagement in progress: partners must redeem by %(date)s at the latest.",
                "%(count)s engagements in progress: partners must redeem by %(date)s at the latest.",
                reserved + delivered,
            )
            % {"count": reserved + delivered, "date": long_date(cal.last_redemption_date)},
            link,
            deadline=cal.last_redemption_date,
            figures=figures,
        )
    if redeemed:
        return Step(
            4,
            "follow",
            title,
            S.DONE,
            ngettext(
                "%(count)s engagement delivered and redeemed; none in progress.",
                "%(count)s engagements delivered and redeemed; none in progress.",
                redeemed,
            )
            % {"count": redeemed},
            link,
            figures=figures,
        )
    return Step(
        4,
        "follow",
        title,
        S.LOCKED,
        "",
        link,
        why_locked=_("No partner has reserved one of your vouchers yet (step 3)."),
        figures=figures,
    )


def customer_getting_started(
    *,
    customer: Organisation,
    agreements: list[LicensingAgreement],
    today: dt.date,
    role: str = Role.BENEFITS_ADMIN,
) -> GettingStarted:
    """The customer's four steps on `today`; `agreements` are the customer's own, their ledger
    accounts prefetched."""
    cal = calendar_get()
    activated = [a for a in agreements if a.is_activated]
    available = sum(agreement_balances(a)[AccountKind.AVAILABLE] for a in activated)
    counts = _voucher_counts(customer)
    steps = (
        _step_activate(agreements, today),
        _step_create(
            activated=bool(activated),
            available=available,
            total=counts["total"],
            cal=cal,
            today=today,
            role=role,
        ),
        _step_forward(customer, counts),
        _step_follow(counts, cal),
    )
    return GettingStarted(
        side="customer",
        organisation_name=customer.name,
        today=today,
        steps=steps,
        active=counts["total"] > 0,
        first_engagement_step=2,
    )
