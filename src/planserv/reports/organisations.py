"""The operator's organisation pages (issue 18): one read of each part of a partner firm, a
customer or a voucher, across the apps that own them, and one search across organisations.

Every list is a queryset the page paginates (a fixed number of rows per page, PERF-4): nothing
here loads an unbounded list. Support requests are the support app's (a sibling of reports): the
portal view reads them through support.selectors. Everything here reads; nothing writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership, Organisation
from planserv.audit.models import AuditEvent
from planserv.core.errors import NotFound
from planserv.core.types import OrganisationKind
from planserv.customers.ledger.models import LedgerEntry
from planserv.customers.ledger.selectors import agreement_balances
from planserv.customers.models import LicensingAgreement
from planserv.partners.eligibility import renewal_opens_on
from planserv.partners.models import (
    CompetencyHeld,
    Consultant,
    ConsultantExam,
    Enrollment,
    EvidenceClaim,
    Location,
)
from planserv.partners.selectors import claims_for_firm
from planserv.payments.models import PaymentRegistration, PaymentRequest
from planserv.vouchers.models import Reservation, Voucher

MAX_QUERY = 100


class OrganisationNotFound(NotFound):
    code = "organisation_not_found"
    rule = "R-ROLE-1"


def _organisation(public_id: str, kind: str) -> Organisation:
    organisation = (
        Organisation.objects.filter(public_id=public_id.strip(), kind=kind).order_by("pk").first()
    )
    if organisation is None:
        raise OrganisationNotFound(
            _("There is no %(kind)s organisation %(public_id)r.")
            % {"kind": kind, "public_id": public_id[:40]}
        )
    return organisation


def firm_get(*, partner_id: str) -> Organisation:
    return _organisation(partner_id, OrganisationKind.PARTNER)


def customer_get(*, customer_id: str) -> Organisation:
    return _organisation(customer_id, OrganisationKind.CUSTOMER)


# --- parts shared by both kinds ----------------------------------------------------------------


def people_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-is_active", "user__email", "role", "id")
    )


def audit_of(organisation: Organisation) -> QuerySet[AuditEvent]:
    """The organisation's audit trail, newest first (served by the organisation_id index)."""
    return AuditEvent.objects.filter(organisation_id=organisation.pk).order_by("-id")


# --- a partner firm ----------------------------------------------------------------------------


def firm_locations(organisation: Organisation) -> QuerySet[Location]:
    return Location.objects.filter(organisation=organisation).order_by("location_id", "id")


def firm_competencies(organisation: Organisation) -> QuerySet[CompetencyHeld]:
    """Verified competency records (R-EVD-1), latest expiry first."""
    return (
        CompetencyHeld.objects.filter(organisation=organisation)
        .select_related("competency")
        .order_by("-expires_on", "competency__name", "id")
    )


def firm_claims(organisation: Organisation) -> QuerySet[EvidenceClaim]:
    """Every claim of the firm (competencies and exams), newest first: the claim history."""
    return claims_for_firm(organisation)


def firm_consultants(organisation: Organisation) -> QuerySet[Consultant]:
    exams = ConsultantExam.objects.select_related("exam").order_by("exam__code", "id")
    return (
        Consultant.objects.filter(organisation=organisation)
        .prefetch_related(Prefetch("exams", queryset=exams))
        .order_by("name", "id")
    )


def firm_enrollments(organisation: Organisation) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(organisation=organisation)
        .select_related("offering", "agreement_version")
        .prefetch_related("renewals")
        .order_by("-last_day", "offering__code", "id")
    )


def firm_registrations(organisation: Organisation) -> QuerySet[PaymentRegistration]:
    """Payment registrations; pages show them masked (iban_masked, tax_id_masked)."""
    return (
        PaymentRegistration.objects.filter(organisation=organisation)
        .select_related("offering")
        .order_by("offering__code", "id")
    )


def firm_vouchers(organisation: Organisation) -> QuerySet[Voucher]:
    return (
        Voucher.objects.filter(holder=organisation)
        .select_related("engagement_type", "customer")
        .order_by("-id")
    )


def firm_payment_requests(organisation: Organisation) -> QuerySet[PaymentRequest]:
    return (
        PaymentRequest.objects.filter(organisation=organisation)
        .select_related("voucher", "run")
        .order_by("-id")
    )


# --- a customer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    agreement: LicensingAgreement
    balances: dict[str, int]


def customer_agreements(organisation: Organisation) -> QuerySet[LicensingAgreement]:
    return (
        LicensingAgreement.objects.filter(customer=organisation)
        .prefetch_related("ledger_accounts")
        .order_by("-end_date", "id")
    )


def agreement_rows(agreements: list[LicensingAgreement]) -> list[AgreementRow]:
    """Balances of one page of agreements (one query per agreement on the page)."""
    return [AgreementRow(agreement, agreement_balances(agreement)) for agreement in agreements]


def customer_vouchers(organisation: Organisation) -> QuerySet[Voucher]:
    return (
        Voucher.objects.filter(customer=organisation)
        .select_related("engagement_type", "holder", "agreement")
        .order_by("-id")
    )


# --- a voucher ---------------------------------------------------------------------------------


def voucher_ledger_entries(voucher: Voucher) -> QuerySet[LedgerEntry]:
    """The entries that moved this voucher's days (creation, redemption, expiry, return)."""
    return (
        LedgerEntry.objects.filter(agreement_id=voucher.agreement_id, cause_id=voucher.voucher_id)
        .select_related("source", "destination")
        .order_by("id")
    )


def voucher_reservations(voucher: Voucher) -> QuerySet[Reservation]:
    return (
        Reservation.objects.filter(voucher=voucher)
        .select_related("partner", "location")
        .order_by("-reserved_at", "-id")
    )


def voucher_payment(voucher: Voucher) -> PaymentRequest | None:
    return (
        PaymentRequest.objects.filter(voucher=voucher)
        .select_related("run", "organisation")
        .order_by("pk")
        .first()
    )


# --- one search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    query: str
    organisations: QuerySet[Organisation]
    voucher: Voucher | None
    agreement: LicensingAgreement | None


def organisation_search(*, query: str, voucher_id: str | None = None) -> SearchResult:
    """Partner firms and customers whose name or id contains every word of `query`; a voucher id
    (canonical, from vouchers.voucher_id) and a licensing id are matched exactly."""
    text = " ".join(query.split())[:MAX_QUERY]
    organisations = Organisation.objects.filter(
        kind__in=[OrganisationKind.PARTNER, OrganisationKind.CUSTOMER]
    )
    for word in text.split():
        organisations = organisations.filter(
            Q(name__icontains=word) | Q(public_id__iexact=word) | Q(public_id__icontains=word)
        )
    if not text:
        organisations = organisations.none()
    voucher = (
        Voucher.objects.filter(voucher_id=voucher_id).order_by("pk").first() if voucher_id else None
    )
    agreement = (
        LicensingAgreement.objects.select_related("customer")
        .filter(licensing_id=text)
        .order_by("pk")
        .first()
        if text
        else None
    )
    return SearchResult(
        query=text,
        organisations=organisations.order_by("kind", "name", "id"),
        voucher=voucher,
        agreement=agreement,
    )


def renewal_window_opens(enrollment: Enrollment) -> dt.date:
    """The first day the enrollment may be renewed (R-ENR-1)."""
    return renewal_opens_on(enrollment)
