"""Enrollment (seed step 2, R-ENR-1): a global admin accepts the current agreement; one-year terms.

Shape of every write: lock the firm → re-check under the lock (role, tenant, cloud retirement,
current enrollment, eligibility on `today`, agreement version and acceptance) → write → audit →
outbox. Nothing changes on a refusal.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext

from planserv.accounts.models import Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.core.types import Role
from planserv.notifications.messages import EnrollmentConfirmedMessage, send
from planserv.partners.eligibility import (
    RENEWAL_WINDOW_DAYS,
    offering_enrollment_competency,
    renewal_opens_on,
)
from planserv.partners.errors import (
    AgreementNotAccepted,
    AgreementVersionNotCurrent,
    AlreadyEnrolled,
    CloudOfferingRetired,
    EnrollmentLapsed,
    NoAgreementInForce,
    NotEligible,
    RenewalNotOpen,
)
from planserv.partners.models import Enrollment, EnrollmentRenewal
from planserv.partners.services._common import (
    global_admin_recipients,
    lock_firm,
    require_firm_role,
    require_partner_firm,
    user_of,
)
from planserv.program.calendar import calendar_get, program_settings_get
from planserv.program.models import AgreementVersion, Offering
from planserv.program.selectors import agreement_version_current

ONE_DAY = dt.timedelta(days=1)


def _term_days() -> int:
    return program_settings_get().enrollment_term_days


def _check_cloud(offering: Offering, today: dt.date) -> None:
    program_calendar = calendar_get()
    if offering.is_cloud and not program_calendar.cloud_open(today):
        first_refused = program_calendar.last_cloud_date + ONE_DAY
        raise CloudOfferingRetired(
            gettext(
                "%(code)s is a cloud offering: enrollment in cloud offerings is refused from "
                "%(first_refused)s (R-ENR-1)."
            )
            % {"code": offering.code, "first_refused": first_refused.isoformat()},
            details={"offering": offering.code, "first_refused_day": first_refused.isoformat()},
        )


def _check_eligible(organisation: Organisation, offering: Offering, today: dt.date) -> None:
    requirement, _ = offering_enrollment_competency(
        organisation=organisation, offering=offering, on=today
    )
    if not requirement.met:
        raise NotEligible(
            gettext(
                "%(name)s may not enroll in %(code)s on %(today)s: %(label)s is required "
                "(R-ENR-1). %(reason)s"
            )
            % {
                "name": organisation.name,
                "code": offering.code,
                "today": today.isoformat(),
                "label": requirement.label,
                "reason": requirement.reason,
            },
            details={"offering": offering.code, "requirement": requirement.as_dict()},
        )


def _check_agreement(agreement_version: str, accepted: bool, today: dt.date) -> AgreementVersion:
    current = agreement_version_current(today=today)
    if current is None:
        raise NoAgreementInForce(
            gettext("No program agreement version is in force on %(today)s (R-ENR-1).")
            % {"today": today.isoformat()}
        )
    if agreement_version.strip() != current.version:
        raise AgreementVersionNotCurrent(
            gettext(
                "The program agreement in force is version %(version)s, not "
                "%(agreement_version)r: read and accept version %(version)s (R-ENR-1)."
            )
            % {"version": current.version, "agreement_version": agreement_version},
            details={"current_version": current.version},
        )
    if not accepted:
        raise AgreementNotAccepted(
            gettext(
                "Enrolling requires accepting the program agreement version %(version)s (R-ENR-1)."
            )
            % {"version": current.version},
            details={"current_version": current.version},
        )
    return current


def _notify(
    enrollment: Enrollment, actor: Actor, today: dt.date, at: dt.datetime, *, renewed: bool
) -> None:
    organisation = enrollment.organisation
    message = EnrollmentConfirmedMessage(
        partner_name=organisation.name,
        offering_code=enrollment.offering.code,
        offering_name=enrollment.offering.name,
        enrollment_id=enrollment.pk,
        agreement_version=enrollment.agreement_version.version,
        accepted_by=actor.email,
        starts_on=today,
        last_day=enrollment.last_day,
        renewed=renewed,
        recipients=global_admin_recipients(organisation),
    )
    send(message, at=at)


@transaction.atomic
def enrollment_create(
    *,
    organisation: Organisation,
    offering: Offering,
    agreement_version: str,
    accepted: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> Enrollment:
    """R-ENR-1: a global admin enrolls the firm for one year, accepting the current agreement.
    Raises Forbidden, PartnerNotFound, CloudOfferingRetired, AlreadyEnrolled, NotEligible
    (`not_eligible`), NoAgreementInForce, AgreementVersionNotCurrent, AgreementNotAccepted."""
    require_firm_role(actor, organisation, Role.GLOBAL_ADMIN, action=gettext("enroll the firm"))
    require_partner_firm(organisation)
    organisation = lock_firm(organisation)
    _check_cloud(offering, today)
    current = (
        Enrollment.objects.filter(organisation=organisation, offering=offering, last_day__gte=today)
        .order_by("-last_day", "pk")
        .first()
    )
    if current is not None:
        raise AlreadyEnrolled(
            gettext(
                "%(name)s is already enrolled in %(code)s through %(last_day)s; renewal opens on "
                "%(current)s (R-ENR-1)."
            )
            % {
                "name": organisation.name,
                "code": offering.code,
                "last_day": current.last_day.isoformat(),
                "current": renewal_opens_on(current).isoformat(),
            },
            details={"last_day": current.last_day.isoformat()},
        )
    _check_eligible(organisation, offering, today)
    version = _check_agreement(agreement_version, accepted, today)
    enrollment = Enrollment.objects.create(
        organisation=organisation,
        offering=offering,
        agreement_version=version,
        accepted_by=user_of(actor),
        accepted_at=at,
        enrolled_on=today,
        last_day=today + dt.timedelta(days=_term_days() - 1),
    )
    audit_record(
        actor=actor,
        action=AuditEventType.ENROLLMENT_CREATED,
        subject=enrollment,
        at=at,
        program_date=today,
        after={
            "offering": offering.code,
            "agreement_version": version.version,
            "accepted_by": actor.email,
            "enrolled_on": enrollment.enrolled_on,
            "last_day": enrollment.last_day,
        },
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
    )
    _notify(enrollment, actor, today, at, renewed=False)
    return enrollment


@transaction.atomic
def enrollment_renew(
    *,
    enrollment: Enrollment,
    agreement_version: str,
    accepted: bool,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> Enrollment:
    """R-ENR-1: extend by one term from the last day, within the renewal window, re-checking
    eligibility on `today` and accepting the current agreement. Raises Forbidden, EnrollmentLapsed,
    RenewalNotOpen, CloudOfferingRetired, NotEligible, AgreementVersionNotCurrent,
    AgreementNotAccepted."""
    organisation = enrollment.organisation
    require_firm_role(actor, organisation, Role.GLOBAL_ADMIN, action=gettext("renew an enrollment"))
    lock_firm(organisation)
    enrollment = (
        Enrollment.objects.select_for_update().select_related("offering").get(pk=enrollment.pk)
    )
    offering = enrollment.offering
    if enrollment.last_day < today:
        raise EnrollmentLapsed(
            gettext(
                "The %(code)s enrollment ended on %(last_day)s; enroll again instead of renewing "
                "(R-ENR-1)."
            )
            % {"code": offering.code, "last_day": long_date(enrollment.last_day)},
            details={"last_day": enrollment.last_day.isoformat()},
        )
    opens = renewal_opens_on(enrollment)
    if today < opens:
        raise RenewalNotOpen(
            gettext(
                "Renewal of the %(code)s enrollment opens on %(opens)s, %(RENEWAL_WINDOW_DAYS)s "
                "days before its last day %(last_day)s (R-ENR-1)."
            )
            % {
                "code": offering.code,
                "opens": long_date(opens),
                "RENEWAL_WINDOW_DAYS": RENEWAL_WINDOW_DAYS,
                "last_day": long_date(enrollment.last_day),
            },
            details={"renewal_opens_on": opens.isoformat()},
        )
    _check_cloud(offering, today)
    _check_eligible(organisation, offering, today)
    version = _check_agreement(agreement_version, accepted, today)
    previous = enrollment.last_day
    enrollment.last_day = previous + dt.timedelta(days=_term_days())
    enrollment.agreement_version = version
    enrollment.accepted_by = user_of(actor)
    enrollment.accepted_at = at
    enrollment.save(update_fields=["last_day", "agreement_version", "accepted_by", "accepted_at"])
    renewal = EnrollmentRenewal.objects.create(
        enrollment=enrollment,
        renewed_on=today,
        previous_last_day=previous,
        last_day=enrollment.last_day,
        agreement_version=version,
        accepted_by=enrollment.accepted_by,
        accepted_at=at,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.ENROLLMENT_RENEWED,
        subject=enrollment,
        at=at,
        program_date=today,
        before={"last_day": previous},
        after={
            "last_day": enrollment.last_day,
            "agreement_version": version.version,
            "renewal": renewal.pk,
        },
        organisation_id=organisation.pk,
        organisation_label=organisation.name,
    )
    _notify(enrollment, actor, today, at, renewed=True)
    return enrollment
