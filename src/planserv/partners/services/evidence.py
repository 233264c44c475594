"""R-EVD-1: the firm claims competencies and consultants' exam passes with evidence; the operator
verifies or rejects each claim with a reason. A verified claim becomes the record that counts
(CompetencyHeld, ConsultantExam); a pending or rejected one counts for nothing.

Transitions (one table, checked under the claim's row lock):
    pending → verified (operator), pending → rejected (operator, with a reason).
A decided claim never changes; the firm claims again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput
from planserv.core.types import Role
from planserv.core.uploads import UploadLike
from planserv.notifications.messages import EvidenceClaimDecidedMessage, Recipient, send
from planserv.partners import evidence as evidence_files
from planserv.partners.errors import (
    ClaimAlreadyDecided,
    ClaimPending,
    CompetencyAlreadyRecorded,
    EvidenceMissing,
    ExamAlreadyRecorded,
    InvalidDates,
    ReasonMissing,
)
from planserv.partners.models import (
    ClaimKind,
    ClaimStatus,
    CompetencyHeld,
    Consultant,
    ConsultantExam,
    EvidenceClaim,
)
from planserv.partners.services._common import (
    global_admin_recipients,
    lock_firm,
    require_firm_roles,
    require_partner_firm,
    user_of,
)
from planserv.partners.services.firms import competency_record, consultant_exam_record
from planserv.program.models import Competency, CompetencyLevel, Exam

CLAIM_ROLES = (Role.GLOBAL_ADMIN, Role.PARTNER_ADMIN)
DECIDE_ROLES = (Role.PROGRAM_ADMIN,)
MAX_REFERENCE = 100
MAX_REASON = 1000

# The lifecycle of a claim: (from, to) pairs the services may take.
CLAIM_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (ClaimStatus.PENDING, ClaimStatus.VERIFIED),
        (ClaimStatus.PENDING, ClaimStatus.REJECTED),
    }
)


def can_transition(current: str, target: str) -> bool:
    return (current, target) in CLAIM_TRANSITIONS


def check_transition(current: str, target: str) -> None:
    """Refuse a move the table does not list (a decided claim never changes)."""
    if not can_transition(current, target):
        raise ClaimAlreadyDecided(
            _(
                "A claim that is %(label)s cannot become %(label2)s; a decided claim does not "
                "change (R-EVD-1)."
            )
            % {
                "label": ClaimStatus(current).label.lower(),
                "label2": ClaimStatus(target).label.lower(),
            },
            details={"status": current},
        )


@dataclass(frozen=True)
class Evidence:
    """What the firm offers as proof: a file, a transcript or credential id, or both."""

    reference: str = ""
    file: UploadLike | None = None


def _require_claimant(actor: Actor, organisation: Organisation, *, action: str) -> None:
    require_partner_firm(organisation)
    require_firm_roles(actor, organisation, CLAIM_ROLES, action=action)


def _checked_evidence(evidence: Evidence) -> tuple[str, evidence_files.CheckedEvidence | None]:
    reference = evidence.reference.strip()
    if len(reference) > MAX_REFERENCE or (reference and not reference.isprintable()):
        raise InvalidInput(
            _(
                "The transcript or credential id must be at most %(MAX_REFERENCE)s printable "
                "characters."
            )
            % {"MAX_REFERENCE": MAX_REFERENCE}
        )
    checked = evidence_files.evidence_check(evidence.file) if evidence.file is not None else None
    if not reference and checked is None:
        raise EvidenceMissing(
            _(
                "A claim needs evidence: attach the certificate or transcript (PDF, PNG or "
                "JPEG), or give the transcript or credential id (R-EVD-1)."
            )
        )
    return reference, checked


def _save_claim(
    claim: EvidenceClaim,
    checked: evidence_files.CheckedEvidence | None,
    *,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> EvidenceClaim:
    stored = evidence_files.evidence_store(checked) if checked is not None else ""
    try:
        if checked is not None:
            claim.evidence_name = stored
            claim.evidence_label = checked.label
            claim.evidence_content_type = checked.content_type
            claim.evidence_size = len(checked.content)
        claim.claimed_by = user_of(actor)
        claim.claimed_at = at
        claim.save()
        audit_record(
            actor=actor,
            action=AuditEventType.EVIDENCE_CLAIM_SUBMITTED,
            subject=claim,
            at=at,
            program_date=today,
            after=_claim_state(claim),
            organisation_id=claim.organisation_id,
            organisation_label=claim.organisation.name,
            subject_label=claim.summary,
        )
    except Exception:
        evidence_files.evidence_delete(stored)
        raise
    return claim


def _claim_state(claim: EvidenceClaim) -> dict[str, object]:
    state: dict[str, object] = {
        "kind": claim.kind,
        "status": claim.status,
        "reference": claim.reference,
        "evidence_file": claim.evidence_label,
    }
    if claim.kind == ClaimKind.COMPETENCY and claim.competency is not None:
        state.update(
            competency=claim.competency.code,
            level=claim.level,
            earned_on=claim.earned_on.isoformat() if claim.earned_on else None,
            expires_on=claim.expires_on.isoformat() if claim.expires_on else None,
        )
    elif claim.consultant is not None and claim.exam is not None:
        state.update(
            consultant=claim.consultant.email,
            exam=claim.exam.code,
            passed_on=claim.passed_on.isoformat() if claim.passed_on else None,
        )
    if claim.decision_reason:
        state["reason"] = claim.decision_reason
    return state


@transaction.atomic
def competency_claim(
    *,
    organisation: Organisation,
    competency: Competency,
    level: str,
    earned_on: dt.date,
    expires_on: dt.date,
    evidence: Evidence,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> EvidenceClaim:
    """The firm claims a competency with evidence (R-EVD-1); it counts once verified.
    Raises Forbidden, InvalidInput, InvalidDates, EvidenceMissing, FileTooLarge,
    UnsupportedFileType, CompetencyAlreadyRecorded, ClaimPending."""
    _require_claimant(actor, organisation, action=_("claim a competency"))
    if level not in CompetencyLevel.values:
        raise InvalidInput(_("The level must be silver or gold, not %(level)r.") % {"level": level})
    if earned_on > today:
        raise InvalidDates(
            _("A competency cannot be claimed as earned on %(earned_on)s, after today (%(today)s).")
            % {"earned_on": earned_on.isoformat(), "today": today.isoformat()}
        )
    if expires_on < earned_on:
        raise InvalidDates(
            _("The expiry date %(expires_on)s is before the earned date %(earned_on)s.")
            % {"expires_on": expires_on.isoformat(), "earned_on": earned_on.isoformat()}
        )
    reference, checked = _checked_evidence(evidence)
    lock_firm(organisation)
    if CompetencyHeld.objects.filter(
        organisation=organisation, competency=competency, earned_on=earned_on, level=level
    ).exists():
        raise CompetencyAlreadyRecorded(
            _("%(name)s already holds %(name2)s earned on %(earned_on)s at that level (R-EVD-1).")
            % {
                "name": organisation.name,
                "name2": competency.name,
                "earned_on": earned_on.isoformat(),
            }
        )
    if EvidenceClaim.objects.filter(
        organisation=organisation,
        kind=ClaimKind.COMPETENCY,
        competency=competency,
        status=ClaimStatus.PENDING,
    ).exists():
        raise ClaimPending(
            _("A claim of %(name)s is already waiting for the program operator (R-EVD-1).")
            % {"name": competency.name}
        )
    claim = EvidenceClaim(
        organisation=organisation,
        kind=ClaimKind.COMPETENCY,
        competency=competency,
        level=level,
        earned_on=earned_on,
        expires_on=expires_on,
        reference=reference,
    )
    return _save_claim(claim, checked, actor=actor, today=today, at=at)


@transaction.atomic
def exam_claim(
    *,
    consultant: Consultant,
    exam: Exam,
    passed_on: dt.date,
    evidence: Evidence,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> EvidenceClaim:
    """The firm claims that its consultant passed an exam, with evidence (R-EVD-1); it counts for
    R-DEL-1 once verified. Raises Forbidden, InvalidDates, EvidenceMissing, ExamAlreadyRecorded,
    ClaimPending, and the evidence file's refusals."""
    organisation = consultant.organisation
    _require_claimant(actor, organisation, action=_("claim a consultant's exam"))
    if passed_on > today:
        raise InvalidDates(
            _("An exam cannot be claimed as passed on %(passed_on)s, after today (%(today)s).")
            % {"passed_on": passed_on.isoformat(), "today": today.isoformat()}
        )
    reference, checked = _checked_evidence(evidence)
    lock_firm(organisation)
    if ConsultantExam.objects.filter(consultant=consultant, exam=exam).exists():
        raise ExamAlreadyRecorded(
            _("%(name)s already has %(code)s recorded (R-EVD-1).")
            % {"name": consultant.name, "code": exam.code}
        )
    if EvidenceClaim.objects.filter(
        consultant=consultant, exam=exam, status=ClaimStatus.PENDING
    ).exists():
        raise ClaimPending(
            _(
                "A claim of %(code)s for %(name)s is already waiting for the program operator "
                "(R-EVD-1)."
            )
            % {"code": exam.code, "name": consultant.name}
        )
    claim = EvidenceClaim(
        organisation=organisation,
        kind=ClaimKind.EXAM,
        consultant=consultant,
        exam=exam,
        passed_on=passed_on,
        reference=reference,
    )
    return _save_claim(claim, checked, actor=actor, today=today, at=at)


