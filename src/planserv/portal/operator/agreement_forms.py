"""Operator forms for agreements: create, import upload, grants, corrections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planserv.customers.models import AgreementType
from planserv.customers.selectors import customers_list
from planserv.program.models import ProductPool


class DateInput(forms.DateInput):
    input_type = "date"


class AgreementCreateForm(forms.Form):
    customer = forms.ModelChoiceField(
        queryset=customers_list(), to_field_name="public_id", label=_("Customer")
    )
    licensing_id = forms.CharField(
        max_length=40, label=_("Licensing id"), help_text=_("e.g. EA-WG-2019-01")
    )
    agreement_type = forms.ChoiceField(choices=AgreementType.choices, label=_("Agreement type"))
    start_date = forms.DateField(widget=DateInput, label=_("Start date"))
    end_date = forms.DateField(widget=DateInput, label=_("End date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = customers_list()  # type: ignore[attr-defined]
        for pool, label in ProductPool.choices:
            self.fields[f"pool_{pool}"] = forms.IntegerField(
                min_value=1,
                required=False,
                label=gettext("%(pool)s: SA-covered quantity") % {"pool": label},
            )

    def coverage(self) -> dict[str, int]:
        return {
            pool: self.cleaned_data[f"pool_{pool}"]
            for pool in ProductPool.values
            if self.cleaned_data.get(f"pool_{pool}")
        }


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class GrantForm(forms.Form):
    account = forms.ChoiceField(
        label=_("Account"),
        choices=[
            ("available", _("Planning days (available)")),
            ("training", _("Training days")),
        ],
    )
    days = forms.IntegerField(min_value=1, max_value=100_000, label=_("Days"))
    reason = forms.CharField(max_length=300, label=_("Reason"))
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class CorrectionForm(forms.Form):
    reason = forms.CharField(max_length=300, label=_("Reason"))
