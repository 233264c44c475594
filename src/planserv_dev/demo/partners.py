"""Demo data of the partners capability: firms at every eligibility stage on the demo date.

- P-100001 Contoso (DE): locations in DE and AT, gold/silver competencies, consultants with exams,
  enrolled in DDPS and SDPS since 2019 (renewed once), published profile with a logo.
- P-100002 Fabrikam (US): enrolled in DYDPS, S-EDPS and PVDPS (PVDPS renewal due within 30 days of
  the demo date); its AZDPS enrollment lapsed after the cloud retirement; published profile.
- P-100003 Northwind (GB): holds competencies and may enroll, but has not: `in_progress`.
- P-100004 Tailspin (FR): new, no verified competency: `not_started`; its claims of a silver
  Windows and Devices competency and of Chloé Martin's MD-100 exam wait for the operator (R-EVD-1).
- P-100005 Adatum (US): enrolled in SDPS; its Collaboration and Content competency expires on
  2021-07-15, inside the demo timeline.
Everything goes through the partners services on the timeline, each on its own day.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile

from planserv.accounts.models import Membership, Organisation
from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.partners.models import Consultant, Enrollment
from planserv.partners.services import (
    Evidence,
    ProfileInput,
    competency_claim,
    competency_record,
    consultant_create,
    consultant_exam_record,
    enrollment_create,
    enrollment_renew,
    exam_claim,
    location_create,
    profile_logo_upload,
    profile_publish,
    profile_update,
)
from planserv.program.models import Competency, Exam, Offering
from planserv.program.selectors import agreement_version_current
from planserv_dev.demo.context import HISTORY_START, DemoContext

D = dt.date

# partner id → [(location id, country, name)]
LOCATIONS = {
    "P-100001": [
        ("DE-4711001", "DE", "Contoso München"),
        ("DE-4711002", "DE", "Contoso Berlin"),
        ("AT-4711003", "AT", "Contoso Wien"),
    ],
    "P-100002": [
        ("US-5520001", "US", "Fabrikam Seattle"),
        ("US-5520002", "US", "Fabrikam New York"),
    ],
    "P-100003": [("GB-6630001", "GB", "Northwind London")],
    "P-100004": [("FR-7740001", "FR", "Tailspin Paris")],
    "P-100005": [("US-8850001", "US", "Adatum Chicago")],
}

# partner id → [(competency code, level, earned on, expires on)]
COMPETENCIES = {
    "P-100001": [
        ("windows-and-devices", "gold", D(2019, 5, 1), D(2022, 4, 30)),
        ("enterprise-mobility-management", "silver", D(2019, 8, 1), D(2021, 12, 31)),
        ("collaboration-and-content", "silver", D(2019, 6, 1), D(2022, 5, 31)),
    ],
    "P-100002": [
        ("cloud-business-applications", "gold", D(2019, 3, 1), D(2022, 2, 28)),
        ("enterprise-resource-planning", "gold", D(2019, 4, 1), D(2022, 3, 31)),
        ("messaging", "silver", D(2019, 7, 1), D(2022, 6, 30)),
        ("datacenter", "gold", D(2019, 7, 1), D(2022, 6, 30)),
        ("cloud-platform", "silver", D(2019, 7, 1), D(2021, 6, 30)),
        ("data-platform", "silver", D(2019, 7, 1), D(2022, 6, 30)),
    ],
    "P-100003": [
        ("datacenter", "silver", D(2020, 11, 2), D(2023, 11, 1)),
        ("messaging", "silver", D(2021, 3, 1), D(2024, 2, 29)),
    ],
    "P-100005": [
        ("collaboration-and-content", "silver", D(2018, 7, 16), D(2021, 7, 15)),
        ("windows-and-devices", "silver", D(2017, 1, 1), D(2020, 12, 31)),
    ],
}

# partner id → [(name, email, [(exam code, passed on)])]
CONSULTANTS: dict[str, list[tuple[str, str, list[tuple[str, dt.date]]]]] = {
    "P-100001": [
        (
            "Anna Berger",
            "anna.berger@contoso.demo",
            [("MD-100", D(2019, 3, 4)), ("MS-500", D(2019, 6, 17))],
        ),
        ("Lukas Maier", "lukas.maier@contoso.demo", [("MS-300", D(2019, 5, 20))]),
        ("Jonas Weber", "jonas.weber@contoso.demo", []),
    ],
    "P-100002": [
        (
            "Fiona Hart",
            "fiona.hart@fabrikam.demo",
            [("MB-200", D(2019, 2, 11)), ("MB-300", D(2019, 4, 8))],
        ),
        (
            "Sam Ortiz",
            "sam.ortiz@fabrikam.demo",
            [("MS-203", D(2019, 6, 3)), ("AZ-800", D(2019, 7, 29))],
        ),
        ("Priya Nair", "priya.nair@fabrikam.demo", [("AZ-303", D(2019, 8, 5))]),
    ],
    "P-100003": [("Oliver Grant", "oliver.grant@northwind.demo", [("AZ-800", D(2020, 10, 5))])],
    "P-100004": [("Chloé Martin", "chloe.martin@tailspin.demo", [])],
    "P-100005": [("Dana Brooks", "dana.brooks@adatum.demo", [("MS-300", D(2018, 6, 25))])],
}

# (partner id, offering, enrolled on, [renewal days])
ENROLLMENTS = [
    ("P-100001", "DDPS", D(2019, 9, 16), [D(2020, 9, 1)]),
    ("P-100001", "SDPS", D(2019, 10, 1), [D(2020, 9, 15)]),
    ("P-100002", "DYDPS", D(2019, 9, 20), [D(2020, 9, 10)]),
    ("P-100002", "S-EDPS", D(2019, 9, 20), [D(2020, 9, 10)]),
    ("P-100002", "AZDPS", D(2019, 10, 1), []),  # lapsed: no renewal after the cloud retirement
    ("P-100002", "PVDPS", D(2020, 7, 1), []),  # last day 2021-06-30: renewal due on the demo date
    ("P-100005", "SDPS", D(2020, 3, 2), [D(2021, 2, 15)]),
]

PROFILES = {
    "P-100001": (
        "profile@contoso.demo",
        ProfileInput(
            description="Contoso plans modern desktop and collaboration deployments for "
            "mid-sized and large organisations in Germany and Austria. Our certified consultants "
            "run Windows and Office deployment planning, Microsoft 365 security proofs of concept "
            "and SharePoint planning workshops on site or remotely, in German and English.",
            website="https://contoso.example",
            countries_served=["DE", "AT", "CH"],
            offerings_delivered=["DDPS", "SDPS"],
            expertise_tags=["Windows 10", "Microsoft 365", "Intune", "SharePoint", "Teams"],
            contact_name="Greta Global",
            contact_email="planning@contoso.demo",
            contact_phone="+49 89 1234 5600",
        ),
        (0x1E, 0x6F, 0xB8),
    ),
    "P-100002": (
        None,
        ProfileInput(
            description="Fabrikam helps North American enterprises upgrade and migrate Dynamics "
            "365, modernise Windows Server estates and plan Exchange deployments. Fixed-scope "
            "planning engagements funded by your Software Assurance benefits.",
            website="https://fabrikam.example",
            countries_served=["US", "CA"],
            offerings_delivered=["DYDPS", "S-EDPS", "PVDPS"],
            expertise_tags=["Dynamics 365", "Finance and Operations", "Windows Server", "Exchange"],
            contact_name="Frank Global",
            contact_email="sa-planning@fabrikam.demo",
            contact_phone="+1 206 555 0142",
        ),
        (0xB8, 0x3B, 0x1E),
    ),
    "P-100005": (
        None,
        ProfileInput(
            description="Adatum runs SharePoint and project portfolio planning for US customers.",
            website="https://adatum.example",
            countries_served=["US"],
            offerings_delivered=["SDPS"],
            expertise_tags=["SharePoint", "Intranet"],
            contact_name="Adam Global",
            contact_email="hello@adatum.demo",
        ),
        (0x2E, 0x8B, 0x57),
    ),
}


def demo_logo(rgb: tuple[int, int, int], size: int = 96) -> bytes:
    """A small PNG (a coloured tile with a white band), made without an imaging library."""
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            band = size // 3 <= (x + y) // 2 < size // 2
            row += bytes((255, 255, 255) if band else rgb)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _global_admin(organisation: Organisation) -> Actor:
    """The firm's demo global admin (global@<firm>.demo)."""
    membership = (
        Membership.objects.filter(
            organisation=organisation, role="global_admin", user__email__startswith="global@"
        )
        .select_related("user", "organisation")
        .order_by("user__email", "pk")
        .first()
    )
    assert membership is not None, f"{organisation} has no global admin in the demo logins"
    return actor_for_membership(membership)


