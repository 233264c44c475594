"""The 2020-21 catalogue and the real retirement calendar (domain.md sections 2 and 8).

Used by migration 0002. Exam codes, day rates and accrual bands were never published for the
program: the figures here are illustrative and labelled so in the data and in docs/decisions.md.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

ALL_LEVELS = [1, 3, 5, 10, 15]

COMPETENCIES = {
    "windows-and-devices": "Windows and Devices",
    "enterprise-mobility-management": "Enterprise Mobility Management",
    "cloud-business-applications": "Cloud Business Applications",
    "cloud-crm": "Cloud CRM",
    "enterprise-resource-planning": "Enterprise Resource Planning",
    "datacenter": "Datacenter",
    "collaboration-and-content": "Collaboration and Content",
    "project-and-portfolio-management": "Project and Portfolio Management",
    "messaging": "Messaging",
    "communications": "Communications",
    "data-analytics": "Data Analytics",
    "data-platform": "Data Platform",
    "cloud-platform": "Cloud Platform",
}

# Illustrative exam codes per competency (R-DEL-1).
EXAMS = [
    ("MD-100", "Windows 10", "windows-and-devices"),
    ("MD-101", "Managing Modern Desktops", "windows-and-devices"),
    ("MS-100", "Microsoft 365 Identity and Services", "enterprise-mobility-management"),
    ("MS-500", "Microsoft 365 Security Administration", "enterprise-mobility-management"),
    ("MB-200", "Power Platform + Dynamics 365 Core", "cloud-business-applications"),
    ("MB-210", "Dynamics 365 Sales", "cloud-crm"),
    ("MB-300", "Dynamics 365 Unified Operations Core", "enterprise-resource-planning"),
    ("AZ-800", "Windows Server Hybrid Administration", "datacenter"),
    ("MS-300", "Deploying Microsoft 365 Teamwork", "collaboration-and-content"),
    ("PJ-300", "Project and Portfolio Management Solutions", "project-and-portfolio-management"),
    ("MS-203", "Microsoft 365 Messaging", "messaging"),
    ("MS-700", "Managing Microsoft Teams", "communications"),
    ("DA-100", "Analyzing Data with Power BI", "data-analytics"),
    ("DP-300", "Administering Relational Databases", "data-platform"),
    ("AZ-303", "Azure Architect Technologies", "cloud-platform"),
]

OFFERINGS = [
    ("DDPS", "Desktop Deployment Planning Services", "Windows, Office, Microsoft 365", False),
    ("DYDPS", "Dynamics Deployment Planning Services", "Dynamics 365", False),
    ("PVDPS", "Private Cloud Planning Services", "Windows Server, System Center", False),
    ("SDPS", "SharePoint Deployment Planning Services", "SharePoint, Project", False),
    (
        "S-EDPS",
        "Skype for Business and Exchange Deployment Planning Services",
        "Exchange, Skype for Business",
        False,
    ),
    ("SSDPS", "SQL Server Deployment Planning Services", "SQL Server", False),
    ("AZDPS", "Azure Deployment Planning Services", "Azure", True),
]

# (code, name, offering, cloud, [(competency, minimum level)], deliverables)
ENGAGEMENT_TYPES = [
    (
        "windows-office-deployment",
        "Windows and Office Deployment Planning",
        "DDPS",
        False,
        [("windows-and-devices", "silver")],
        ["Deployment plan"],
    ),
    (
        "mobile-productivity",
        "Mobile Productivity Deployment Planning",
        "DDPS",
        False,
        [("enterprise-mobility-management", "silver"), ("windows-and-devices", "silver")],
        ["Deployment plan"],
    ),
    (
        "modern-it-security-poc",
        "Modern IT Enterprise Security Proof of Concept",
        "DDPS",
        False,
        [("enterprise-mobility-management", "silver")],
        ["Proof of concept report"],
    ),
    (
        "upgrading-d365-ce",
        "Upgrading Dynamics 365 for Customer Engagement",
        "DYDPS",
        False,
        [("cloud-business-applications", "silver"), ("cloud-crm", "silver")],
        ["Upgrade plan"],
    ),
    (
        "migrating-d365-ce",
        "Migrating to Dynamics 365 for Customer Engagement",
        "DYDPS",
        False,
        [("cloud-business-applications", "silver"), ("cloud-crm", "silver")],
        ["Migration plan"],
    ),
    (
        "upgrading-d365-fo",
        "Upgrading Dynamics 365 for Finance and Operations",
        "DYDPS",
        False,
        [("enterprise-resource-planning", "gold")],
        ["Upgrade plan"],
    ),
    (
        "modernizing-windows-server",
        "Modernizing Your Windows Server Platform",
        "PVDPS",
        False,
        [("datacenter", "silver")],
        ["Modernization plan"],
    ),
    (
        "sharepoint-deployment",
        "SharePoint Deployment Planning",
        "SDPS",
        False,
        [("collaboration-and-content", "silver")],
        ["Deployment plan"],
    ),
    (
        "project-portfolio-planning",
        "Project and Portfolio Management Solution Planning",
        "SDPS",
        False,
        [("project-and-portfolio-management", "silver")],
        ["Solution plan"],
    ),
    (
        "exchange-deployment",
        "Exchange Deployment Planning",
        "S-EDPS",
        False,
        [("messaging", "silver")],
        ["Deployment plan"],
    ),
    (
        "skype-deployment",
        "Skype for Business Deployment Planning",
        "S-EDPS",
        False,
        [("communications", "silver")],
        ["Deployment plan"],
    ),
    (
        "data-estate-modernization",
        "Data Estate Modernization",
        "SSDPS",
        False,
        [("data-analytics", "gold"), ("data-platform", "gold")],
        ["Modernization plan"],
    ),
    (
        "azure-deployment",
        "Azure Deployment Planning",
        "AZDPS",
        True,
        [("cloud-platform", "silver")],
        ["Deployment plan"],
    ),
]

ILLUSTRATIVE = "Illustrative rate: real rates were never published"
DAY_RATES = [
    ("US", "USD", "1000.00"),
    ("CA", "CAD", "1250.00"),
    ("GB", "GBP", "800.00"),
    ("IE", "EUR", "900.00"),
    ("DE", "EUR", "950.00"),
    ("FR", "EUR", "900.00"),
    ("NL", "EUR", "925.00"),
    ("ES", "EUR", "850.00"),
    ("IT", "EUR", "850.00"),
    ("SE", "SEK", "9800.00"),
    ("CH", "CHF", "1050.00"),
    ("AU", "AUD", "1350.00"),
    ("JP", "JPY", "120000.00"),
    ("IN", "INR", "45000.00"),
    ("BR", "BRL", "3600.00"),
]
DAY_RATES_FROM = dt.date(2019, 7, 1)

# (pool, minimum quantity of SA-covered licences, days per 3-year term): illustrative.
ACCRUAL_BANDS = [
    ("applications", 50, 3),
    ("applications", 250, 9),
    ("applications", 750, 15),
    ("applications", 2400, 30),
    ("applications", 6000, 45),
    ("systems", 250, 3),
    ("systems", 1000, 9),
    ("systems", 5000, 15),
    ("servers", 10, 3),
    ("servers", 100, 9),
    ("servers", 500, 15),
    ("servers", 2000, 30),
    ("dynamics", 20, 3),
    ("dynamics", 200, 9),
    ("dynamics", 1000, 15),
]

MILESTONES = [
    (
        "cloud_retirement",
        dt.date(2020, 2, 1),
        "first_refused_day",
        "Cloud engagements retired",
        "No new voucher, reservation or enrollment for cloud offerings from this day; cloud vouchers "
        "created before keep their lifecycle.",
    ),
    (
        "training_conversion_end",
        dt.date(2020, 2, 1),
        "first_refused_day",
        "Training conversion ends",
        "Training voucher days can no longer be converted into Planning Services days.",
    ),
    (
        "accrual_end",
        dt.date(2021, 2, 1),
        "first_refused_day",
        "Accrual ends",
        "Customers no longer accrue Planning Services days; days accrued before stay.",
    ),
    (
        "last_create_day",
        dt.date(2021, 6, 30),
        "last_allowed_day",
        "Last day to create vouchers",
        "Last day for customers to create and assign vouchers; refused from 1 July 2021.",
    ),
    (
        "removal",
        dt.date(2021, 7, 1),
        "event_day",
        "Remaining days removed",
        "Every agreement's remaining available days are removed; vouchers expiring later forfeit "
        "their days instead of returning them.",
    ),
    (
        "last_redemption_day",
        dt.date(2022, 1, 1),
        "last_allowed_day",
        "Last day to redeem",
        "Last day for partners to redeem vouchers, even before voucher expiry. Payment requests "
        "are accepted for 60 days after each redemption.",
    ),
]

AGREEMENT_VERSION = (
    "2019.1",
    "Software Assurance Planning Services Program Agreement",
    "By enrolling, the partner agrees to deliver Planning Services engagements through qualified "
    "consultants, to charge the customer no extra fee for the voucher-funded days, to file a "
    "truthful completion report with the customer's deliverables, and to request payment only "
    "for redeemed vouchers within the payment window. The program may audit any engagement. "
    "The program is being retired on the published calendar.",
    dt.date(2019, 7, 1),
)

POLICY_EXTENSIONS: list[dict[str, Any]] = [
    {
        "kind": "expiry_extension",
        "name": "R-EXT-1: 90 more days for vouchers live on 1 April 2020",
        "reason": "Business disruption in spring 2020: vouchers created before 1 April 2020 and "
        "still live on that day get 90 more days.",
        "created_before": dt.date(2020, 4, 1),
        "live_on": dt.date(2020, 4, 1),
        "extra_days": 90,
        "effective_from": dt.date(2020, 4, 1),
        "effective_to": None,
    },
    {
        "kind": "onsite_waiver",
        "name": "R-EXT-1: on-site rule waived through 30 June 2020",
        "reason": "Travel restrictions: engagements may be delivered remotely; the off-site day "
        "limit does not apply to engagements delivered through 30 June 2020.",
        "created_before": None,
        "live_on": None,
        "extra_days": 0,
        "effective_from": dt.date(2020, 3, 1),
        "effective_to": dt.date(2020, 6, 30),
    },
]


def seed(apps: object) -> None:
    get = apps.get_model  # type: ignore[attr-defined]
    competency_model = get("program", "Competency")
    competencies = {
        code: competency_model.objects.update_or_create(code=code, defaults={"name": name})[0]
        for code, name in COMPETENCIES.items()
    }
    exam_model = get("program", "Exam")
    exams_by_competency: dict[str, list[object]] = {}
    for code, name, competency in EXAMS:
        exam = exam_model.objects.update_or_create(
            code=code, defaults={"name": name, "competency": competencies[competency]}
        )[0]
        exams_by_competency.setdefault(competency, []).append(exam)
    offering_model = get("program", "Offering")
    offerings = {
        code: offering_model.objects.update_or_create(
            code=code, defaults={"name": name, "targeted_products": products, "is_cloud": cloud}
        )[0]
        for code, name, products, cloud in OFFERINGS
    }
    type_model = get("program", "EngagementType")
    type_link = get("program", "EngagementTypeCompetency")
    offering_link = get("program", "OfferingCompetency")
    for code, name, offering, cloud, requirements, deliverables in ENGAGEMENT_TYPES:
        engagement = type_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "offering": offerings[offering],
                "is_cloud": cloud,
                "service_levels": ALL_LEVELS,
                "deliverable_kinds": deliverables,
            },
        )[0]
        for competency, level in requirements:
            type_link.objects.update_or_create(
                engagement_type=engagement,
                competency=competencies[competency],
                defaults={"minimum_level": level},
            )
            offering_link.objects.get_or_create(
                offering=offerings[offering],
                competency=competencies[competency],
                defaults={"minimum_level": level},
            )
            engagement.exams.add(*exams_by_competency.get(competency, []))
    rate_model = get("program", "DayRate")
    for country, currency, amount in DAY_RATES:
        rate_model.objects.update_or_create(
            country=country,
            effective_from=DAY_RATES_FROM,
            defaults={"currency": currency, "amount": Decimal(amount), "note": ILLUSTRATIVE},
        )
    band_model = get("program", "AccrualBand")
    for pool, quantity, days in ACCRUAL_BANDS:
        band_model.objects.update_or_create(
            product_pool=pool, minimum_quantity=quantity, defaults={"days_per_term": days}
        )
    milestone_model = get("program", "Milestone")
    for key, date, semantics, title, effect in MILESTONES:
        milestone_model.objects.update_or_create(
            key=key,
            defaults={"date": date, "semantics": semantics, "title": title, "effect": effect},
        )
    version, title, text, effective = AGREEMENT_VERSION
    get("program", "AgreementVersion").objects.update_or_create(
        version=version, defaults={"title": title, "text": text, "effective_from": effective}
    )
    policy_model = get("program", "PolicyExtension")
    for policy in POLICY_EXTENSIONS:
        policy_model.objects.update_or_create(name=policy["name"], defaults=policy)
    get("program", "ProgramSettings").objects.get_or_create(singleton=1)
