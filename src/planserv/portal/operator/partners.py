"""Operator pages for partner firms: the firm list and the CSV import (dry run, per-row results)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.partners.selectors import partner_firm_search, partner_firms_with_counts
from planserv.partners.services import ImportKind, partners_import
from planserv.partners.services.imports import COLUMNS, MAX_IMPORT_BYTES
from planserv.portal.decorators import actor_of, portal_view

OPERATOR = ("operator",)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(choices=ImportKind.choices, label=_("What the file holds"))
    file = forms.FileField(label=_("CSV file (UTF-8)"), required=False)
    content = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=MAX_IMPORT_BYTES, strip=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("content"):
            raise forms.ValidationError(_("Choose a CSV file to import."))
        return data

    def payload(self) -> bytes:
        upload = self.cleaned_data.get("file")
        if upload:
            return bytes(upload.read(MAX_IMPORT_BYTES + 1))
        return str(self.cleaned_data["content"]).encode()


@portal_view(kinds=OPERATOR)
def firm_list(request: HttpRequest) -> HttpResponse:
    """The firms by name, 50 a page, searchable by name or partner id; the counts are computed
    for the page's firms only (one grouped query per page, not per firm or over every firm)."""
    today = clock.today()
    query = request.GET.get("q", "")[:100]
    page = Paginator(partner_firm_search(query), 50).get_page(request.GET.get("page"))
    counted = partner_firms_with_counts([firm.pk for firm in page], today=today)
    page.object_list = [counted[firm.pk] for firm in page]
    return render(
        request,
        "portal/operator/partner_list.html",
        {
            "page": page,
            "today": today,
            "search": query,
            "query": urlencode({"q": query}) if query else "",
        },
    )


@portal_view(kinds=OPERATOR, roles=(Role.PROGRAM_ADMIN,))
def partner_import(request: HttpRequest) -> HttpResponse:
    report = None
    error = None
    content = b""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = partners_import(
                    kind=form.cleaned_data["kind"],
                    content=(content := form.payload()),
                    dry_run=request.POST.get("action") != "apply",
                    actor=actor_of(request),
                    today=clock.today(),
                    at=clock.now(),
                )
            except DomainError as domain_error:
                error = domain_error
    else:
        form = ImportForm()
    return render(
        request,
        "portal/operator/partner_import.html",
        {
            "form": form,
            "report": report,
            "error": error,
            "columns": COLUMNS,
            "checked_content": content.decode("utf-8-sig", errors="replace") if report else "",
        },
        status=error.http_status if error else (400 if form.errors else 200),
    )