def _actor_for(email: str | None, organisation: Organisation, fallback: Actor) -> Actor:
    if email is None:
        return fallback
    membership = Membership.objects.select_related("user", "organisation").get(
        user__email=email, organisation=organisation
    )
    return actor_for_membership(membership)


def _firm_data(context: DemoContext) -> None:
    """Locations and consultants exist from HISTORY_START; competencies and exams are recorded on
    the day they were earned (those earned before, on HISTORY_START)."""
    start = HISTORY_START
    at = context.at(start)
    operator = context.operator
    for public_id, rows in LOCATIONS.items():
        for location_id, country, name in rows:
            location_create(
                organisation=context.organisations[public_id],
                location_id=location_id,
                country=country,
                name=name,
                actor=operator,
                today=start,
                at=at,
            )
    for public_id, held in COMPETENCIES.items():
        for code, level, earned_on, expires_on in held:
            context.on(
                max(earned_on, start),
                f"{public_id} competency {code}",
                _competency(context, public_id, code, level, earned_on, expires_on),
            )
    for public_id, people in CONSULTANTS.items():
        for name, email, exams in people:
            consultant = consultant_create(
                organisation=context.organisations[public_id],
                name=name,
                email=email,
                actor=operator,
                today=start,
                at=at,
            )
            for code, passed_on in exams:
                context.on(
                    max(passed_on, start),
                    f"{name} passed {code}",
                    _exam(context, consultant, code, passed_on),
                )


