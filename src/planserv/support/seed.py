"""Seed data of the support capability (migration 0002): regional queues, the country → queue
mapping for every country django_countries knows, and retirement FAQs taken from the notice.

The EMEA membership below is data, not a library fact: no installed library groups countries into
sales regions. It follows the UN M49 geoscheme: every country and territory of Europe (150) and
Africa (002), and the Middle East as M49 Western Asia (145) plus Iran. Operators change any route
in the admin; a country without a route goes to the default (general) queue.
"""

from __future__ import annotations

from typing import Any

EMEA_QUEUE = "emea"
GENERAL_QUEUE = "general"

# (code, name, description, is_default)
QUEUES = [
    (
        EMEA_QUEUE,
        "EMEA Partner Support",
        "Europe, the Middle East and Africa.",
        False,
    ),
    (
        GENERAL_QUEUE,
        "General Partner Support",
        "Every country outside EMEA, and any country without a route.",
        True,
    ),
]

EMEA_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Eastern Europe": ("BY", "BG", "CZ", "HU", "PL", "MD", "RO", "RU", "SK", "UA"),
    "Northern Europe": (
        "AX", "DK", "EE", "FO", "FI", "GG", "IS", "IE", "IM", "JE", "LV", "LT", "NO", "SJ",
        "SE", "GB",
    ),
    "Southern Europe": (
        "AL", "AD", "BA", "HR", "GI", "GR", "VA", "IT", "MT", "ME", "MK", "PT", "SM", "RS",
        "SI", "ES",
    ),
    "Western Europe": ("AT", "BE", "FR", "DE", "LI", "LU", "MC", "NL", "CH"),
    "Northern Africa": ("DZ", "EG", "LY", "MA", "SD", "TN", "EH"),
    "Eastern Africa": (
        "IO", "BI", "KM", "DJ", "ER", "ET", "TF", "KE", "MG", "MW", "MU", "YT", "MZ", "RE",
        "RW", "SC", "SO", "SS", "UG", "TZ", "ZM", "ZW",
    ),
    "Middle Africa": ("AO", "CM", "CF", "TD", "CG", "CD", "GQ", "GA", "ST"),
    "Southern Africa": ("BW", "SZ", "LS", "NA", "ZA"),
    "Western Africa": (
        "BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE", "NG", "SH",
        "SN", "SL", "TG",
    ),
    "Middle East": (
        "AM", "AZ", "BH", "CY", "GE", "IQ", "IL", "JO", "KW", "LB", "OM", "QA", "SA", "PS",
        "SY", "TR", "AE", "YE", "IR",
    ),
}  # fmt: skip


def emea_country_codes() -> frozenset[str]:
    return frozenset(code for codes in EMEA_COUNTRIES.values() for code in codes)


# (order, question, answer markdown, audience kinds, audience roles); from the program notice.
FAQ_ENTRIES: list[tuple[int, str, str, list[str], list[str]]] = [
    (
        10,
        "Is the Planning Services benefit being retired?",
        "Yes. The Planning Services benefit is being **fully retired** from Software Assurance "
        "benefits. Customers can continue working with partners to use Planning Services days "
        "for engagements **while the vouchers are valid**.\n\n"
        "The *Program information* page shows the retirement timeline and where the program "
        "stands today.",
        [],
        [],
    ),
    (
        20,
        "What are the significant retirement dates?",
        "- **1 February 2020**: Planning Services cloud engagements were retired.\n"
        "- **1 February 2020**: training vouchers can no longer be converted to Planning "
        "Services days.\n"
        "- **1 February 2021**: customers no longer accrue Planning Services benefits.\n"
        "- **30 June 2021**: last day for customers to create and assign Planning Services "
        "vouchers. All remaining Planning Services days are removed on **1 July 2021**.\n"
        "- **1 January 2022**: last day for partners to redeem Planning Services vouchers. "
        "Partners have **60 days after redemption** to complete the payment request process.",
        [],
        [],
    ),
    (
        30,
        "Does the voucher lifecycle change with the retirement?",
        "No. Once a voucher is created and assigned, voucher reservation, customer engagement "
        "and voucher redemption must be completed within **180 days**, before the voucher "
        "expires. The last redemption day (1 January 2022) applies even if a voucher's own "
        "expiry is later.",
        [],
        [],
    ),
    (
        40,
        "What happens to our remaining days on 1 July 2021?",
        "Every day still **available** on your agreements is removed on 1 July 2021. Days inside "
        "vouchers you created and assigned by 30 June 2021 stay with those vouchers: your partner "
        "can still reserve, deliver and redeem them until the voucher expires or the last "
        "redemption day, whichever comes first. A voucher that expires after 1 July 2021 forfeits "
        "its days instead of returning them to your pool.",
        ["customer"],
        [],
    ),
    (
        50,
        "Can we still convert training vouchers or run cloud engagements?",
        "No. Since 1 February 2020 training voucher days can no longer be converted into "
        "Planning Services days, and cloud (Azure) engagements are retired: no new cloud "
        "voucher, reservation or enrollment. Cloud vouchers created before that day keep their "
        "normal lifecycle.",
        ["customer", "partner"],
        [],
    ),
    (
        60,
        "We are already active in the program. Where does a new engagement start?",
        "Begin each new engagement at **step four**:\n\n"
        "4. The customer creates and assigns the voucher.\n"
        "5. You validate and reserve the voucher.\n"
        "6. You complete the engagement and give the deliverables to your customer.\n"
        "7. You redeem the voucher.\n"
        "8. You request payment.\n\n"
        "Partners new to the program follow all eight steps, starting with verifying "
        "eligibility, enrolling and creating the business profile.",
        ["partner"],
        [],
    ),
    (
        70,
        "By when must we redeem vouchers and request payment?",
        "Redeem every delivered voucher by **1 January 2022**, even if the voucher expires "
        "later. After each redemption you have **60 days** to request payment: for a voucher "
        "redeemed on 1 January 2022 the last day is 2 March 2022.",
        ["partner"],
        [],
    ),
    (
        80,
        "Who do we contact with questions about the retirement?",
        "Open a **support request** in the portal (*Support* in the menu). It goes to your "
        "regional Partner Support team: **EMEA Partner Support** for organisations in Europe, "
        "the Middle East and Africa, **General Partner Support** everywhere else. You will get "
        "an email each time the team answers.",
        [],
        [],
    ),
]


def seed(apps: Any) -> None:
    """Create or update the queues, a route for every country and the FAQ; safe to run twice."""
    from django_countries import countries

    queue_model = apps.get_model("support", "SupportQueue")
    route_model = apps.get_model("support", "SupportCountryRoute")
    faq_model = apps.get_model("support", "FaqEntry")
    queues = {}
    for code, name, description, is_default in QUEUES:
        queues[code], _ = queue_model.objects.update_or_create(
            code=code,
            defaults={"name": name, "description": description, "is_default": is_default},
        )
    emea = emea_country_codes()
    for country in countries:
        queue = queues[EMEA_QUEUE if country.code in emea else GENERAL_QUEUE]
        route_model.objects.get_or_create(country=country.code, defaults={"queue": queue})
    for order, question, answer, kinds, roles in FAQ_ENTRIES:
        faq_model.objects.get_or_create(
            question=question,
            defaults={
                "answer_markdown": answer,
                "audience_kinds": kinds,
                "audience_roles": roles,
                "order": order,
                "published": True,
            },
        )
