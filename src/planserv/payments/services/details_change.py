"""R-PAY-1: a firm changes its payment details. Its global admin submits the change (one service
function, so a second factor can gate it), every global admin of the firm is emailed, and an
operator payment reviewer verifies it before any run pays to the new account; until then the
registration's approved requests wait out of payment runs (payments.services.runs)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Membership, Organisation
from planserv.accounts.second_factor import require_second_factor
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.notifications.messages import PaymentDetailsChangeMessage, Recipient, send
from planserv.partners.selectors import firm_of, offering_get
from planserv.payments.errors import (
    DetailsChangeDecided,
    DetailsChangeNotFound,
    DetailsChangePending,
    NotRegisteredForPayment,
    ReasonRequired,
)
from planserv.payments.models import DetailsChangeStatus, PaymentDetailsChange, PaymentRegistration
from planserv.payments.services.registration import RemittanceDetails, validate_details

FIELDS = ("legal_name", "tax_id", "iban", "bic", "country", "currency")


def _masked(values: PaymentRegistration | PaymentDetailsChange) -> dict[str, str]:
    return {
        "legal_name": values.legal_name,
        "tax_id": f"•••{values.tax_id[-3:]}",
        "iban": f"•••• {values.iban[-4:]}",
        "bic": values.bic,
        "country": str(values.country),
        "currency": values.currency,
    }


def _global_admins(firm_id: int) -> list[Recipient]:
    members = (
        Membership.objects.filter(
            organisation_id=firm_id, role=Role.GLOBAL_ADMIN, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user__email", "pk")
    )
    return [Recipient.of_user(m.user, firm_id) for m in members]


def _tell(change: PaymentDetailsChange, event: str, on: dt.date, at: dt.datetime) -> None:
    registration = change.registration
    recipients = _global_admins(registration.organisation_id)
    if not recipients:
        return
    send(
        PaymentDetailsChangeMessage(
            firm_name=registration.organisation.name,
            offering=registration.offering.name,
            event=event,
            iban_masked=change.iban_masked,
            submitted_by=change.submitted_by_label,
            changed_on=on,
            reason=change.decision_reason,
            change_id=change.pk,
            recipients=recipients,
        ),
        at=at,
    )


def _audit(
    change: PaymentDetailsChange,
    action: AuditEventType,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
    reason: str = "",
) -> None:
    registration = change.registration
    audit_record(
        actor=actor,
        action=action,
        subject=change,
        subject_label=f"Payment details of {registration.organisation.name} / "
        f"{registration.offering.code}",
        organisation_id=registration.organisation_id,
        at=at,
        program_date=today,
        before=_masked(registration),
        after={**_masked(change), "status": change.status},
        reason=reason,
    )


@transaction.atomic
def payment_details_change_submit(
    *,
    offering_code: str,
    details: RemittanceDetails,
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> PaymentDetailsChange:
    """R-PAY-1: the actor's firm asks to be paid to new details in an offering; every global admin
    is emailed; the operator verifies before a run pays to them. Only from a session or token
    that passed the second factor (R-PPL-3), never by support acting for the firm (R-PPL-4).
    Raises Forbidden, SecondFactorRequired, InvalidRemittanceDetails, NotRegisteredForPayment,
    DetailsChangePending."""
    actor.require_role(Role.GLOBAL_ADMIN, action=_("change the firm's payment details"))
    actor.refuse_when_acting_for(action=_("change the firm's payment details"))
    require_second_factor(actor, action=_("change the firm's bank details for payment"))
    firm = firm_of(actor)
    offering = offering_get(code=offering_code)
    clean = validate_details(details)
    Organisation.objects.select_for_update().filter(pk=firm.pk).get()
    registration = (
        PaymentRegistration.objects.select_related("organisation", "offering")
        .filter(organisation=firm, offering=offering)
        .order_by("pk")
        .first()
    )
    if registration is None:
        raise NotRegisteredForPayment(
            _("%(name)s is not registered for payment in %(name2)s; register first (R-PAY-1).")
            % {"name": firm.name, "name2": offering.name},
            details={"offering": offering.code},
        )
    pending = DetailsChangePending(
        _(
            "A change of %(name)s's payment details in %(name2)s already waits for the "
            "operator's verification (R-PAY-1)."
        )
        % {"name": firm.name, "name2": offering.name},
        details={"offering": offering.code},
    )
    if registration.details_changes.filter(status=DetailsChangeStatus.PENDING).exists():
        raise pending
    try:
        with transaction.atomic():
            change = PaymentDetailsChange.objects.create(
                registration=registration,
                submitted_on=today,
                submitted_at=at,
                submitted_by_id=actor.user_id,
                submitted_by_label=actor.email,
                **clean.__dict__,
            )
    except IntegrityError:
        raise pending from None
    _audit(change, AuditEventType.PAYMENT_DETAILS_CHANGE_SUBMITTED, actor, today, at)
    _tell(change, "submitted", today, at)
    return change


def _locked_pending(change_id: int) -> PaymentDetailsChange:
    change = (
        PaymentDetailsChange.objects.select_for_update(of=("self",))
        .select_related("registration__organisation", "registration__offering")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        raise DetailsChangeNotFound(
            _("There is no payment details change %(change_id)s.") % {"change_id": change_id}
        )
    if change.status != DetailsChangeStatus.PENDING:
        raise DetailsChangeDecided(
            _("This payment details change was already %(change)s on %(decided_on)s (R-PAY-1).")
            % {"change": change.get_status_display().lower(), "decided_on": change.decided_on},
            details={"status": change.status},
        )
    return change


def _decide(
    change: PaymentDetailsChange,
    status: str,
    reason: str,
    actor: Actor,
    on: dt.date,
    at: dt.datetime,
) -> None:
    change.status = status
    change.decided_on, change.decided_at, change.decided_by_label = on, at, actor.email
    change.decision_reason = reason
    change.save(
        update_fields=["status", "decided_on", "decided_at", "decided_by_label", "decision_reason"]
    )


@transaction.atomic
def payment_details_change_verify(
    *, change_id: int, actor: Actor, today: dt.date, at: dt.datetime
) -> PaymentDetailsChange:
    """R-PAY-1: an operator reviewer verified the new details: the registration takes them and
    the firm's waiting requests go into runs again. Raises Forbidden, DetailsChangeNotFound,
    DetailsChangeDecided."""
    actor.require_role(Role.PAYMENT_REVIEWER, action=_("verify payment details"))
    change = _locked_pending(change_id)
    registration = PaymentRegistration.objects.select_for_update().get(pk=change.registration_id)
    change.registration = registration
    _audit(change, AuditEventType.PAYMENT_DETAILS_CHANGE_VERIFIED, actor, today, at)
    for name in FIELDS:
        setattr(registration, name, getattr(change, name))
    registration.save(update_fields=list(FIELDS))
    _decide(change, DetailsChangeStatus.VERIFIED, "", actor, today, at)
    _tell(change, "verified", today, at)
    return change


@transaction.atomic
def payment_details_change_reject(
    *, change_id: int, reason: str, actor: Actor, today: dt.date, at: dt.datetime
) -> PaymentDetailsChange:
    """R-PAY-1: the new details are refused (with a reason told to the firm); payments keep going
    to the registered account. Raises Forbidden, ReasonRequired, DetailsChangeNotFound,
    DetailsChangeDecided."""
    actor.require_role(Role.PAYMENT_REVIEWER, action=_("reject payment details"))
    text = " ".join(reason.split())[:2000]
    if not text:
        raise ReasonRequired(_("Give the firm a reason for rejecting its new payment details."))
    change = _locked_pending(change_id)
    _decide(change, DetailsChangeStatus.REJECTED, text, actor, today, at)
    _audit(change, AuditEventType.PAYMENT_DETAILS_CHANGE_REJECTED, actor, today, at, reason=text)
    _tell(change, "rejected", today, at)
    return change