def _competency(
    context: DemoContext,
    public_id: str,
    code: str,
    level: str,
    earned_on: dt.date,
    expires_on: dt.date,
) -> Callable[[dt.date], object]:
    def act(day: dt.date) -> object:
        return competency_record(
            organisation=context.organisations[public_id],
            competency=Competency.objects.get(code=code),
            level=level,
            earned_on=earned_on,
            expires_on=expires_on,
            actor=context.operator,
            today=day,
            at=context.at(day),
        )

    return act


def _exam(
    context: DemoContext, consultant: Consultant, code: str, passed_on: dt.date
) -> Callable[[dt.date], object]:
    def act(day: dt.date) -> object:
        return consultant_exam_record(
            consultant=consultant,
            exam=Exam.objects.get(code=code),
            passed_on=passed_on,
            actor=context.operator,
            today=day,
            at=context.at(day),
        )

    return act


def _enrollments(context: DemoContext) -> None:
    """Each enrollment on its day, each renewal on its day; AZDPS lapses on its own."""
    for public_id, code, enrolled_on, renewals in ENROLLMENTS:
        made: list[Enrollment] = []
        context.on(
            enrolled_on, f"{public_id} enrolls in {code}", _enroll(context, public_id, code, made)
        )
        for day in renewals:
            context.on(day, f"{public_id} renews {code}", _renew(context, public_id, made))


def _enroll(
    context: DemoContext, public_id: str, code: str, made: list[Enrollment]
) -> Callable[[dt.date], object]:
    def act(day: dt.date) -> None:
        organisation = context.organisations[public_id]
        version = agreement_version_current(today=day)
        assert version is not None
        made.append(
            enrollment_create(
                organisation=organisation,
                offering=Offering.objects.get(code=code),
                agreement_version=version.version,
                accepted=True,
                actor=_global_admin(organisation),
                today=day,
                at=context.at(day),
            )
        )

    return act


