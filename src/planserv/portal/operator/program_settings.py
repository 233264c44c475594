"""Program settings for the program_admin (issue 18, item 3; docs/operator.md): day rates per
country with effective dates (and the engagements reserved where no rate exists), retirement
calendar milestones with the impact preview before saving, the paying account and execution
day, reminder thresholds, and the catalogue. Views translate; program services decide."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.formatting import long_date, money
from planserv.core.types import OrganisationKind, Role
from planserv.portal.decorators import actor_of, portal_view
from planserv.program.calendar import program_settings_get
from planserv.program.models import SERVICE_LEVELS, Competency, DayRate, MilestoneKey
from planserv.program.selectors import engagement_types_list, milestones_list, offerings_list
from planserv.program.settings_services import (
    PaymentSettings,
    competency_create,
    day_rate_set,
    engagement_type_service_levels_set,
    milestone_change,
    payment_settings_of,
    payment_settings_update,
)
from planserv.reports.retirement import milestone_change_preview
from planserv.vouchers.selectors import reservations_in_countries_without_rate

OPERATORS = (OrganisationKind.OPERATOR,)
ADMIN = (Role.PROGRAM_ADMIN,)


class DayRateForm(forms.Form):
    country = forms.ChoiceField(choices=list(countries), label=gettext_lazy("Country"))
    currency = forms.CharField(
        max_length=3, min_length=3, label=gettext_lazy("Currency (ISO 4217)")
    )
    amount = forms.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, label=gettext_lazy("Day rate")
    )
    effective_from = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), label=gettext_lazy("In effect from")
    )
    note = forms.CharField(max_length=200, required=False, label=gettext_lazy("Note"))


class MilestoneForm(forms.Form):
    key = forms.ChoiceField(choices=MilestoneKey.choices, label=gettext_lazy("Milestone"))
    date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), label=gettext_lazy("New date")
    )
    reason = forms.CharField(max_length=2000, label=gettext_lazy("Why it moves"))


class PaymentSettingsForm(forms.Form):
    paying_account_name = forms.CharField(max_length=70, label=gettext_lazy("Account holder"))
    paying_account_iban = forms.CharField(max_length=42, required=False, label=gettext_lazy("IBAN"))
    paying_account_bic = forms.CharField(max_length=11, required=False, label=gettext_lazy("BIC"))
    payment_execution_day = forms.IntegerField(
        label=gettext_lazy("Execution day of the run's month")
    )
    expiry_reminder_first_days = forms.IntegerField(
        label=gettext_lazy("First expiry reminder (days before)")
    )
    expiry_reminder_last_days = forms.IntegerField(
        label=gettext_lazy("Last expiry reminder (days before)")
    )
    payment_reminder_first_days = forms.IntegerField(
        label=gettext_lazy("First payment-window reminder (days before)")
    )
    payment_reminder_last_days = forms.IntegerField(
        label=gettext_lazy("Last payment-window reminder (days before)")
    )
    review_overdue_business_days = forms.IntegerField(
        label=gettext_lazy("A payment request is overdue after (business days)")
    )


@portal_view(kinds=OPERATORS, roles=ADMIN)
def settings_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/operator/settings_index.html",
        {"settings": program_settings_get(), "milestones": milestones_list()},
    )


@portal_view(kinds=OPERATORS, roles=ADMIN)
def day_rates(request: HttpRequest) -> HttpResponse:
    form = DayRateForm(request.POST or None, initial={"effective_from": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate = day_rate_set(
                **data, actor=actor_of(request), today=clock.today(), at=clock.now()
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The day rate for %(country)s from %(date)s is %(amount)s.")
                % {
                    "country": rate.country.name,
                    "date": long_date(rate.effective_from),
                    "amount": money(rate.amount, rate.currency),
                },
            )
            return redirect("portal:operator_settings_day_rates")
    context = {
        "form": form,
        "rates": DayRate.objects.order_by("country", "-effective_from", "pk"),
        "no_rate": reservations_in_countries_without_rate(),
    }
    return render(request, "portal/operator/settings_day_rates.html", context)


def _milestone_post(request: HttpRequest, form: MilestoneForm) -> dict[str, Any] | HttpResponse:
    data = form.cleaned_data
    if request.POST.get("action") != "save":
        current, proposed = milestone_change_preview(
            key=data["key"], new_date=data["date"], as_of=clock.today()
        )
        return {"preview": {"current": current, "proposed": proposed}}
    try:
        milestone = milestone_change(
            key=data["key"],
            date=data["date"],
            reason=data["reason"],
            actor=actor_of(request),
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return {}
    messages.success(
        request,
        _("%(milestone)s is now %(date)s.")
        % {"milestone": milestone.title, "date": long_date(milestone.date)},
    )
    return redirect("portal:operator_settings_milestones")


@portal_view(kinds=OPERATORS, roles=ADMIN)
def milestones(request: HttpRequest) -> HttpResponse:
    """GET: the calendar and the form. POST: the preview of the impact (action=preview), then
    the change (action=save, after the preview was shown)."""
    form = MilestoneForm(request.POST or None, initial={"key": request.GET.get("key", "")})
    context: dict[str, Any] = {"form": form, "milestones": milestones_list()}
    if request.method == "POST" and form.is_valid():
        outcome = _milestone_post(request, form)
        if isinstance(outcome, HttpResponse):
            return outcome
        context.update(outcome)
    return render(request, "portal/operator/settings_milestones.html", context)


@portal_view(kinds=OPERATORS, roles=ADMIN)
def payment_settings(request: HttpRequest) -> HttpResponse:
    current = payment_settings_of(program_settings_get())
    initial = {**asdict(current), "paying_account_iban": ""}
    form = PaymentSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        if not values["paying_account_iban"]:  # left blank: keep the account on file
            values["paying_account_iban"] = current.paying_account_iban
        try:
            payment_settings_update(
                values=PaymentSettings(**values),
                actor=actor_of(request),
                today=clock.today(),
                at=clock.now(),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The payment settings are saved and in force now."))
            return redirect("portal:operator_settings_payments")
    iban = current.paying_account_iban
    context = {"form": form, "iban_masked": f"•••• {iban[-4:]}" if iban else ""}
    return render(request, "portal/operator/settings_payments.html", context)


class CompetencyForm(forms.Form):
    code = forms.SlugField(max_length=60, label=gettext_lazy("Code"))
    name = forms.CharField(max_length=120, label=gettext_lazy("Name"))


def _catalogue_post(request: HttpRequest) -> None:
    actor, today, at = actor_of(request), clock.today(), clock.now()
    try:
        if request.POST.get("action") == "service_levels":
            levels = [int(v) for v in request.POST.getlist("levels") if v.isdigit()]
            changed = engagement_type_service_levels_set(
                code=str(request.POST.get("engagement_type", "")),
                levels=levels,
                actor=actor,
                today=today,
                at=at,
            )
            messages.success(
                request,
                _("%(engagement)s: the service levels are saved.") % {"engagement": changed.name},
            )
        else:
            created = competency_create(
                code=str(request.POST.get("code", "")),
                name=str(request.POST.get("name", "")),
                actor=actor,
                today=today,
                at=at,
            )
            messages.success(
                request, _("The competency %(name)s is added.") % {"name": created.name}
            )
    except DomainError as error:
        messages.error(request, error.message)


@portal_view(kinds=OPERATORS, roles=ADMIN)
def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue; POST: an engagement type's service levels, or a new competency."""
    if request.method == "POST":
        _catalogue_post(request)
        return redirect("portal:operator_settings_catalogue")
    context = {
        "offerings": offerings_list(),
        "engagement_types": engagement_types_list(),
        "competencies": Competency.objects.order_by("name", "pk"),
        "levels": SERVICE_LEVELS,
        "competency_form": CompetencyForm(),
    }
    return render(request, "portal/operator/settings_catalogue.html", context)
