"""Operator bulk operations with a dry run (docs/operator.md): extend expiry as a policy
extension (R-EXT-1), reassign vouchers (R-VOU-1). Both show the per-voucher plan first."""

from __future__ import annotations

import re

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind, Role
from planserv.portal.decorators import actor_of, portal_view
from planserv.program.selectors import engagement_types_list
from planserv.vouchers.lifecycle import VoucherStatus
from planserv.vouchers.services import (
    BulkResult,
    VoucherSelection,
    vouchers_extend_expiry_bulk,
    vouchers_reassign_bulk,
)

OPERATORS = (OrganisationKind.OPERATOR,)
ADMIN = (Role.PROGRAM_ADMIN,)
DATE = forms.DateInput({"type": "date"})


class SelectionForm(forms.Form):
    voucher_ids = forms.CharField(
        label=_("Voucher ids (one per line, or separated by commas)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea({"rows": 3}),
    )
    customer = forms.CharField(label=_("Customer number"), required=False, max_length=32)
    engagement_type = forms.ChoiceField(label=_("Engagement type"), required=False)
    statuses = forms.MultipleChoiceField(
        label=_("Status (with the filters; leave empty when you give voucher ids)"),
        required=False,
        choices=VoucherStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    expiry_from = forms.DateField(label=_("Expiry from"), required=False, widget=DATE)
    expiry_to = forms.DateField(label=_("Expiry to"), required=False, widget=DATE)
    reason = forms.CharField(
        label=_("Reason (recorded in every voucher's audit)"),
        max_length=1000,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        types = [(t.code, t.name) for t in engagement_types_list()]
        self.fields["engagement_type"].choices = [("", _("Any")), *types]  # type: ignore[attr-defined]

    def selection(self) -> VoucherSelection:
        data = self.cleaned_data
        ids = tuple(part for part in re.split(r"[\s,;]+", data["voucher_ids"]) if part)
        return VoucherSelection(
            voucher_ids=ids,
            customer=data["customer"].strip(),
            engagement_type=data["engagement_type"],
            statuses=tuple(data["statuses"]),
            expiry_from=data["expiry_from"],
            expiry_to=data["expiry_to"],
        )


class ExtendForm(SelectionForm):
    extra_days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=366)
    name = forms.CharField(label=_("Policy name (optional)"), required=False, max_length=200)


class ReassignForm(SelectionForm):
    assignee_email = forms.EmailField(label=_("New assignee (a project manager's email)"))


def _page(
    request: HttpRequest, *, form: SelectionForm, kind: str, result: BulkResult | None
) -> HttpResponse:
    return render(
        request,
        "portal/operator/bulk.html",
        {"form": form, "kind": kind, "result": result, "error": getattr(form, "domain_error", "")},
    )


def _bulk(request: HttpRequest, form: SelectionForm, kind: str) -> HttpResponse:
    if request.method != "POST" or not form.is_valid():
        return _page(request, form=form, kind=kind, result=None)
    dry_run = request.POST.get("action") != "apply"
    data, actor = form.cleaned_data, actor_of(request)
    try:
        if kind == "extend":
            result = vouchers_extend_expiry_bulk(
                selection=form.selection(),
                extra_days=data["extra_days"],
                reason=data["reason"],
                name=data["name"],
                dry_run=dry_run,
                actor=actor,
                today=clock.today(),
                at=clock.now(),
            )
        else:
            result = vouchers_reassign_bulk(
                selection=form.selection(),
                assignee_email=data["assignee_email"],
                reason=data["reason"],
                dry_run=dry_run,
                actor=actor,
                today=clock.today(),
                at=clock.now(),
            )
    except DomainError as error:
        form.domain_error = error.message  # type: ignore[attr-defined]
        return _page(request, form=form, kind=kind, result=None)
    return _page(request, form=form, kind=kind, result=result)


@portal_view(kinds=OPERATORS, roles=ADMIN)
def bulk_extend(request: HttpRequest) -> HttpResponse:
    """Extend expiry for a selection, as one policy extension (R-EXT-1); dry run first."""
    form = ExtendForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        # No status is ticked in advance: a selection is voucher ids or filters, never both, so a
        # pre-ticked status made every selection by ids fail.
        form = ExtendForm(initial={"extra_days": 90})
    return _bulk(request, form, "extend")


@portal_view(kinds=OPERATORS, roles=ADMIN)
def bulk_reassign(request: HttpRequest) -> HttpResponse:
    """Give selected vouchers a new assignee (R-VOU-1, R-VOU-5); dry run first."""
    form = ReassignForm(request.POST if request.method == "POST" else None)
    return _bulk(request, form, "reassign")