def _renew(
    context: DemoContext, public_id: str, made: list[Enrollment]
) -> Callable[[dt.date], object]:
    def act(day: dt.date) -> None:
        version = agreement_version_current(today=day)
        assert version is not None
        made.append(
            enrollment_renew(
                enrollment=made[-1],
                agreement_version=version.version,
                accepted=True,
                actor=_global_admin(context.organisations[public_id]),
                today=day,
                at=context.at(day),
            )
        )

    return act


# partner id → the days its profile is written: published on the first, updated on the others,
# each time with the offerings it is enrolled in by then.
PROFILE_DAYS = {
    "P-100001": [D(2019, 10, 1)],
    "P-100002": [D(2019, 10, 1), D(2020, 10, 1)],
    "P-100005": [D(2020, 3, 9)],
}


def _profiles(context: DemoContext) -> None:
    for public_id, days in PROFILE_DAYS.items():
        for number, day in enumerate(days):
            context.on(
                day,
                f"{public_id} profile",
                _profile(context, public_id, publish=number == 0),
            )


def _profile(context: DemoContext, public_id: str, *, publish: bool) -> Callable[[dt.date], object]:
    def act(day: dt.date) -> None:
        editor, data, colour = PROFILES[public_id]
        organisation = context.organisations[public_id]
        actor = _actor_for(editor, organisation, context.operator)
        enrolled = {
            code for pid, code, since, _ in ENROLLMENTS if pid == public_id and since <= day
        }
        data = ProfileInput(
            **{
                **data.__dict__,
                "offerings_delivered": [c for c in data.offerings_delivered if c in enrolled],
            }
        )
        profile_update(
            organisation=organisation, data=data, actor=actor, today=day, at=context.at(day)
        )
        if not publish:
            return
        profile_logo_upload(
            organisation=organisation,
            content=demo_logo(colour),
            filename=f"{public_id.lower()}-logo.png",
            actor=actor,
            today=day,
            at=context.at(day),
        )
        profile_publish(organisation=organisation, actor=actor, today=day, at=context.at(day))

    return act


def demo_certificate(title: str) -> bytes:
    """A one-page PDF naming the certificate (enough for the evidence type check)."""
    text = title.replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


CLAIMED_ON = D(2021, 5, 10)


def _claims(context: DemoContext) -> None:
    """Tailspin's claims, filed on 10 May 2021, wait in the operator's queue (R-EVD-1)."""
    context.on(
        CLAIMED_ON, "Tailspin claims a competency and an exam", lambda day: _claim(context, day)
    )


def _claim(context: DemoContext, day: dt.date) -> None:
    organisation = context.organisations["P-100004"]
    actor = _global_admin(organisation)
    competency_claim(
        organisation=organisation,
        competency=Competency.objects.get(code="windows-and-devices"),
        level="silver",
        earned_on=D(2021, 5, 3),
        expires_on=D(2022, 5, 2),
        evidence=Evidence(
            reference="PN-2021-77410",
            file=SimpleUploadedFile(
                "tailspin-windows-devices.pdf",
                demo_certificate("Tailspin Planning SARL: Silver Windows and Devices"),
            ),
        ),
        actor=actor,
        today=day,
        at=context.at(day),
    )
    exam_claim(
        consultant=Consultant.objects.get(
            organisation=organisation, email="chloe.martin@tailspin.demo"
        ),
        exam=Exam.objects.get(code="MD-100"),
        passed_on=D(2021, 4, 12),
        evidence=Evidence(reference="MS-TRANSCRIPT-8841-2207"),
        actor=actor,
        today=day,
        at=context.at(day),
    )


def build(context: DemoContext) -> None:
    _firm_data(context)
    _claims(context)
    _enrollments(context)
    _profiles(context)
