"""Operator pages for agreements: list and search, create, CSV import (dry run, commit, error
file), one agreement with grants and corrections, and the ledger check."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planserv.core import clock
from planserv.core.csv_export import csv_response
from planserv.core.errors import DomainError
from planserv.core.types import OrganisationKind, Role
from planserv.customers.importing import COLUMNS
from planserv.customers.selectors import (
    access_agreement_for_operator,
    access_import_for_operator,
    agreement_balances,
    agreement_import_error_csv,
    agreement_imports_recent,
    agreement_search_for_operator,
    conversions_for_agreement,
    days_granted,
    entry_for_agreement,
    ledger_reconcile_report,
)
from planserv.customers.services import (
    agreement_create,
    agreement_import_check,
    agreement_import_commit,
    correction_post,
    manual_grant,
    training_grant,
)
from planserv.customers.services.imports import import_summary
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.operator.agreement_forms import (
    AgreementCreateForm,
    CorrectionForm,
    GrantForm,
    ImportUploadForm,
)
from planserv.portal.shared.agreements import agreement_context

OPERATOR = (str(OrganisationKind.OPERATOR),)
PROGRAM_ADMIN = (str(Role.PROGRAM_ADMIN),)
LIST_SIZE = 100


@portal_view(kinds=OPERATOR)
def agreement_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    agreements = agreement_search_for_operator(actor=actor_of(request), query=query)
    after = request.GET.get("after", "").replace("\x00", "")[:40]
    if after:
        agreements = agreements.filter(licensing_id__gt=after)
    page = list(agreements[: LIST_SIZE + 1])
    rows = []
    for agreement in page[:LIST_SIZE]:
        balances = agreement_balances(agreement)
        rows.append(
            {"agreement": agreement, "balances": balances, "granted": days_granted(balances)}
        )
    more = page[LIST_SIZE - 1].licensing_id if len(page) > LIST_SIZE else None
    return render(
        request,
        "portal/operator/agreement_list.html",
        {"rows": rows, "query": query, "more": more, "after": after},
    )


@portal_view(kinds=OPERATOR, roles=PROGRAM_ADMIN)
def agreement_create_view(request: HttpRequest) -> HttpResponse:
    form = AgreementCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreement_create(
                customer=form.cleaned_data["customer"],
                licensing_id=form.cleaned_data["licensing_id"],
                agreement_type=form.cleaned_data["agreement_type"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                coverage=form.coverage(),
                actor=actor_of(request),
                today=clock.today(),
                at=clock.now(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Agreement %(licensing_id)s recorded.")
                % {"licensing_id": agreement.licensing_id},
            )
            return redirect("portal:operator_agreement_detail", agreement.licensing_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/operator/agreement_form.html", {"form": form}, status=status)


@portal_view(kinds=OPERATOR)
def agreement_detail(request: HttpRequest, licensing_id: str) -> HttpResponse:
    actor = actor_of(request)
    agreement = access_agreement_for_operator(actor=actor, licensing_id=licensing_id)
    context = agreement_context(agreement, today=clock.today(), before=request.GET.get("before"))
    may_write = actor.role == Role.PROGRAM_ADMIN
    context.update(
        conversions=conversions_for_agreement(agreement=agreement),
        may_write=may_write,
        grant_form=GrantForm(initial={"key": uuid.uuid4().hex}),
        correction_url_name="portal:operator_agreement_correct" if may_write else "",
    )
    return render(request, "portal/operator/agreement_detail.html", context)


@require_POST
@portal_view(kinds=OPERATOR, roles=PROGRAM_ADMIN)
def agreement_grant_view(request: HttpRequest, licensing_id: str) -> HttpResponse:
    actor = actor_of(request)
    agreement = access_agreement_for_operator(actor=actor, licensing_id=licensing_id)
    form = GrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A grant needs whole days above zero and a reason."))
        return redirect("portal:operator_agreement_detail", agreement.licensing_id)
    data = form.cleaned_data
    common = {
        "reason": data["reason"],
        "actor": actor,
        "today": clock.today(),
        "at": clock.now(),
        "key": f"portal:{data['key']}",
    }
    try:
        if data["account"] == "training":
            entry = training_grant(agreement=agreement, training_days=data["days"], **common)
        else:
            entry = manual_grant(agreement=agreement, days=data["days"], **common)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(days)s days granted to %(account)s.")
            % {"days": entry.days, "account": entry.destination.kind},
        )
    return redirect("portal:operator_agreement_detail", agreement.licensing_id)


@require_POST
@portal_view(kinds=OPERATOR, roles=PROGRAM_ADMIN)
def agreement_correct_view(request: HttpRequest, licensing_id: str, entry_id: int) -> HttpResponse:
    actor = actor_of(request)
    agreement = access_agreement_for_operator(actor=actor, licensing_id=licensing_id)
    entry = entry_for_agreement(agreement=agreement, entry_id=entry_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A correction needs a reason."))
        return redirect("portal:operator_agreement_detail", agreement.licensing_id)
    try:
        correction = correction_post(
            entry=entry,
            reason=form.cleaned_data["reason"],
            actor=actor,
            today=clock.today(),
            at=clock.now(),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Entry %(entry)s reversed by entry %(correction)s.")
            % {"entry": entry.pk, "correction": correction.pk},
        )
    return redirect("portal:operator_agreement_detail", agreement.licensing_id)


# One example row of the import file (data, shown as is in every language).
IMPORT_SAMPLE_ROW = "C-200001,EA-WG-2019-01,enterprise,2019-01-01,2021-12-31,2500,1200,600,"


@portal_view(kinds=OPERATOR, roles=PROGRAM_ADMIN)
def agreement_import_view(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = agreement_import_check(
                file_name=upload.name,
                data=upload.read(2 * 1024 * 1024 + 1),
                actor=actor_of(request),
                today=clock.today(),
                at=clock.now(),
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("portal:operator_agreement_import_detail", record.pk)
    return render(
        request,
        "portal/operator/agreement_import.html",
        {
            "form": form,
            "imports": agreement_imports_recent(),
            "sample_header": ",".join(COLUMNS),  # column names are code, never translated
            "sample_row": IMPORT_SAMPLE_ROW,
        },
        status=400 if request.method == "POST" else 200,
    )


@portal_view(kinds=OPERATOR, roles=PROGRAM_ADMIN)
def agreement_import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    record = access_import_for_operator(actor=actor_of(request), import_id=import_id)
    return render(
        request,
        "portal/operator/agreement_import_detail.html",
        {"record": record, "summary": import_summary(record)},
    )


@require_POST
@portal_view(kinds=OPERATOR, roles=PROGRAM_ADMIN)
def agreement_import_commit_view(request: HttpRequest, import_id: int) -> HttpResponse:
    actor = actor_of(request)
    record = access_import_for_operator(actor=actor, import_id=import_id)
    try:
        record = agreement_import_commit(
            agreement_import=record, actor=actor, today=clock.today(), at=clock.now()
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        created = import_summary(record)["created"]
        messages.success(
            request, _("Import done: %(created)s agreements created.") % {"created": created}
        )
    return redirect("portal:operator_agreement_import_detail", record.pk)


@portal_view(kinds=OPERATOR, roles=PROGRAM_ADMIN)
def agreement_import_errors(request: HttpRequest, import_id: int) -> HttpResponseBase:
    record = access_import_for_operator(actor=actor_of(request), import_id=import_id)
    return csv_response(
        agreement_import_error_csv(agreement_import=record),
        filename=f"import-{record.pk}-errors.csv",
    )


@portal_view(kinds=OPERATOR)
def ledger_check_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/operator/ledger_check.html", {"report": ledger_reconcile_report()}
    )
