"""Operator-maintained firm data: competencies held, locations, consultants and their exams."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from planserv.accounts.models import Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record, snapshot
from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput
from planserv.core.types import Role
from planserv.notifications.messages import CompetencyRecordedMessage, send
from planserv.partners.errors import (
    ConsultantExists,
    ExamAlreadyRecorded,
    InvalidDates,
    LocationIdTaken,
)
from planserv.partners.models import CompetencyHeld, Consultant, ConsultantExam, Location
from planserv.partners.services._common import (
    global_admin_recipients,
    require_firm_roles,
    require_operator,
    require_partner_firm,
)
from planserv.program.models import Competency, CompetencyLevel, Exam

LOCATION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{2,31}$")
HELD_FIELDS = ["organisation", "competency", "level", "earned_on", "expires_on"]


@transaction.atomic
def competency_record(
    *,
    organisation: Organisation,
    competency: Competency,
    level: str,
    earned_on: dt.date,
    expires_on: dt.date,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    notify: bool = True,
) -> CompetencyHeld:
    """Record (or correct) a competency the firm earned; the same earned date updates the row.
    Operator only; a record is verified (R-EVD-1). `notify=False` when the caller sends its own
    email (a verified claim). Raises Forbidden, InvalidDates, InvalidInput (level)."""
    require_operator(actor, action=_("record a partner's competency"))
    require_partner_firm(organisation)
    if level not in CompetencyLevel.values:
        raise InvalidInput(_("The level must be silver or gold, not %(level)r.") % {"level": level})
    if earned_on > today:
        raise InvalidDates(
            _(
                "A competency cannot be recorded as earned on %(earned_on)s, after today "
                "(%(today)s)."
            )
            % {"earned_on": earned_on.isoformat(), "today": today.isoformat()}
        )
    if expires_on < earned_on:
        raise InvalidDates(
            _("The expiry date %(expires_on)s is before the earned date %(earned_on)s.")
            % {"expires_on": expires_on.isoformat(), "earned_on": earned_on.isoformat()}
        )
    held = (
        CompetencyHeld.objects.select_for_update()
        .filter(organisation=organisation, competency=competency, earned_on=earned_on)
        .order_by("pk")
        .first()
    )
    before = snapshot(held, HELD_FIELDS) if held is not None else None
    if held is None:
        held = CompetencyHeld(
            organisation=organisation, competency=competency, earned_on=earned_on, recorded_at=at
        )
    held.level = level
    held.expires_on = expires_on
    held.recorded_at = at
    held.save()
    audit_record(
        actor=actor,
        action=AuditEventType.COMPETENCY_HELD_RECORDED,
        subject=held,
        at=at,
        program_date=today,
        before=before,
        after=snapshot(held, HELD_FIELDS),
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
    )
    message = CompetencyRecordedMessage(
        partner_name=organisation.name,
        partner_id=organisation.public_id,
        competency_held_id=held.pk,
        competency_name=competency.name,
        level=held.level,
        earned_on=held.earned_on,
        expires_on=held.expires_on,
        recipients=global_admin_recipients(organisation),
    )
    if notify:
        send(message, at=at)
    return held


@transaction.atomic
def location_create(
    *,
    organisation: Organisation,
    location_id: str,
    country: str,
    name: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> Location:
    """Add a location (R-LOC-1) with a unique public location id. Operator only.
    Raises Forbidden, InvalidInput, LocationIdTaken."""
    require_operator(actor, action=_("add a partner location"))
    require_partner_firm(organisation)
    location_id = location_id.strip()
    country = country.strip().upper()
    if not LOCATION_ID.match(location_id):
        raise InvalidInput(
            _("The location id %(location_id)r must be 3 to 32 letters, digits or dashes.")
            % {"location_id": location_id}
        )
    if country not in dict(countries):
        raise InvalidInput(_("%(country)r is not an ISO 3166 country code.") % {"country": country})
    if not name.strip():
        raise InvalidInput(_("A location needs a name."))
    if Location.objects.filter(location_id=location_id).exists():
        raise LocationIdTaken(
            _("The location id %(location_id)s is already in use.") % {"location_id": location_id}
        )
    location = Location.objects.create(
        organisation=organisation,
        location_id=location_id,
        country=country,
        name=name.strip()[:200],
        created_at=at,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.LOCATION_CREATED,
        subject=location,
        at=at,
        program_date=today,
        after={"location_id": location_id, "country": country, "name": location.name},
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
    )
    return location


@transaction.atomic
def consultant_create(
    *,
    organisation: Organisation,
    name: str,
    email: str,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> Consultant:
    """Add a consultant of the firm (R-DEL-1): the operator, or the firm itself (global_admin,
    partner_admin; R-EVD-1: its exams count once verified). Raises InvalidInput, ConsultantExists."""
    if actor.is_partner:
        require_firm_roles(
            actor,
            organisation,
            (Role.GLOBAL_ADMIN, Role.PARTNER_ADMIN),
            action=_("add a consultant"),
        )
    else:
        require_operator(actor, action=_("add a partner consultant"))
    require_partner_firm(organisation)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(_("%(email)r is not an email address.") % {"email": email}) from None
    if not name.strip():
        raise InvalidInput(_("A consultant needs a name."))
    if Consultant.objects.filter(organisation=organisation, email=email).exists():
        raise ConsultantExists(
            _("%(name)s already has a consultant %(email)s.")
            % {"name": organisation.name, "email": email}
        )
    consultant = Consultant.objects.create(
        organisation=organisation, name=name.strip()[:150], email=email, created_at=at
    )
    audit_record(
        actor=actor,
        action=AuditEventType.CONSULTANT_CREATED,
        subject=consultant,
        at=at,
        program_date=today,
        after={"name": consultant.name, "email": email},
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
    )
    return consultant


@transaction.atomic
def consultant_exam_record(
    *,
    consultant: Consultant,
    exam: Exam,
    passed_on: dt.date,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> ConsultantExam:
    """Record an exam a consultant passed (R-DEL-1). Operator only.
    Raises InvalidDates (passed in the future), ExamAlreadyRecorded."""
    require_operator(actor, action=_("record a consultant's exam"))
    if passed_on > today:
        raise InvalidDates(
            _("The exam cannot be recorded as passed on %(passed_on)s, after today (%(today)s).")
            % {"passed_on": passed_on.isoformat(), "today": today.isoformat()}
        )
    if ConsultantExam.objects.filter(consultant=consultant, exam=exam).exists():
        raise ExamAlreadyRecorded(
            _("%(name)s already has %(code)s recorded.")
            % {"name": consultant.name, "code": exam.code}
        )
    passed = ConsultantExam.objects.create(
        consultant=consultant, exam=exam, passed_on=passed_on, recorded_at=at
    )
    audit_record(
        actor=actor,
        action=AuditEventType.CONSULTANT_EXAM_RECORDED,
        subject=passed,
        at=at,
        program_date=today,
        after={"consultant": consultant.email, "exam": exam.code, "passed_on": passed_on},
        organisation_id=consultant.organisation_id,
        organisation_label=consultant.organisation.name,
    )
    return passed
