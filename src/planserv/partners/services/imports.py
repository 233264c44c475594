"""Operator CSV import of firms' locations, competencies, consultants and exams.

Every row goes through the same service an operator would call one by one, in its own savepoint,
so a dry run checks exactly what applying would do. A dry run, or any row in error, rolls the whole
import back: an import is applied completely or not at all, and the per-row results say why.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.partners.errors import (
    CompetencyNotFound,
    ConsultantExists,
    ConsultantNotFound,
    ExamNotFound,
    InvalidImport,
    LocationIdTaken,
)
from planserv.partners.models import CompetencyHeld, Consultant, ConsultantExam, Location
from planserv.partners.selectors import partner_firm_get
from planserv.partners.services._common import require_operator
from planserv.partners.services.firms import (
    competency_record,
    consultant_create,
    consultant_exam_record,
    location_create,
)
from planserv.program.models import Competency, Exam

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


class ImportKind(models.TextChoices):
    LOCATIONS = "locations", gettext_lazy("Locations")
    COMPETENCIES = "competencies", gettext_lazy("Competencies held")
    CONSULTANTS = "consultants", gettext_lazy("Consultants")
    EXAMS = "exams", gettext_lazy("Consultants' passed exams")


COLUMNS: dict[str, tuple[str, ...]] = {
    ImportKind.LOCATIONS: ("partner_id", "location_id", "country", "name"),
    ImportKind.COMPETENCIES: ("partner_id", "competency", "level", "earned_on", "expires_on"),
    ImportKind.CONSULTANTS: ("partner_id", "name", "email"),
    ImportKind.EXAMS: ("partner_id", "consultant_email", "exam", "passed_on"),
}


@dataclass(frozen=True)
class RowResult:
    line: int
    status: str  # created, updated, unchanged, error
    message: str
    values: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.status != "error"


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    applied: bool = False
    rows: list[RowResult] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(not row.ok for row in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(row.status for row in self.rows))


Context = tuple[Actor, dt.date, dt.datetime]
Handler = Callable[[dict[str, str], Context], tuple[str, str]]


def _date(value: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidImport(
            _("%(column)s must be a date YYYY-MM-DD, not %(value)r.")
            % {"column": column, "value": value}
        ) from None


def _competency(value: str) -> Competency:
    found = (
        Competency.objects.filter(
            models.Q(code__iexact=value.strip()) | models.Q(name__iexact=value.strip())
        )
        .order_by("pk")
        .first()
    )
    if found is None:
        raise CompetencyNotFound(
            _("There is no competency %(competency)r in the catalogue.") % {"competency": value}
        )
    return found


def _locations(row: dict[str, str], context: Context) -> tuple[str, str]:
    actor, today, at = context
    firm = partner_firm_get(public_id=row["partner_id"])
    existing = (
        Location.objects.filter(location_id=row["location_id"].strip()).order_by("pk").first()
    )
    if existing is not None:
        same = (
            existing.organisation_id == firm.pk
            and str(existing.country) == row["country"].strip().upper()
            and existing.name == row["name"].strip()
        )
        if same:
            return "unchanged", f"Location {existing.location_id} already recorded."
        raise LocationIdTaken(
            _("The location id %(location_id)s is already used with other details.")
            % {"location_id": existing.location_id}
        )
    location = location_create(
        organisation=firm,
        location_id=row["location_id"],
        country=row["country"],
        name=row["name"],
        actor=actor,
        today=today,
        at=at,
    )
    return "created", f"Location {location.location_id} ({location.country}) added to {firm.name}."


def _competencies(row: dict[str, str], context: Context) -> tuple[str, str]:
    actor, today, at = context
    firm = partner_firm_get(public_id=row["partner_id"])
    competency = _competency(row["competency"])
    level = row["level"].strip().lower()
    earned_on = _date(row["earned_on"], "earned_on")
    expires_on = _date(row["expires_on"], "expires_on")
    existing = (
        CompetencyHeld.objects.filter(organisation=firm, competency=competency, earned_on=earned_on)
        .order_by("pk")
        .first()
    )
    if existing is not None and existing.level == level and existing.expires_on == expires_on:
        return "unchanged", f"{competency.name} already recorded."
    held = competency_record(
        organisation=firm,
        competency=competency,
        level=level,
        earned_on=earned_on,
        expires_on=expires_on,
        actor=actor,
        today=today,
        at=at,
    )
    status = "updated" if existing is not None else "created"
    return status, (
        f"{held.get_level_display()} {competency.name} for {firm.name}, valid "
        f"{earned_on.isoformat()} to {expires_on.isoformat()}."
    )


def _consultants(row: dict[str, str], context: Context) -> tuple[str, str]:
    actor, today, at = context
    firm = partner_firm_get(public_id=row["partner_id"])
    email = row["email"].strip().lower()
    existing = Consultant.objects.filter(organisation=firm, email=email).order_by("pk").first()
    if existing is not None:
        if existing.name == row["name"].strip():
            return "unchanged", f"Consultant {email} already recorded."
        raise ConsultantExists(
            _("%(name)s already has a consultant %(email)s named %(name2)s.")
            % {"name": firm.name, "email": email, "name2": existing.name}
        )
    consultant = consultant_create(
        organisation=firm, name=row["name"], email=email, actor=actor, today=today, at=at
    )
    return "created", f"Consultant {consultant.name} added to {firm.name}."


def _exams(row: dict[str, str], context: Context) -> tuple[str, str]:
    actor, today, at = context
    firm = partner_firm_get(public_id=row["partner_id"])
    email = row["consultant_email"].strip().lower()
    consultant = Consultant.objects.filter(organisation=firm, email=email).order_by("pk").first()
    if consultant is None:
        raise ConsultantNotFound(
            _("%(name)s has no consultant %(email)s.") % {"name": firm.name, "email": email}
        )
    exam = Exam.objects.filter(code__iexact=row["exam"].strip()).order_by("pk").first()
    if exam is None:
        raise ExamNotFound(_("There is no exam %(exam)r in the catalogue.") % {"exam": row["exam"]})
    passed_on = _date(row["passed_on"], "passed_on")
    existing = (
        ConsultantExam.objects.filter(consultant=consultant, exam=exam).order_by("pk").first()
    )
    if existing is not None and existing.passed_on == passed_on:
        return "unchanged", f"{exam.code} for {consultant.name} already recorded."
    consultant_exam_record(
        consultant=consultant, exam=exam, passed_on=passed_on, actor=actor, today=today, at=at
    )
    return "created", f"{consultant.name} passed {exam.code} on {passed_on.isoformat()}."


HANDLERS: dict[str, Handler] = {
    ImportKind.LOCATIONS: _locations,
    ImportKind.COMPETENCIES: _competencies,
    ImportKind.CONSULTANTS: _consultants,
    ImportKind.EXAMS: _exams,
}


def _parse(kind: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    if kind not in COLUMNS:
        raise InvalidImport(
            _("Unknown import kind %(kind)r; use one of %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(COLUMNS)}
        )
    if len(content) > MAX_IMPORT_BYTES:
        raise InvalidImport(
            _("The file is larger than %(limit_mb)s MB.")
            % {"limit_mb": MAX_IMPORT_BYTES // 1024 // 1024}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidImport(_("The file is not UTF-8 text; save the CSV as UTF-8.")) from None
    if any(not character.isprintable() and character not in "\r\n\t" for character in text):
        raise InvalidImport(_("The file is not a readable CSV: it contains control characters."))
    try:
        return _rows(kind, csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InvalidImport(
            _("The file is not a readable CSV: %(error)s.") % {"error": error}
        ) from None


def _rows(kind: str, reader: csv.DictReader[str]) -> list[tuple[int, dict[str, str]]]:
    expected = COLUMNS[kind]
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in expected if name not in header]
    if missing:
        raise InvalidImport(
            _("The CSV header must name the columns %(expected)s; missing: %(missing)s.")
            % {"expected": ", ".join(expected), "missing": ", ".join(missing)},
            details={"expected": list(expected), "missing": missing},
        )
    rows = []
    for raw in reader:
        values = {
            (key or "").strip(): value.strip() if isinstance(value, str) else ""
            for key, value in raw.items()
        }
        if not any(values.get(name) for name in expected):
            continue  # blank line
        rows.append((reader.line_num, {name: values.get(name, "") for name in expected}))
        if len(rows) > MAX_ROWS:
            raise InvalidImport(
                _("An import may have at most %(MAX_ROWS)s rows.") % {"MAX_ROWS": MAX_ROWS}
            )
    if not rows:
        raise InvalidImport(_("The CSV has no data rows."))
    return rows


@transaction.atomic
def partners_import(
    *, kind: str, content: bytes, dry_run: bool, actor: Actor, today: dt.date, at: dt.datetime
) -> ImportReport:
    """Check (dry run) or apply a CSV of one kind; per-row results. Applied only when every row is
    valid and it is not a dry run; otherwise nothing changes. Raises Forbidden, InvalidImport."""
    require_operator(actor, action=_("import partner data"))
    rows = _parse(kind, content)
    report = ImportReport(kind=kind, dry_run=dry_run)
    handler = HANDLERS[kind]
    for line, values in rows:
        try:
            with transaction.atomic():
                status, message = handler(values, (actor, today, at))
        except DomainError as error:
            report.rows.append(RowResult(line, "error", error.message, values))
        else:
            report.rows.append(RowResult(line, status, message, values))
    if dry_run or report.has_errors:
        transaction.set_rollback(True)
        return report
    audit_record(
        actor=actor,
        action=AuditEventType.PARTNER_IMPORT_APPLIED,
        subject=("partners.import", f"{kind}:{at.isoformat()}"),
        at=at,
        program_date=today,
        after={"kind": kind, "counts": report.counts, "rows": len(report.rows)},
    )
    report.applied = True
    return report