def _lock_pending(claim: EvidenceClaim, to: str) -> EvidenceClaim:
    locked = (
        EvidenceClaim.objects.select_for_update(of=("self",))
        .select_related("organisation", "competency", "consultant", "exam")
        .get(pk=claim.pk)
    )
    check_transition(locked.status, to)
    return locked


def _notify(claim: EvidenceClaim, *, at: dt.datetime) -> None:
    recipients = global_admin_recipients(claim.organisation)
    if claim.claimed_by is not None and claim.claimed_by.is_active:
        recipients.append(
            Recipient(
                email=claim.claimed_by.email,
                name=claim.claimed_by.full_name,
                organisation_id=claim.organisation_id,
            )
        )
    if not recipients:
        return
    send(
        EvidenceClaimDecidedMessage(
            partner_name=claim.organisation.name,
            claim_summary=claim.summary,
            verified=claim.status == ClaimStatus.VERIFIED,
            reason=claim.decision_reason,
            claimed_on=claim.claimed_at.date(),
            claim_id=claim.pk,
            status=claim.status,
            recipients=recipients,
        ),
        at=at,
    )


def _decide(
    claim: EvidenceClaim, *, to: str, reason: str, actor: Actor, today: dt.date, at: dt.datetime
) -> EvidenceClaim:
    claim.status = to
    claim.decided_by = user_of(actor)
    claim.decided_at = at
    claim.decision_reason = reason
    claim.save()
    audit_record(
        actor=actor,
        action=AuditEventType.EVIDENCE_CLAIM_VERIFIED
        if to == ClaimStatus.VERIFIED
        else AuditEventType.EVIDENCE_CLAIM_REJECTED,
        subject=claim,
        at=at,
        program_date=today,
        before={"status": ClaimStatus.PENDING},
        after=_claim_state(claim),
        organisation_id=claim.organisation_id,
        organisation_label=claim.organisation.name,
        subject_label=claim.summary,
        reason=reason,
    )
    _notify(claim, at=at)
    return claim


