"""Partner voucher pages (seed steps 5-7): validate then reserve (HTMX where it helps), the
reserved vouchers with the deadlines that matter (and CSV), change date, release, the completion
report form with deliverable uploads, redeem one, and batch redemption with a confirmation step.
Views translate; vouchers.services and vouchers.selectors decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.partners.selectors import (
    consultants_for_firm,
    consultants_qualified,
    firm_of,
    locations_for_firm,
)
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.forms import form_errors
from planserv.portal.shared.vouchers import (
    accessed,
    csv_response,
    detail_context,
    paginate,
    rows,
    status_choices,
)
from planserv.vouchers import deliverables
from planserv.vouchers.models import Voucher
from planserv.vouchers.selectors import (
    access_voucher_for_partner,
    voucher_active_reservation,
    voucher_list_for_partner,
)
from planserv.vouchers.services import (
    ReportInput,
    Upload,
    VoucherPreview,
    voucher_change_start_date,
    voucher_redeem,
    voucher_release,
    voucher_report_delivery,
    voucher_reserve,
    voucher_validate,
    vouchers_redeem_batch,
)

PARTNER = ("partner",)
ADMIN = (Role.PARTNER_ADMIN,)


class ValidateForm(forms.Form):
    voucher_id = forms.CharField(max_length=40, label=gettext_lazy("Voucher id"))
    email = forms.EmailField(max_length=254, label=gettext_lazy("Customer's email address"))


class ReserveForm(ValidateForm):
    location = forms.CharField(max_length=32, label=gettext_lazy("Location"))
    delivery_country = forms.CharField(max_length=2, label=gettext_lazy("Delivery country"))
    start_date = forms.DateField(label=gettext_lazy("Planned start date"))
    accept_terms = forms.BooleanField(required=False, label=gettext_lazy("Accept terms"))


class DateForm(forms.Form):
    start_date = forms.DateField(label=gettext_lazy("Start date"))


class ReportForm(forms.Form):
    delivery_country = forms.ChoiceField(
        choices=list(countries), label=gettext_lazy("Delivery country")
    )
    start_date = forms.DateField(label=gettext_lazy("Start date"))
    end_date = forms.DateField(label=gettext_lazy("End date"))
    consultants = forms.TypedMultipleChoiceField(
        coerce=int, choices=[], label=gettext_lazy("Consultants")
    )
    onsite_days = forms.IntegerField(min_value=0, max_value=15, label=gettext_lazy("Onsite days"))
    offsite_days = forms.IntegerField(min_value=0, max_value=15, label=gettext_lazy("Offsite days"))
    division = forms.CharField(required=False, max_length=200, label=gettext_lazy("Division"))
    product_scope = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("Product scope")
    )
    summary = forms.CharField(
        max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), label=gettext_lazy("Summary")
    )
    next_steps = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=gettext_lazy("Next steps"),
    )
    no_extra_fee = forms.BooleanField(required=False, label=gettext_lazy("No extra fee"))


def _reserve_context(
    request: HttpRequest,
    *,
    form: forms.Form,
    preview: VoucherPreview | None = None,
    error: DomainError | None = None,
) -> dict[str, Any]:
    today = clock.today()
    return {
        "form": form,
        "preview": preview,
        "error": error,
        "today": today,
        "countries": list(countries),
        "default_start": today + dt.timedelta(days=7),
    }


@portal_view(kinds=PARTNER, roles=ADMIN)
def voucher_reserve_view(request: HttpRequest) -> HttpResponse:
    """GET: the validate form. POST action=validate: the preview (an HTMX fragment when asked by
    HTMX, else the whole page). POST action=reserve: reserve, then the voucher's page."""
    if request.method != "POST":
        return render(
            request,
            "portal/partner/voucher_reserve.html",
            _reserve_context(request, form=ValidateForm()),
        )
    if request.POST.get("action") == "reserve":
        return _reserve(request)
    actor = actor_of(request)
    form = ValidateForm(request.POST)
    preview, error = None, None
    if form.is_valid():
        try:
            preview = voucher_validate(
                voucher_id=form.cleaned_data["voucher_id"],
                email=form.cleaned_data["email"],
                actor=actor,
                today=clock.today(),
            )
        except DomainError as refused:
            error = refused
    template = (
        "portal/partner/_voucher_preview.html"
        if getattr(request, "htmx", False)
        else "portal/partner/voucher_reserve.html"
    )
    status = error.http_status if error and not getattr(request, "htmx", False) else 200
    return render(
        request,
        template,
        _reserve_context(request, form=form, preview=preview, error=error),
        status=status,
    )


