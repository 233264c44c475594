"""The audit browser (domain.md section 10; docs/operator.md): every operator role reads the
whole log, filters it, pages through it by id, and exports the filtered set as streamed CSV."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from planserv.audit.selectors import AuditFilter, audit_events_csv, audit_events_filtered
from planserv.core.csv_export import csv_response
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind
from planserv.portal.decorators import portal_view
from planserv.vouchers.models import Voucher
from planserv.vouchers.voucher_id import parse

OPERATORS = (OrganisationKind.OPERATOR,)
PAGE_SIZE = 50
DATE = forms.DateInput({"type": "date"})


class AuditFilterForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    subject_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    subject_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    voucher = forms.CharField(label=_("Voucher id"), required=False, max_length=20)
    action = forms.CharField(
        label=_("Action (or prefix ending in .)"), required=False, max_length=80
    )
    actor = forms.CharField(label=_("Actor"), required=False, max_length=254)
    date_from = forms.DateField(label=_("Program date from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("to"), required=False, widget=DATE)

    def filters(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        subject_type = (data.get("subject_type") or "").strip()
        subject_id = (data.get("subject_id") or "").strip()
        voucher = (data.get("voucher") or "").strip()
        if voucher:
            subject_type, subject_id = "vouchers.voucher", _voucher_pk(voucher)
        return AuditFilter(
            organisation=(data.get("organisation") or "").strip(),
            subject_type=subject_type,
            subject_id=subject_id,
            action=(data.get("action") or "").strip(),
            actor=(data.get("actor") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


def _voucher_pk(text: str) -> str:
    """A voucher's history: its audit subject id (no match for an unknown or malformed id)."""
    try:
        canonical = parse(text)
    except DomainError:
        return "-"
    pk = (
        Voucher.objects.filter(voucher_id=canonical)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return "-" if pk is None else str(pk)


def _before(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("before", ""))
    except ValueError:
        return None


@portal_view(kinds=OPERATORS)
def audit_browser(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    events = audit_events_filtered(form.filters())
    before = _before(request)
    if before is not None:
        events = events.filter(id__lt=before)
    rows = list(events[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "portal/operator/audit.html",
        {
            "form": form,
            "events": rows,
            "next_before": rows[-1].pk if more else None,
            "query": query.urlencode(),
        },
    )


@portal_view(kinds=OPERATORS)
def audit_export(request: HttpRequest) -> HttpResponseBase:
    form = AuditFilterForm(request.GET)
    return csv_response(audit_events_csv(form.filters()), filename="audit-events.csv")
