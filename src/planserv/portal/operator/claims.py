"""Operator pages, R-EVD-1: the claims queue (competencies and consultants' exams with their
evidence), where a program admin verifies or rejects each claim with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.core.types import Role
from planserv.partners.models import ClaimStatus
from planserv.partners.selectors import access_claim, claims_by_status
from planserv.partners.services import claim_reject, claim_verify
from planserv.portal.decorators import actor_of, portal_view
from planserv.portal.shared.evidence import evidence_file as serve_evidence
from planserv.portal.shared.evidence import plain

OPERATOR = ("operator",)
PAGE_SIZE = 25


@portal_view(kinds=OPERATOR)
def claim_queue(request: HttpRequest) -> HttpResponse:
    """Claims of one status, oldest first (pending by default: the work to do)."""
    status = request.GET.get("status") or ClaimStatus.PENDING
    if status not in ClaimStatus.values:
        status = ClaimStatus.PENDING
    page = Paginator(claims_by_status(status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/operator/claim_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": ClaimStatus.choices,
            "query": f"status={status}",
            "may_decide": actor_of(request).role == Role.PROGRAM_ADMIN,
        },
    )


@require_POST
@portal_view(kinds=OPERATOR, roles=(Role.PROGRAM_ADMIN,))
def claim_decide(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Verify or reject one claim; back to the queue with the outcome."""
    actor = actor_of(request)
    claim = access_claim(actor=actor, claim_id=claim_id)
    action = request.POST.get("action", "")
    today, at = clock.today(), clock.now()
    try:
        if action == "verify":
            claim = claim_verify(
                claim=claim, note=request.POST.get("note", ""), actor=actor, today=today, at=at
            )
            messages.success(
                request,
                _("Verified: %(claim)s (%(firm)s).")
                % {"claim": claim.summary, "firm": claim.organisation.name},
            )
        elif action == "reject":
            claim = claim_reject(
                claim=claim, reason=request.POST.get("reason", ""), actor=actor, today=today, at=at
            )
            messages.success(
                request,
                _("Rejected: %(claim)s (%(firm)s).")
                % {"claim": claim.summary, "firm": claim.organisation.name},
            )
        else:
            messages.error(request, _("Choose to verify or to reject the claim."))
    except DomainError as error:
        messages.error(request, plain(error.message))
    return redirect("portal:operator_claims")


@portal_view(kinds=OPERATOR)  # a FileResponse streams
def claim_file(request: HttpRequest, claim_id: int) -> HttpResponseBase:
    """The evidence file of any firm's claim, as a download."""
    return serve_evidence(request, claim_id)
