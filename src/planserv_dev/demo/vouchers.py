"""Demo data of the vouchers capability: vouchers in every state on the demo date (2021-06-15),
built through the services with past `today` values on the agreements of the customers step and
the firms of the partners step.

- Woodgrove (US, EA-WG-2019-01) with Fabrikam and Adatum: redeemed (one in October 2020, one on
  28 May 2021, inside its payment window), delivered with a PDF deliverable (expires 10 July),
  delivered and due by 19 June (about to miss the last day it can be redeemed), reserved,
  assigned, expired with its day returned, cancelled, and one extended by R-EXT-1 (created
  10 February 2020, live on 1 April 2020: 90 more days) and redeemed in the extra time.
- Litware (DE) with Contoso: delivered (10 days), reserved, redeemed with 4 off-site days under
  the 2020 on-site waiver, and one on the Open Value agreement that ended on 28 February 2021,
  expired on 6 March 2021 with its days forfeited.
- Proseware (GB): assigned and unreserved, expiring 26 June 2021; one nominated for Contoso.
Each plan's steps are dated events of the timeline; each day they run after the daily jobs
(R-EXT-1 extensions, the expiry sweep), as they would after the daily runner. Events after the
demo date never run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planserv.accounts.models import Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.customers.models import LicensingAgreement
from planserv.partners.models import Consultant
from planserv.program.models import EngagementType
from planserv.vouchers.models import Voucher
from planserv.vouchers.services import (
    ReportInput,
    Upload,
    voucher_cancel,
    voucher_create_and_assign,
    voucher_redeem,
    voucher_report_delivery,
    voucher_reserve,
)
from planserv_dev.demo.context import DemoContext

D = dt.date

# customer public id → (benefits admin, project manager)
CUSTOMERS = {
    "C-200001": ("benefits@woodgrove.demo", "pm@woodgrove.demo"),
    "C-200002": ("benefits@litware.demo", "pm@litware.demo"),
    "C-200003": ("benefits@proseware.demo", "pm@proseware.demo"),
}
PARTNER_ADMINS = {
    "P-100001": "admin@contoso.demo",
    "P-100002": "admin@fabrikam.demo",
    "P-100005": "admin@adatum.demo",
}


@dataclass(frozen=True)
class Delivery:
    partner: str
    location: str
    reserved: dt.date
    start: dt.date
    consultant: str
    delivered: dt.date | None = None  # the report is filed on this day (its end date)
    offsite: int = 0
    redeemed: dt.date | None = None


@dataclass(frozen=True)
class Plan:
    name: str
    customer: str
    licensing_id: str
    engagement_type: str
    days: int
    created: dt.date
    division: str = ""
    delivery: Delivery | None = None
    cancelled: dt.date | None = None
    nominated: str | None = None


WOODGROVE, LITWARE, PROSEWARE = "C-200001", "C-200002", "C-200003"
PLANS = [
    Plan(
        "extended by R-EXT-1, redeemed in the extra days",
        WOODGROVE,
        "EA-WG-2019-01",
        "exchange-deployment",
        3,
        D(2020, 2, 10),
        delivery=Delivery(
            "P-100002",
            "US-5520001",
            D(2020, 6, 1),
            D(2020, 8, 10),
            "sam.ortiz@fabrikam.demo",
            delivered=D(2020, 8, 20),
            redeemed=D(2020, 8, 25),
        ),
    ),
    Plan(
        "expired, its day returned",
        WOODGROVE,
        "EA-WG-2019-01",
        "exchange-deployment",
        1,
        D(2020, 5, 11),
    ),
    Plan(
        "redeemed in 2020",
        WOODGROVE,
        "EA-WG-2019-01",
        "exchange-deployment",
        5,
        D(2020, 9, 14),
        delivery=Delivery(
            "P-100002",
            "US-5520001",
            D(2020, 9, 21),
            D(2020, 10, 5),
            "sam.ortiz@fabrikam.demo",
            delivered=D(2020, 10, 16),
            redeemed=D(2020, 10, 20),
        ),
    ),
    Plan(
        "cancelled",
        WOODGROVE,
        "EA-WG-2019-01",
        "upgrading-d365-ce",
        5,
        D(2020, 11, 2),
        cancelled=D(2020, 11, 16),
    ),
    Plan(
        "delivered, to redeem by 19 June 2021",
        WOODGROVE,
        "EA-WG-2019-01",
        "exchange-deployment",
        5,
        D(2020, 12, 21),
        delivery=Delivery(
            "P-100002",
            "US-5520001",
            D(2020, 12, 28),
            D(2021, 6, 7),
            "sam.ortiz@fabrikam.demo",
            delivered=D(2021, 6, 11),
        ),
    ),
    Plan(
        "delivered with its plan, expires 10 July 2021",
        WOODGROVE,
        "EA-WG-2019-01",
        "sharepoint-deployment",
        5,
        D(2021, 1, 11),
        delivery=Delivery(
            "P-100005",
            "US-8850001",
            D(2021, 1, 18),
            D(2021, 6, 1),
            "dana.brooks@adatum.demo",
            delivered=D(2021, 6, 10),
        ),
    ),
    Plan(
        "redeemed on 28 May 2021",
        WOODGROVE,
        "EA-WG-2019-01",
        "upgrading-d365-ce",
        10,
        D(2021, 3, 1),
        delivery=Delivery(
            "P-100002",
            "US-5520002",
            D(2021, 3, 8),
            D(2021, 5, 10),
            "fiona.hart@fabrikam.demo",
            delivered=D(2021, 5, 21),
            redeemed=D(2021, 5, 28),
        ),
    ),
    Plan(
        "reserved, starts 21 June 2021",
        WOODGROVE,
        "EA-WG-2019-01",
        "exchange-deployment",
        3,
        D(2021, 4, 6),
        division="Card services",
        delivery=Delivery(
            "P-100002", "US-5520002", D(2021, 4, 12), D(2021, 6, 21), "sam.ortiz@fabrikam.demo"
        ),
    ),
    Plan("assigned", WOODGROVE, "EA-WG-2019-01", "sharepoint-deployment", 3, D(2021, 6, 1)),
    Plan(
        "redeemed under the on-site waiver",
        LITWARE,
        "MPSA-LW-2019-10",
        "windows-office-deployment",
        5,
        D(2020, 6, 2),
        division="Werk Stuttgart",
        delivery=Delivery(
            "P-100001",
            "DE-4711001",
            D(2020, 6, 8),
            D(2020, 6, 15),
            "anna.berger@contoso.demo",
            delivered=D(2020, 6, 26),
            offsite=4,
            redeemed=D(2020, 7, 1),
        ),
    ),
    Plan(
        "expired after its agreement ended: forfeited",
        LITWARE,
        "OV-LW-2019-03",
        "windows-office-deployment",
        3,
        D(2020, 9, 7),
    ),
    Plan(
        "delivered, 10 days",
        LITWARE,
        "MPSA-LW-2019-10",
        "windows-office-deployment",
        10,
        D(2021, 2, 1),
        delivery=Delivery(
            "P-100001",
            "DE-4711001",
            D(2021, 2, 8),
            D(2021, 5, 17),
            "anna.berger@contoso.demo",
            delivered=D(2021, 6, 4),
        ),
    ),
    Plan(
        "reserved, starts 28 June 2021",
        LITWARE,
        "MPSA-LW-2019-10",
        "sharepoint-deployment",
        5,
        D(2021, 5, 3),
        delivery=Delivery(
            "P-100001", "DE-4711002", D(2021, 5, 10), D(2021, 6, 28), "lukas.maier@contoso.demo"
        ),
    ),
    Plan(
        "assigned, expires 26 June 2021",
        PROSEWARE,
        "EA-PW-2019-05",
        "windows-office-deployment",
        5,
        D(2020, 12, 28),
    ),
    Plan(
        "assigned, nominated for Contoso",
        PROSEWARE,
        "EA-PW-2019-05",
        "mobile-productivity",
        3,
        D(2021, 6, 7),
        nominated="P-100001",
    ),
]


def plan_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and a few lines (no library needed)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = [f"BT /F1 18 Tf 72 740 Td ({escape(title)}) Tj ET"]
    body += [
        f"BT /F1 11 Tf 72 {708 - 18 * number} Td ({escape(line)}) Tj ET"
        for number, line in enumerate(lines)
    ]
    stream = "\n".join(body).encode("latin-1", "replace")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj".encode() + content + b"endobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


class Builder:
    def __init__(self, context: DemoContext) -> None:
        self.context = context
        self.vouchers: dict[str, Voucher] = {}

    def actor(self, email: str, public_id: str, role: str) -> Actor:
        membership = Membership.objects.select_related("user", "organisation").get(
            user__email=email, organisation__public_id=public_id, role=role
        )
        return actor_for_membership(membership)

    def create(self, plan: Plan, day: dt.date) -> None:
        admin, manager = CUSTOMERS[plan.customer]
        self.vouchers[plan.name] = voucher_create_and_assign(
            agreement=LicensingAgreement.objects.get(licensing_id=plan.licensing_id),
            engagement_type=EngagementType.objects.select_related("offering").get(
                code=plan.engagement_type
            ),
            days=plan.days,
            assignee_email=manager,
            division=plan.division,
            nominated_partner=plan.nominated,
            actor=self.actor(admin, plan.customer, "benefits_admin"),
            today=day,
            at=self.context.at(day),
        )

    def partner(self, delivery: Delivery) -> Actor:
        return self.actor(PARTNER_ADMINS[delivery.partner], delivery.partner, "partner_admin")

    def reserve(self, plan: Plan, delivery: Delivery, day: dt.date) -> None:
        voucher = self.vouchers[plan.name]
        voucher_reserve(
            voucher_id=voucher.voucher_id,
            email=voucher.assignee_email,
            location_id=delivery.location,
            start_date=delivery.start,
            accept_terms=True,
            delivery_country=delivery.location[:2],
            actor=self.partner(delivery),
            today=day,
            at=self.context.at(day),
        )

    def report(self, plan: Plan, delivery: Delivery, day: dt.date) -> None:
        voucher = Voucher.objects.get(pk=self.vouchers[plan.name].pk)
        consultant = Consultant.objects.get(email=delivery.consultant)
        customer = voucher.customer.name
        voucher_report_delivery(
            voucher=voucher,
            report=ReportInput(
                delivery_country=delivery.location[:2],
                start_date=delivery.start,
                end_date=day,
                consultant_ids=[consultant.pk],
                onsite_days=voucher.days - delivery.offsite,
                offsite_days=delivery.offsite,
                summary=f"Workshops with {customer}'s IT team: current estate assessed, target "
                f"architecture and a phased {voucher.engagement_type.name.lower()} agreed.",
                next_steps="Pilot with one business unit, then roll out by region; review "
                "licensing coverage before the pilot.",
                no_extra_fee=True,
                uploads=[
                    Upload(
                        f"{voucher.engagement_type.code}-plan.pdf",
                        plan_pdf(
                            f"{voucher.engagement_type.name}: plan for {customer}",
                            [
                                f"Voucher {voucher.display_id}, {voucher.days} days",
                                f"Delivered {long_date(delivery.start)} to {long_date(day)}",
                                f"Consultant: {consultant.name}",
                                "1. Assessment  2. Target design  3. Pilot  4. Roll-out",
                            ],
                        ),
                    )
                ],
            ),
            actor=self.partner(delivery),
            today=day,
            at=self.context.at(day),
        )

    def redeem(self, plan: Plan, delivery: Delivery, day: dt.date) -> None:
        voucher_redeem(
            voucher=Voucher.objects.get(pk=self.vouchers[plan.name].pk),
            location_id=delivery.location,
            actor=self.partner(delivery),
            today=day,
            at=self.context.at(day),
        )

    def cancel(self, plan: Plan, day: dt.date) -> None:
        admin, _ = CUSTOMERS[plan.customer]
        voucher_cancel(
            voucher=Voucher.objects.get(pk=self.vouchers[plan.name].pk),
            actor=self.actor(admin, plan.customer, "benefits_admin"),
            today=day,
            at=self.context.at(day),
        )

    def put_on(self, plan: Plan) -> None:
        """Put the plan's creation, cancellation, reservation, report and redemption on the
        timeline (the expiry extensions and the sweep are daily jobs the builder runs)."""
        on = self.context.on
        on(plan.created, f"voucher {plan.name}: created", lambda day: self.create(plan, day))
        if plan.cancelled:
            on(
                plan.cancelled,
                f"voucher {plan.name}: cancelled",
                lambda day: self.cancel(plan, day),
            )
        delivery = plan.delivery
        if delivery is None:
            return
        on(
            delivery.reserved,
            f"voucher {plan.name}: reserved",
            lambda day: self.reserve(plan, delivery, day),
        )
        if delivery.delivered:
            on(
                delivery.delivered,
                f"voucher {plan.name}: delivered",
                lambda day: self.report(plan, delivery, day),
            )
        if delivery.redeemed:
            on(
                delivery.redeemed,
                f"voucher {plan.name}: redeemed",
                lambda day: self.redeem(plan, delivery, day),
            )


def build(context: DemoContext) -> None:
    builder = Builder(context)
    for plan in PLANS:
        builder.put_on(plan)
