"""Customer voucher pages (seed step 4): create and assign with the pool and the deadlines in
view, the voucher list with status and expiry countdown (and CSV), a voucher's page with its
history, cancel. Views translate; vouchers.services and vouchers.selectors decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.customers.selectors import (
    access_agreement_for_customer,
    agreement_balance_rows,
)
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.shared.vouchers import (
    accessed,
    csv_response,
    detail_context,
    paginate,
    rows,
    status_choices,
)
from planserv.program.calendar import calendar_get
from planserv.program.models import SERVICE_LEVELS
from planserv.program.selectors import engagement_type_get, engagement_types_list
from planserv.vouchers.rules import base_expiry, redeem_by
from planserv.vouchers.selectors import (
    access_voucher_for_customer,
    project_managers_of,
    voucher_list_for_customer,
)
from planserv.vouchers.services import voucher_cancel, voucher_create_and_assign

CUSTOMER = ("customer",)


class VoucherForm(forms.Form):
    agreement = forms.ChoiceField(label=gettext_lazy("Licensing agreement"))
    engagement_type = forms.ChoiceField(label=gettext_lazy("Engagement type"))
    days = forms.TypedChoiceField(
        label=gettext_lazy("Service level (days)"),
        coerce=int,
        choices=[(level, str(level)) for level in SERVICE_LEVELS],  # worded in __init__
    )
    assignee = forms.ChoiceField(label=gettext_lazy("Assign to (project manager)"))
    division = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("Division or legal entity (optional)")
    )
    product_scope = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("Product scope (optional)")
    )
    # A partner id typed in, not a list of every firm: with thousands of firms a select list
    # made the page slow (PERF-6) and unusable; the service refuses an unknown id.
    nominated_partner = forms.CharField(
        required=False,
        max_length=32,
        label=gettext_lazy("Only this partner may reserve it (optional partner id, e.g. P-100002)"),
    )

    def __init__(
        self,
        *args: Any,
        actor: Actor,
        balance_rows: list[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.balance_rows = agreement_balance_rows(actor) if balance_rows is None else balance_rows
        today = clock.today()
        cloud_open = calendar_get().cloud_open(today)
        self.fields["agreement"].choices = [  # type: ignore[attr-defined]
            (
                row["licensing_id"],
                _("%(agreement)s (%(days)s days available)")
                % {"agreement": row["licensing_id"], "days": row["available"]},
            )
            for row in self.balance_rows
            if row["is_activated"]
        ]
        self.fields["engagement_type"].choices = [  # type: ignore[attr-defined]
            (
                t.code,
                _("%(offering)s · %(name)s (cloud, retired)")
                % {"offering": t.offering.code, "name": t.name}
                if t.is_cloud and not cloud_open
                else f"{t.offering.code} · {t.name}",
            )
            for t in engagement_types_list()
        ]
        # The English wording is "N days" for every level, 1 included (kept as it was).
        self.fields["days"].choices = [  # type: ignore[attr-defined]
            (level, ngettext("%(count)s days", "%(count)s days", level) % {"count": level})
            for level in SERVICE_LEVELS
        ]
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            (m.user.email, f"{m.user.full_name} <{m.user.email}>")
            for m in project_managers_of(actor.organisation_id or 0)
        ]


def _pool(form: VoucherForm) -> list[dict[str, Any]]:
    # The form's one aggregate query, no agreement objects (PERF-6: hundreds of agreements).
    return [{"agreement": row, "balances": row} for row in form.balance_rows]


def _form_page(
    request: HttpRequest, form: VoucherForm, error: DomainError | None = None
) -> HttpResponse:
    today = clock.today()
    calendar = calendar_get()
    expiry = base_expiry(today, calendar.voucher_validity_days)
    return render(
        request,
        "portal/customer/voucher_form.html",
        {
            "form": form,
            "error": error,
            "pool": _pool(form),
            "calendar": calendar,
            "today": today,
            "create_open": today <= calendar.last_create_date,
            "days_to_last_create": (calendar.last_create_date - today).days,
            "expiry_if_today": expiry,
            "redeem_by_if_today": redeem_by(expiry, calendar),
        },
        status=error.http_status if error else 200,
    )


@portal_view(kinds=CUSTOMER, roles=(Role.BENEFITS_ADMIN,))
def voucher_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if request.method != "POST":
        return _form_page(request, VoucherForm(actor=actor))
    form = VoucherForm(request.POST, actor=actor)
    if not form.is_valid():
        return _form_page(request, form)
    data = form.cleaned_data
    try:
        voucher = voucher_create_and_assign(
            agreement=access_agreement_for_customer(actor=actor, licensing_id=data["agreement"]),
            engagement_type=engagement_type_get(code=data["engagement_type"]),
            days=data["days"],
            assignee_email=data["assignee"],
            division=data["division"],
            product_scope=data["product_scope"],
            nominated_partner=data["nominated_partner"] or None,
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        return _form_page(request, form, error)
    messages.success(
        request,
        _(
            "Voucher %(voucher)s is created and assigned to %(email)s; "
            "it is usable through %(date)s."
        )
        % {
            "voucher": voucher.display_id,
            "email": voucher.assignee_email,
            "date": long_date(voucher.expiry_date),
        },
    )
    return redirect("portal:customer_voucher_detail", voucher_id=voucher.voucher_id)


@portal_view(kinds=CUSTOMER)
def voucher_list(request: HttpRequest) -> HttpResponseBase:
    actor = actor_of(request)
    today = clock.today()
    status = request.GET.get("status") or None
    try:
        vouchers = voucher_list_for_customer(actor, status=status)
    except DomainError:
        vouchers = voucher_list_for_customer(actor)
        status = None
    if request.GET.get("format") == "csv":
        return csv_response(vouchers, filename="vouchers.csv", today=today)
    page = paginate(request, vouchers)
    return render(
        request,
        "portal/customer/voucher_list.html",
        {
            "page": page,
            "rows": rows(page, today),
            "status": status or "",
            "statuses": status_choices(),
            "today": today,
            "query": f"status={status}" if status else "",
            "may_create": actor.role == Role.BENEFITS_ADMIN,
        },
    )


@portal_view(kinds=CUSTOMER)
def voucher_detail(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_customer, actor=actor, voucher_id=voucher_id)
    context = detail_context(actor, voucher, clock.today())
    context["may_cancel"] = actor.role == Role.BENEFITS_ADMIN and voucher.status == "assigned"
    return render(request, "portal/customer/voucher_detail.html", context)


@require_POST
@portal_view(kinds=CUSTOMER, roles=(Role.BENEFITS_ADMIN,))
def voucher_cancel_view(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_customer, actor=actor, voucher_id=voucher_id)
    try:
        cancelled = voucher_cancel(
            voucher=voucher, actor=actor, today=clock.today(), at=clock.now()
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        facts = {"voucher": cancelled.display_id, "days": cancelled.days}
        messages.success(
            request,
            _(
                "Voucher %(voucher)s is cancelled; its %(days)s days were returned to your "
                "available days."
            )
            % facts
            if cancelled.days_outcome == "returned"
            else _("Voucher %(voucher)s is cancelled; its %(days)s days were forfeited.") % facts,
        )
    return redirect("portal:customer_voucher_detail", voucher_id=voucher.voucher_id)
