"""Operator payment pages (R-PAY-4..6): the review queue with flags and evidence, a request with
its decision forms, the run builder, and a run with its remittance downloads and confirmation.
Views translate; payments.services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from planserv.core import clock, uploads
from planserv.core.csv_export import csv_response
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.payments.models import DetailsChangeStatus, PaymentDetailsChange, PaymentRequest
from planserv.payments.overdue import request_age, review_alerts
from planserv.payments.remittance import remittance_csv_lines, remittance_pain001
from planserv.payments.selectors import (
    access_answer_file,
    access_payment_request_for_actor,
    access_payment_run,
    payment_request_evidence,
    payment_request_history,
    payment_request_list_for_actor,
    payment_run_list,
    review_queue,
)
from planserv.payments.services import (
    RunTotals,
    payment_details_change_reject,
    payment_details_change_verify,
    payment_request_approve,
    payment_request_deny,
    payment_request_hold,
    payment_run_build,
    payment_run_confirm,
    payment_run_totals,
)
from planserv.portal.decorators import actor_of, portal_view

OPERATOR = ("operator",)
REVIEWER = (Role.PAYMENT_REVIEWER,)
READERS = (Role.PAYMENT_REVIEWER, Role.PROGRAM_ADMIN, Role.AUDITOR)
DECISIONS = {"approve", "hold", "deny"}


class RunForm(forms.Form):
    month = forms.DateField(
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        label=gettext_lazy("Month"),
    )
    currency = forms.CharField(max_length=3, min_length=3, label=gettext_lazy("Currency"))


PAGE_SIZE = 50


@portal_view(kinds=OPERATOR, roles=READERS)
def payment_queue(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    today = clock.today()
    # 50 a page, oldest first (the partial index payreq_review_queue): the queue at program
    # scale holds thousands of requests.
    page = Paginator(review_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "queue": [(payment, request_age(payment, today)) for payment in page],
        "page": page,
        "alerts": review_alerts(today=today),
        "recent": payment_request_list_for_actor(actor)[:50],
        "may_review": actor.role == Role.PAYMENT_REVIEWER,
    }
    return render(request, "portal/operator/payment_queue.html", context)


@portal_view(kinds=OPERATOR, roles=READERS)
def payment_detail(request: HttpRequest, request_id: str) -> HttpResponse:
    actor = actor_of(request)
    payment = access_payment_request_for_actor(actor=actor, public_id=request_id)
    context = {
        "payment": payment,
        "evidence": payment_request_evidence(payment),
        "age": request_age(payment, clock.today()),
        "history": payment_request_history(payment),
        "may_review": actor.role == Role.PAYMENT_REVIEWER and payment.status == "validating",
    }
    return render(request, "portal/operator/payment_detail.html", context)


def _decide(payment: PaymentRequest, action: str, request: HttpRequest) -> PaymentRequest:
    actor, today, at = actor_of(request), clock.today(), clock.now()
    text = str(request.POST.get("text", ""))[:2000]
    if action == "approve":
        return payment_request_approve(
            public_id=payment.public_id, note=text, actor=actor, today=today, at=at
        )
    if action == "hold":
        return payment_request_hold(
            public_id=payment.public_id, question=text, actor=actor, today=today, at=at
        )
    return payment_request_deny(
        public_id=payment.public_id, reason=text, actor=actor, today=today, at=at
    )


@require_POST
@portal_view(kinds=OPERATOR, roles=REVIEWER)
def payment_decide(request: HttpRequest, request_id: str, action: str) -> HttpResponse:
    payment = access_payment_request_for_actor(actor=actor_of(request), public_id=request_id)
    if action not in DECISIONS:
        messages.error(request, _("Unknown decision."))
        return redirect("portal:operator_payment_detail", request_id=payment.public_id)
    try:
        decided = _decide(payment, action, request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(request)s is now %(status)s.")
            % {"request": decided.public_id, "status": decided.get_status_display()},
        )
    return redirect("portal:operator_payment_detail", request_id=payment.public_id)


@portal_view(kinds=OPERATOR, roles=READERS)
def payment_runs(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = RunForm(request.POST or None, initial={"month": clock.today(), "currency": "EUR"})
    if request.method == "POST":
        if actor.role != Role.PAYMENT_REVIEWER:
            return render(
                request,
                "portal/common/forbidden.html",
                {"reason": _("Payment reviewers build runs.")},
                status=403,
            )
        if form.is_valid():
            try:
                run = payment_run_build(
                    month=form.cleaned_data["month"],
                    currency=form.cleaned_data["currency"],
                    actor=actor,
                    today=clock.today(),
                    at=clock.now(),
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                count = run.requests.count()
                messages.success(
                    request,
                    ngettext(
                        "Run %(run)s holds %(count)s request.",
                        "Run %(run)s holds %(count)s requests.",
                        count,
                    )
                    % {"run": run.public_id, "count": count},
                )
                return redirect("portal:operator_payment_run", run_id=run.public_id)
    context = {
        "form": form,
        "runs": payment_run_list()[:100],
        "may_build": actor.role == Role.PAYMENT_REVIEWER,
    }
    return render(request, "portal/operator/payment_runs.html", context)


@portal_view(kinds=OPERATOR, roles=READERS)
def payment_run(request: HttpRequest, run_id: str) -> HttpResponse:
    actor = actor_of(request)
    run = access_payment_run(actor=actor, public_id=run_id)
    # A page of the run's requests (a run holds a month's requests: thousands at program scale);
    # the totals count all of them, the remittance file lists all of them.
    page = Paginator(
        run.requests.select_related("voucher", "registration", "organisation").order_by(
            "public_id", "id"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {
        "run": run,
        "requests": page,
        "page": page,
        "totals": payment_run_totals(run),
        "built_by_you": run.requests.filter(
            history__to_status="in_payment_run", history__actor_user_id=actor.user_id
        ).exists(),
        "may_act": actor.role == Role.PAYMENT_REVIEWER,
    }
    return render(request, "portal/operator/payment_run.html", context)


@portal_view(kinds=OPERATOR, roles=REVIEWER)
def payment_run_download(request: HttpRequest, run_id: str, file_format: str) -> HttpResponseBase:
    run = access_payment_run(actor=actor_of(request), public_id=run_id)
    if file_format != "pain001":
        return csv_response(remittance_csv_lines(run), filename=f"{run.public_id}.csv")
    try:
        response = HttpResponse(remittance_pain001(run), content_type="application/xml")
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:operator_payment_run", run_id=run.public_id)
    response["Content-Disposition"] = f'attachment; filename="{run.public_id}.pain001.xml"'
    return response


@require_POST
@portal_view(kinds=OPERATOR, roles=REVIEWER)
def payment_run_confirm_view(request: HttpRequest, run_id: str) -> HttpResponse:
    actor = actor_of(request)
    run = access_payment_run(actor=actor, public_id=run_id)
    try:
        expected = RunTotals(
            count=int(str(request.POST.get("expected_count", ""))),
            total=Decimal(str(request.POST.get("expected_total", ""))),
        )
    except (ValueError, ArithmeticError):
        messages.error(request, _("Check the run's count and total on this page, then confirm."))
        return redirect("portal:operator_payment_run", run_id=run.public_id)
    try:
        payment_run_confirm(
            public_id=run.public_id,
            actor=actor,
            today=clock.today(),
            at=clock.now(),
            expected=expected,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Run %(run)s is confirmed: its requests are paid.") % {"run": run.public_id},
        )
    return redirect("portal:operator_payment_run", run_id=run.public_id)


@portal_view(kinds=OPERATOR, roles=READERS)
def details_changes(request: HttpRequest) -> HttpResponse:
    """Firms' new payment details waiting for verification (R-PAY-1), newest last."""
    pending = (
        PaymentDetailsChange.objects.filter(status=DetailsChangeStatus.PENDING)
        .select_related("registration__organisation", "registration__offering")
        .order_by("submitted_at", "pk")
    )
    context = {"pending": pending, "may_review": actor_of(request).role == Role.PAYMENT_REVIEWER}
    return render(request, "portal/operator/payment_details_changes.html", context)


@require_POST
@portal_view(kinds=OPERATOR, roles=REVIEWER)
def details_change_decide(request: HttpRequest, change_id: int, action: str) -> HttpResponse:
    actor, today, at = actor_of(request), clock.today(), clock.now()
    try:
        if action == "verify":
            payment_details_change_verify(change_id=change_id, actor=actor, today=today, at=at)
        else:
            payment_details_change_reject(
                change_id=change_id,
                reason=str(request.POST.get("reason", ""))[:2000],
                actor=actor,
                today=today,
                at=at,
            )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The new payment details are verified: runs pay to the new account.")
            if action == "verify"
            else _("The new payment details are rejected."),
        )
    return redirect("portal:operator_payment_details_changes")


@portal_view(kinds=OPERATOR, roles=READERS)  # a FileResponse streams
def payment_answer_file(request: HttpRequest, request_id: str, file_id: int) -> HttpResponseBase:
    item = access_answer_file(actor=actor_of(request), public_id=request_id, file_id=file_id)
    return uploads.file_response(
        uploads.open_stored(item.storage_name),
        content_type=item.content_type,
        download_name=item.original_name,
    )
