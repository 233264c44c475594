"""Factories for the voucher lifecycle, built through the services.

pool = customer_pool(days=100)                 # customer, activated agreement, admin, manager
firm = eligible_firm(country="US")             # enrolled in DDPS, competency, location, consultant
voucher = assigned(pool, today=D(2021, 3, 1))
reserved(voucher, firm, today=...), delivered(voucher, firm, today=...), redeemed(...)
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from dataclasses import dataclass

from planserv.accounts.models import Membership, Organisation
from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.customers.models import LicensingAgreement
from planserv.partners.models import Consultant, Location
from planserv.program.models import EngagementType
from planserv.vouchers.models import CompletionReport, Reservation, Voucher
from planserv.vouchers.services import (
    ReportInput,
    Upload,
    voucher_create_and_assign,
    voucher_redeem,
    voucher_report_delivery,
    voucher_reserve,
)
from tests.factories import accounts as account_factory
from tests.factories import customers as customer_factory
from tests.factories import partners as partner_factory

D = dt.date
TYPE = "windows-office-deployment"  # DDPS, Windows and Devices (silver), exam MD-100
_sequence = itertools.count(1)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


def actor(membership: Membership) -> Actor:
    return actor_for_membership(membership)


@dataclass
class Pool:
    customer: Organisation
    agreement: LicensingAgreement
    admin: Membership  # benefits_admin
    manager: Membership  # project_manager, the assignee

    @property
    def admin_actor(self) -> Actor:
        return actor(self.admin)

    @property
    def manager_email(self) -> str:
        return self.manager.user.email


def customer_pool(
    *,
    days: int = 100,
    country: str = "US",
    customer: Organisation | None = None,
    start_date: dt.date = dt.date(2019, 7, 1),
    end_date: dt.date = dt.date(2022, 6, 30),
    activated_on: dt.date = dt.date(2019, 9, 2),
) -> Pool:
    customer = customer or account_factory.organisation(
        "customer", name=f"Customer {next(_sequence)}", country=country
    )
    agreement = customer_factory.agreement(customer, start_date=start_date, end_date=end_date)
    customer_factory.activated(agreement, today=max(activated_on, start_date))
    if days:
        customer_factory.grant(agreement, days, today=max(D(2020, 1, 6), start_date))
    admin = (
        Membership.objects.filter(organisation=customer, role="benefits_admin")
        .order_by("pk")
        .first()
    ) or account_factory.member(customer, "benefits_admin")
    manager = (
        Membership.objects.filter(organisation=customer, role="project_manager")
        .order_by("pk")
        .first()
    ) or account_factory.member(customer, "project_manager")
    return Pool(customer=customer, agreement=agreement, admin=admin, manager=manager)


@dataclass
class Firm:
    organisation: Organisation
    admin: Membership  # partner_admin
    location: Location
    consultant: Consultant

    @property
    def admin_actor(self) -> Actor:
        return actor(self.admin)


def eligible_firm(
    *,
    country: str = "US",
    organisation: Organisation | None = None,
    enrolled_on: dt.date = dt.date(2021, 1, 4),
    offering: str = "DDPS",
    competency: str = "windows-and-devices",
    exam: str = "MD-100",
) -> Firm:
    """A firm enrolled in `offering` from `enrolled_on` (one year), holding `competency`, with a
    location in `country` and a consultant who passed `exam` on 2019-03-04."""
    firm = organisation or partner_factory.firm(name=f"Firm {next(_sequence)}", country=country)
    partner_factory.competency(firm, competency)
    partner_factory.enroll(firm, offering, on=enrolled_on)
    location = partner_factory.location(firm, country=country)
    consultant = partner_factory.consultant(firm, exams=((exam, D(2019, 3, 4)),))
    admin = (
        Membership.objects.filter(organisation=firm, role="partner_admin").order_by("pk").first()
    ) or account_factory.member(firm, "partner_admin")
    return Firm(organisation=firm, admin=admin, location=location, consultant=consultant)


def engagement_type(code: str = TYPE) -> EngagementType:
    return EngagementType.objects.select_related("offering").get(code=code)


def assigned(
    pool: Pool,
    *,
    today: dt.date = dt.date(2021, 3, 1),
    days: int = 5,
    type_code: str = TYPE,
    division: str | None = None,
    product_scope: str = "",
    nominated_partner: str | None = None,
) -> Voucher:
    """A new voucher; each gets its own division unless one is given, so R-CAP-1 never bites."""
    return voucher_create_and_assign(
        agreement=pool.agreement,
        engagement_type=engagement_type(type_code),
        days=days,
        assignee_email=pool.manager_email,
        division=f"Division {next(_sequence)}" if division is None else division,
        product_scope=product_scope,
        nominated_partner=nominated_partner,
        actor=pool.admin_actor,
        today=today,
        at=at(today),
    )


def reserved(
    voucher: Voucher,
    firm: Firm,
    *,
    today: dt.date = dt.date(2021, 3, 2),
    start: dt.date | None = None,
) -> Reservation:
    return voucher_reserve(
        voucher_id=voucher.voucher_id,
        email=voucher.assignee_email,
        location_id=firm.location.location_id,
        start_date=start or today,
        accept_terms=True,
        delivery_country=str(firm.location.country),
        actor=firm.admin_actor,
        today=today,
        at=at(today),
    )


def pdf_bytes(text: str = "Deployment plan") -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length " + str(len(body)).encode() + b">>stream\n" + body + b"\nendstream\n"
        b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    return buffer.getvalue()


def report_input(
    voucher: Voucher,
    firm: Firm,
    *,
    start: dt.date,
    end: dt.date,
    onsite: int | None = None,
    offsite: int = 0,
    uploads: list[Upload] | None = None,
    **changes: object,
) -> ReportInput:
    values: dict[str, object] = {
        "delivery_country": str(firm.location.country),
        "start_date": start,
        "end_date": end,
        "consultant_ids": [firm.consultant.pk],
        "onsite_days": voucher.days - offsite if onsite is None else onsite,
        "offsite_days": offsite,
        "summary": "Assessed the estate and planned the rollout.",
        "next_steps": "Pilot with 50 devices, then deploy by region.",
        "no_extra_fee": True,
        "uploads": [Upload("plan.pdf", pdf_bytes())] if uploads is None else uploads,
    }
    values.update(changes)
    return ReportInput(**values)  # type: ignore[arg-type]


def delivered(
    voucher: Voucher,
    firm: Firm,
    *,
    today: dt.date = dt.date(2021, 3, 10),
    start: dt.date | None = None,
    **changes: object,
) -> CompletionReport:
    voucher.refresh_from_db()
    reservation = Reservation.objects.get(voucher=voucher, is_active=True)
    return voucher_report_delivery(
        voucher=voucher,
        report=report_input(
            voucher, firm, start=start or reservation.reserved_on, end=today, **changes
        ),
        actor=firm.admin_actor,
        today=today,
        at=at(today),
    )


def redeemed(voucher: Voucher, firm: Firm, *, today: dt.date = dt.date(2021, 3, 12)) -> Voucher:
    voucher.refresh_from_db()
    return voucher_redeem(
        voucher=voucher,
        location_id=firm.location.location_id,
        actor=firm.admin_actor,
        today=today,
        at=at(today),
    )


def fresh(voucher: Voucher) -> Voucher:
    return Voucher.objects.get(pk=voucher.pk)