def _reserve(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = ReserveForm(request.POST)
    if not form.is_valid():
        # Every problem at once, in words, with everything typed kept.
        preview = None
        try:
            preview = voucher_validate(
                voucher_id=request.POST.get("voucher_id", ""),
                email=request.POST.get("email", ""),
                actor=actor,
                today=clock.today(),
            )
        except DomainError:
            preview = None
        context = _reserve_context(request, form=form, preview=preview)
        context["errors"] = form_errors(form)
        return render(request, "portal/partner/voucher_reserve.html", context, status=400)
    data = form.cleaned_data
    try:
        reservation = voucher_reserve(
            voucher_id=data["voucher_id"],
            email=data["email"],
            location_id=data["location"],
            start_date=data["start_date"],
            accept_terms=bool(data["accept_terms"]),
            delivery_country=data["delivery_country"],
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        preview = None
        try:
            preview = voucher_validate(
                voucher_id=data["voucher_id"], email=data["email"], actor=actor, today=clock.today()
            )
        except DomainError:
            preview = None
        context = _reserve_context(request, form=form, preview=preview, error=error)
        return render(
            request, "portal/partner/voucher_reserve.html", context, status=error.http_status
        )
    voucher = reservation.voucher
    messages.success(
        request,
        _("Voucher %(voucher)s is reserved for your firm; the customer has been told.")
        % {"voucher": voucher.display_id},
    )
    return redirect("portal:partner_voucher_detail", voucher_id=voucher.voucher_id)


@portal_view(kinds=PARTNER)
def voucher_list(request: HttpRequest) -> HttpResponseBase:
    actor = actor_of(request)
    today = clock.today()
    status = request.GET.get("status") or None
    try:
        vouchers = voucher_list_for_partner(actor, status=status)
    except DomainError:
        vouchers, status = voucher_list_for_partner(actor), None
    if request.GET.get("format") == "csv":
        return csv_response(vouchers, filename="reserved-vouchers.csv", today=today)
    page = paginate(request, vouchers)
    return render(
        request,
        "portal/partner/voucher_list.html",
        {
            "page": page,
            "rows": rows(page, today),
            "status": status or "",
            "statuses": status_choices(),
            "today": today,
            "query": f"status={status}" if status else "",
            "may_act": actor.has_role(Role.PARTNER_ADMIN),
        },
    )


@portal_view(kinds=PARTNER)
def voucher_detail(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    context = detail_context(actor, voucher, clock.today())
    context["may_act"] = actor.has_role(Role.PARTNER_ADMIN)
    context["locations"] = locations_for_firm(firm_of(actor))
    return render(request, "portal/partner/voucher_detail.html", context)


def _act(request: HttpRequest, voucher: Voucher, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("portal:partner_voucher_detail", voucher_id=voucher.voucher_id)


@require_POST
@portal_view(kinds=PARTNER, roles=ADMIN)
def voucher_change_date(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    form = DateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the new planned start date (YYYY-MM-DD)."))
        return redirect("portal:partner_voucher_detail", voucher_id=voucher.voucher_id)
    start = form.cleaned_data["start_date"]
    return _act(
        request,
        voucher,
        lambda: voucher_change_start_date(
            voucher=voucher, start_date=start, actor=actor, today=clock.today(), at=clock.now()
        ),
        _("The planned start date is now %(date)s; the customer has been told.")
        % {"date": long_date(start)},
    )


@require_POST
@portal_view(kinds=PARTNER, roles=ADMIN)
def voucher_release_view(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    try:
        voucher_release(voucher=voucher, actor=actor, today=clock.today(), at=clock.now())
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:partner_voucher_detail", voucher_id=voucher.voucher_id)
    messages.success(
        request,
        _("Voucher %(voucher)s is released; any partner may reserve it again.")
        % {"voucher": voucher.display_id},
    )
    return redirect("portal:partner_vouchers")


def _report_form(voucher: Voucher, data: Any = None) -> ReportForm:
    reservation = voucher_active_reservation(voucher)
    firm = voucher.holder
    form = ReportForm(
        data,
        initial={
            "delivery_country": str(reservation.delivery_country) if reservation else "",
            "start_date": reservation.start_date if reservation else None,
            # Never before the planned start: the later of today and the start.
            "end_date": max(clock.today(), reservation.start_date)
            if reservation
            else clock.today(),
            "onsite_days": voucher.days,
            "offsite_days": 0,
            "division": voucher.division,
            "product_scope": voucher.product_scope,
        },
    )
    if firm is not None:
        people = consultants_for_firm(firm).order_by("name", "pk")
        form.fields["consultants"].choices = [(p.pk, p.name) for p in people]  # type: ignore[attr-defined]
    return form


def _report_page(
    request: HttpRequest, voucher: Voucher, form: ReportForm, error: DomainError | None = None
) -> HttpResponse:
    qualified: set[int] = set()
    if voucher.holder is not None:
        qualified = set(
            consultants_qualified(
                organisation=voucher.holder,
                engagement_type=voucher.engagement_type,
                on=clock.today(),
            ).values_list("pk", flat=True)
        )
    return render(
        request,
        "portal/partner/voucher_report_form.html",
        {
            "voucher": voucher,
            "form": form,
            "error": error,
            "qualified": qualified,
            # What the person ticked survives an error (docs/portal.md: forms keep everything).
            "chosen_consultants": {str(value) for value in form["consultants"].value() or []},
            "errors": form_errors(form),
            "max_mb": deliverables.MAX_BYTES // 1024 // 1024,
            "max_files": deliverables.MAX_FILES,
        },
        status=error.http_status if error else 200,
    )


@portal_view(kinds=PARTNER, roles=ADMIN)
def voucher_report(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    if request.method != "POST":
        return _report_page(request, voucher, _report_form(voucher))
    form = _report_form(voucher, request.POST)
    if not form.is_valid():
        return _report_page(request, voucher, form)
    data = form.cleaned_data
    uploads = [
        Upload(name=item.name or "", content=item.read(deliverables.MAX_BYTES + 1))
        for item in request.FILES.getlist("files")
    ]
    try:
        filed = voucher_report_delivery(
            voucher=voucher,
            report=ReportInput(
                delivery_country=data["delivery_country"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                consultant_ids=list(data["consultants"]),
                onsite_days=data["onsite_days"],
                offsite_days=data["offsite_days"],
                summary=data["summary"],
                next_steps=data["next_steps"],
                no_extra_fee=bool(data["no_extra_fee"]),
                division=data["division"],
                product_scope=data["product_scope"],
                uploads=uploads,
            ),
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        return _report_page(request, voucher, form, error)
    messages.success(
        request,
        _("The completion report is filed. Your receipt number is %(receipt)s.")
        % {"receipt": filed.receipt_number},
    )
    return redirect("portal:partner_voucher_detail", voucher_id=voucher.voucher_id)


@require_POST
@portal_view(kinds=PARTNER, roles=ADMIN)
def voucher_redeem_view(request: HttpRequest, voucher_id: str) -> HttpResponse:
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    location_id = request.POST.get("location", "")
    return _act(
        request,
        voucher,
        lambda: voucher_redeem(
            voucher=voucher,
            location_id=location_id,
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        ),
        _("Voucher %(voucher)s is redeemed; its %(days)s days are consumed.")
        % {"voucher": voucher.display_id, "days": voucher.days},
    )


@portal_view(kinds=PARTNER, roles=ADMIN)
def voucher_redeem_batch(request: HttpRequest) -> HttpResponse:
    """Step 1 (GET, or POST without confirmation): the chosen vouchers and a confirmation.
    Step 2 (POST with confirm): redeem each, then show every result (R-RED-2)."""
    actor = actor_of(request)
    source = request.POST if request.method == "POST" else request.GET
    chosen = [value for value in source.getlist("voucher_id") if value][:200]
    today = clock.today()
    held = voucher_list_for_partner(actor).filter(voucher_id__in=chosen)
    context: dict[str, Any] = {
        "rows": rows(held, today),
        "chosen": chosen,
        "locations": locations_for_firm(firm_of(actor)),
        "results": None,
        "error": None,
    }
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            context["results"] = vouchers_redeem_batch(
                voucher_ids=chosen,
                location_id=request.POST.get("location", ""),
                confirm=True,
                actor=actor,
                today=today,
                at=clock.now(),
            )
        except DomainError as error:
            context["error"] = error
    elif request.method == "POST":
        context["error_text"] = _("Tick the confirmation to redeem the vouchers below.")
    return render(request, "portal/partner/voucher_redeem_batch.html", context)