@transaction.atomic
def claim_verify(
    *, claim: EvidenceClaim, note: str = "", actor: Actor, today: dt.date, at: dt.datetime
) -> EvidenceClaim:
    """The operator verifies a pending claim: the competency or exam is recorded and counts from
    now on (R-EVD-1). Raises Forbidden, ClaimAlreadyDecided, ExamAlreadyRecorded."""
    actor.require_role(*DECIDE_ROLES, action=_("verify a firm's claim"))
    lock_firm(claim.organisation)
    claim = _lock_pending(claim, ClaimStatus.VERIFIED)
    if claim.kind == ClaimKind.COMPETENCY:
        assert claim.competency is not None and claim.earned_on and claim.expires_on
        claim.competency_held = competency_record(
            organisation=claim.organisation,
            competency=claim.competency,
            level=claim.level,
            earned_on=claim.earned_on,
            expires_on=claim.expires_on,
            actor=actor,
            today=today,
            at=at,
            notify=False,
        )
    else:
        assert claim.consultant is not None and claim.exam is not None and claim.passed_on
        if ConsultantExam.objects.filter(consultant=claim.consultant, exam=claim.exam).exists():
            raise ExamAlreadyRecorded(
                _("%(name)s already has %(code)s recorded; reject this claim instead (R-EVD-1).")
                % {"name": claim.consultant.name, "code": claim.exam.code}
            )
        claim.consultant_exam = consultant_exam_record(
            consultant=claim.consultant,
            exam=claim.exam,
            passed_on=claim.passed_on,
            actor=actor,
            today=today,
            at=at,
        )
    return _decide(
        claim,
        to=ClaimStatus.VERIFIED,
        reason=note.strip()[:MAX_REASON],
        actor=actor,
        today=today,
        at=at,
    )


@transaction.atomic
def claim_reject(
    *, claim: EvidenceClaim, reason: str, actor: Actor, today: dt.date, at: dt.datetime
) -> EvidenceClaim:
    """The operator rejects a pending claim with a reason the firm reads (R-EVD-1); nothing is
    recorded. Raises Forbidden, ReasonMissing, ClaimAlreadyDecided."""
    actor.require_role(*DECIDE_ROLES, action=_("reject a firm's claim"))
    reason = reason.strip()
    if not reason:
        raise ReasonMissing(
            _("Say why the claim is rejected: the firm reads the reason (R-EVD-1).")
        )
    if len(reason) > MAX_REASON:
        raise ReasonMissing(
            _("The reason must be at most %(MAX_REASON)s characters.") % {"MAX_REASON": MAX_REASON}
        )
    claim = _lock_pending(claim, ClaimStatus.REJECTED)
    return _decide(claim, to=ClaimStatus.REJECTED, reason=reason, actor=actor, today=today, at=at)
