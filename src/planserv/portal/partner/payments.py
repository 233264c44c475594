"""Partner payment pages (R-PAY-1..5): redeemed vouchers with the days left to request payment,
the request form with the computed amount, the request's status timeline and answering a hold,
and the registration form (global admins). Views translate; payments.services decide."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries

from planserv.core import clock, uploads
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.partners.selectors import firm_of, locations_for_firm
from planserv.payments import answer_files
from planserv.payments.models import DetailsChangeStatus, PaymentDetailsChange
from planserv.payments.selectors import (
    access_answer_file,
    access_payment_request_for_actor,
    payment_quote,
    payment_request_history,
    payment_request_list_for_actor,
    payment_waiting_reason,
    redeemed_vouchers_awaiting_request,
    registrations_for_firm,
)
from planserv.payments.services import (
    RemittanceDetails,
    payment_details_change_submit,
    payment_registration_create,
    payment_request_file,
    payment_request_respond,
)
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.shared.second_factor import second_factor_step
from planserv.portal.shared.vouchers import accessed
from planserv.program.models import Offering
from planserv.vouchers.deliverables import Upload
from planserv.vouchers.selectors import access_voucher_for_partner

PARTNER = ("partner",)
ADMIN = (Role.PARTNER_ADMIN,)


class RegistrationForm(forms.Form):
    offering = forms.ModelChoiceField(
        queryset=Offering.objects.order_by("code"),
        to_field_name="code",
        label=gettext_lazy("Offering"),
    )
    legal_name = forms.CharField(max_length=140, label=gettext_lazy("Legal name"))
    tax_id = forms.CharField(max_length=40, label=gettext_lazy("Tax id"))
    iban = forms.CharField(max_length=42, label=gettext_lazy("Bank account (IBAN)"))
    bic = forms.CharField(max_length=11, label=gettext_lazy("BIC"))
    country = forms.ChoiceField(choices=list(countries), label=gettext_lazy("Country"))
    currency = forms.CharField(
        max_length=3, min_length=3, label=gettext_lazy("Currency (ISO 4217)")
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), label=gettext_lazy("Answer")
    )


@portal_view(kinds=PARTNER)
def payment_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    firm = firm_of(actor)
    today = clock.today()
    context = {
        "awaiting": redeemed_vouchers_awaiting_request(organisation_id=firm.pk, today=today),
        "requests": payment_request_list_for_actor(actor)[:200],
        "registrations": registrations_for_firm(firm.pk),
        "may_request": actor.has_role(Role.PARTNER_ADMIN),
        "may_register": actor.role == Role.GLOBAL_ADMIN and not actor.is_acting_for,
        "today": today,
        "details_changes": PaymentDetailsChange.objects.filter(registration__organisation=firm)
        .select_related("registration__offering")
        .order_by("-submitted_at", "-pk")[:5],
        "pending_status": DetailsChangeStatus.PENDING,
    }
    return render(request, "portal/partner/payment_list.html", context)


@portal_view(kinds=PARTNER, roles=(Role.GLOBAL_ADMIN,), own_members_only=True)
def payment_details_change(request: HttpRequest) -> HttpResponse:
    """A global admin submits new payment details (R-PAY-1); the operator verifies them."""
    actor = actor_of(request)
    if not actor.second_factor:
        # R-PPL-3: bank details only after the second factor; set it up or enter a code first.
        messages.info(request, _("Changing bank details needs your second factor."))
        return second_factor_step(request)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        offering = data.pop("offering")
        try:
            payment_details_change_submit(
                offering_code=offering.code,
                details=RemittanceDetails(**data),
                actor=actor,
                today=clock.today(),
                at=clock.now(),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "Your new payment details are submitted. Every global admin of your firm is "
                    "emailed; the program operator verifies them before paying to the new account."
                ),
            )
            return redirect("portal:partner_payments")
    context = {"form": form, "registrations": registrations_for_firm(firm_of(actor).pk)}
    return render(request, "portal/partner/payment_details_change.html", context)


@portal_view(kinds=PARTNER, roles=ADMIN)
def payment_request_form(request: HttpRequest, voucher_id: str) -> HttpResponse:
    """GET: the computed amount and the locations; POST: file the request."""
    actor = actor_of(request)
    voucher = accessed(access_voucher_for_partner, actor=actor, voucher_id=voucher_id)
    today = clock.today()
    if request.method == "POST":
        try:
            payment = payment_request_file(
                voucher_id=voucher.voucher_id,
                location_id=str(request.POST.get("location", ""))[:40],
                actor=actor,
                today=today,
                at=clock.now(),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Payment request %(request)s was filed.") % {"request": payment.public_id},
            )
            return redirect("portal:partner_payment_detail", request_id=payment.public_id)
    try:
        quote = payment_quote(voucher=voucher, today=today)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:partner_payments")
    context = {"quote": quote, "locations": locations_for_firm(firm_of(actor)), "voucher": voucher}
    return render(request, "portal/partner/payment_request_form.html", context)


@portal_view(kinds=PARTNER)
def payment_detail(request: HttpRequest, request_id: str) -> HttpResponse:
    actor = actor_of(request)
    payment = access_payment_request_for_actor(actor=actor, public_id=request_id)
    context = {
        "payment": payment,
        "history": payment_request_history(payment),
        "may_answer": actor.has_role(Role.PARTNER_ADMIN) and payment.status == "held",
        "form": AnswerForm(),
        "waiting_reason": payment_waiting_reason(payment),
    }
    return render(request, "portal/partner/payment_detail.html", context)


@require_POST
@portal_view(kinds=PARTNER, roles=ADMIN)
def payment_respond(request: HttpRequest, request_id: str) -> HttpResponse:
    actor = actor_of(request)
    payment = access_payment_request_for_actor(actor=actor, public_id=request_id)
    form = AnswerForm(request.POST)
    files = answer_uploads(request)
    if not form.is_valid():
        messages.error(request, _("Write your answer (at most 4000 characters)."))
    elif files is None:
        messages.error(request, _("Each file may be at most 10 MB; nothing was sent."))
    else:
        try:
            payment_request_respond(
                public_id=payment.public_id,
                answer=form.cleaned_data["answer"],
                actor=actor,
                today=clock.today(),
                at=clock.now(),
                files=files,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your answer was sent; the request is back in validation."))
    return redirect("portal:partner_payment_detail", request_id=payment.public_id)


@portal_view(kinds=PARTNER, roles=(Role.GLOBAL_ADMIN,), own_members_only=True)
def payment_register(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not actor.second_factor:
        # R-PPL-3: bank details only after the second factor; set it up or enter a code first.
        messages.info(request, _("Registering bank details needs your second factor."))
        return second_factor_step(request)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        offering = data.pop("offering")
        try:
            payment_registration_create(
                offering_code=offering.code,
                details=RemittanceDetails(**data),
                actor=actor,
                today=clock.today(),
                at=clock.now(),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your firm is registered for payment in %(offering)s.")
                % {"offering": offering.name},
            )
            return redirect("portal:partner_payments")
    context = {"form": form, "registrations": registrations_for_firm(firm_of(actor).pk)}
    return render(request, "portal/partner/payment_register.html", context)


def answer_uploads(request: HttpRequest) -> list[Upload] | None:
    """The files of an answer, each read within the policy's limit; None if one is larger."""
    files = []
    for item in request.FILES.getlist("files")[: answer_files.MAX_FILES + 1]:
        content = uploads.read_limited(item, answer_files.MAX_BYTES)
        if content is None:
            return None
        files.append(Upload(name=item.name or "", content=content))
    return files


@portal_view(kinds=PARTNER)  # a FileResponse streams; passed on
def payment_answer_file(request: HttpRequest, request_id: str, file_id: int) -> HttpResponseBase:
    item = access_answer_file(actor=actor_of(request), public_id=request_id, file_id=file_id)
    return uploads.file_response(
        uploads.open_stored(item.storage_name),
        content_type=item.content_type,
        download_name=item.original_name,
    )
