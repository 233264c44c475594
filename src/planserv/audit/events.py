"""Typed audit events: every audited action is an `AuditEventType` member (STYLE.md section 7).

The values are the action strings stored in `AuditEvent.action` and shown by the API and the audit
browser, so they never change once written. An event whose meaning is read back (the voucher
history) also has a frozen payload dataclass in its owning app (`vouchers/events.py`), a subclass
of `AuditPayload`: the service builds it, `AuditPayload.before_json/after_json` serialise it into
the event's `before`/`after` columns, and readers load it back with `payload_of(event)`. The
`PAYLOADS` registry maps each event type to its payload class; an owning app registers its
classes with `@register_payload` in its `events.py`, which `AuditConfig.ready()` imports.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Self, TypeVar

from django.db import models
from pydantic import TypeAdapter, ValidationError

from planserv.audit.models import AuditEvent


class PayloadUnreadable(ValueError):
    """A stored event's JSON lacks a required field of its payload class, or has the wrong type."""


class AuditEventType(models.TextChoices):
    """Every action the services and the admin write, grouped by app (`app.entity.past_tense`)."""

    # accounts
    ACTING_STARTED = "accounts.acting.started"
    ACTING_STOPPED = "accounts.acting.stopped"
    USER_CREATED = "accounts.user.created"
    ORGANISATION_CREATED = "accounts.organisation.created"
    MEMBERSHIP_GRANTED = "accounts.membership.granted"
    API_TOKEN_CREATED = "accounts.api_token.created"  # noqa: S105 (an action, not a secret)
    API_TOKEN_REVOKED = "accounts.api_token.revoked"  # noqa: S105 (an action, not a secret)
    # accounts: people and access (R-PPL-1, R-PPL-2; docs/people.md)
    INVITATION_CREATED = "accounts.invitation.created"
    INVITATION_RESENT = "accounts.invitation.resent"
    INVITATION_REVOKED = "accounts.invitation.revoked"
    INVITATION_ACCEPTED = "accounts.invitation.accepted"
    MEMBER_ROLES_CHANGED = "accounts.member.roles_changed"
    MEMBER_REMOVED = "accounts.member.removed"
    PASSWORD_RESET_REQUESTED = "accounts.user.password_reset_requested"  # noqa: S105
    PASSWORD_RESET = "accounts.user.password_reset"  # noqa: S105 (an action, not a secret)
    PASSWORD_CHANGED = "accounts.user.password_changed"  # noqa: S105 (an action, not a secret)
    PREFERENCES_CHANGED = "accounts.user.preferences_changed"
    SECOND_FACTOR_ENROLLED = "accounts.second_factor.enrolled"
    SECOND_FACTOR_DISABLED = "accounts.second_factor.disabled"
    SECOND_FACTOR_RESET = "accounts.second_factor.reset"
    SECOND_FACTOR_RECOVERY_CODE_USED = "accounts.second_factor.recovery_code_used"
    SINGLE_SIGN_ON_SAVED = "accounts.single_sign_on.saved"
    # jobs and the program clock
    CLOCK_MOVED = "core.clock.moved"
    JOB_RUN_REQUESTED = "jobs.runner.run_requested"
    OUTBOX_MESSAGE_RETRIED = "notifications.outbox_message.retried"
    # customers
    AGREEMENT_CREATED = "customers.agreement.created"
    AGREEMENT_ACTIVATED = "customers.agreement.activated"
    AGREEMENT_IMPORT_CHECKED = "customers.agreement_import.checked"
    AGREEMENT_IMPORT_COMMITTED = "customers.agreement_import.committed"
    TRAINING_CONVERSION_CREATED = "customers.training_conversion.created"
    LEDGER_ACCRUAL_POSTED = "customers.ledger.accrual_posted"
    LEDGER_ACCRUALS_POSTED = "customers.ledger.accruals_posted"
    LEDGER_MANUAL_GRANT_POSTED = "customers.ledger.manual_grant_posted"
    LEDGER_TRAINING_GRANT_POSTED = "customers.ledger.training_grant_posted"
    LEDGER_CORRECTION_POSTED = "customers.ledger.correction_posted"
    LEDGER_REMOVAL_BATCH = "customers.ledger.removal_batch"
    # partners
    ENROLLMENT_CREATED = "partners.enrollment.created"
    ENROLLMENT_RENEWED = "partners.enrollment.renewed"
    COMPETENCY_HELD_RECORDED = "partners.competency_held.recorded"
    LOCATION_CREATED = "partners.location.created"
    CONSULTANT_CREATED = "partners.consultant.created"
    CONSULTANT_EXAM_RECORDED = "partners.consultant_exam.recorded"
    EVIDENCE_CLAIM_SUBMITTED = "partners.evidence_claim.submitted"
    EVIDENCE_CLAIM_VERIFIED = "partners.evidence_claim.verified"
    EVIDENCE_CLAIM_REJECTED = "partners.evidence_claim.rejected"
    PARTNER_IMPORT_APPLIED = "partners.import.applied"
    BUSINESS_PROFILE_UPDATED = "partners.business_profile.updated"
    BUSINESS_PROFILE_PUBLISHED = "partners.business_profile.published"
    BUSINESS_PROFILE_UNPUBLISHED = "partners.business_profile.unpublished"
    BUSINESS_PROFILE_LOGO_UPLOADED = "partners.business_profile.logo_uploaded"
    BUSINESS_PROFILE_LOGO_REMOVED = "partners.business_profile.logo_removed"
    # payments
    PAYMENT_REGISTRATION_CREATED = "payments.payment_registration.created"
    PAYMENT_REQUEST_VALIDATING = "payments.payment_request.validating"
    PAYMENT_REQUEST_HELD = "payments.payment_request.held"
    PAYMENT_REQUEST_APPROVED = "payments.payment_request.approved"
    PAYMENT_REQUEST_DENIED = "payments.payment_request.denied"
    PAYMENT_REQUEST_IN_PAYMENT_RUN = "payments.payment_request.in_payment_run"
    PAYMENT_REQUEST_PAID = "payments.payment_request.paid"
    PAYMENT_RUN_BUILT = "payments.payment_run.built"
    PAYMENT_RUN_CONFIRMED = "payments.payment_run.confirmed"
    PAYMENT_DETAILS_CHANGE_SUBMITTED = "payments.payment_details_change.submitted"
    PAYMENT_DETAILS_CHANGE_VERIFIED = "payments.payment_details_change.verified"
    PAYMENT_DETAILS_CHANGE_REJECTED = "payments.payment_details_change.rejected"
    # program
    POLICY_EXTENSION_CREATED = "program.policyextension.created"
    POLICY_EXTENSION_APPLIED = "program.policyextension.applied"
    # support
    SUPPORT_REQUEST_OPENED = "support.request.opened"
    SUPPORT_REQUEST_REPLIED = "support.request.replied"
    SUPPORT_REQUEST_STATUS_CHANGED = "support.request.status_changed"
    SUPPORT_QUEUE_AGENT_ADDED = "support.queue_agent.added"
    FAQ_ENTRY_CREATED = "support.faq_entry.created"
    # vouchers: one voucher (payloads in vouchers/events.py) and the set-based jobs
    VOUCHER_CREATED_AND_ASSIGNED = "vouchers.voucher.created_and_assigned"
    VOUCHER_RESERVED = "vouchers.voucher.reserved"
    VOUCHER_START_DATE_CHANGED = "vouchers.voucher.start_date_changed"
    VOUCHER_RELEASED = "vouchers.voucher.released"
    VOUCHER_DELIVERED = "vouchers.voucher.delivered"
    VOUCHER_REDEEMED = "vouchers.voucher.redeemed"
    VOUCHER_CANCELLED = "vouchers.voucher.cancelled"
    VOUCHER_EXPIRY_EXTENDED = "vouchers.voucher.expiry_extended"
    VOUCHER_REASSIGNED = "vouchers.voucher.reassigned"
    VOUCHER_EXPIRY_BATCH = "vouchers.expiry.batch"
    VOUCHER_EXPIRY_EXTENDED_BY_POLICY = "vouchers.expiry.extended"
    # operator edits in the Django admin (AuditedModelAdmin): `<label>.<created|changed|deleted>`;
    # creating a policy extension, location or consultant there writes the service's own member.
    ADMIN_OFFERING_CREATED = "program.offering.created"
    ADMIN_OFFERING_CHANGED = "program.offering.changed"
    ADMIN_OFFERING_DELETED = "program.offering.deleted"
    ADMIN_ENGAGEMENT_TYPE_CREATED = "program.engagementtype.created"
    ADMIN_ENGAGEMENT_TYPE_CHANGED = "program.engagementtype.changed"
    ADMIN_ENGAGEMENT_TYPE_DELETED = "program.engagementtype.deleted"
    ADMIN_COMPETENCY_CREATED = "program.competency.created"
    ADMIN_COMPETENCY_CHANGED = "program.competency.changed"
    ADMIN_COMPETENCY_DELETED = "program.competency.deleted"
    ADMIN_EXAM_CREATED = "program.exam.created"
    ADMIN_EXAM_CHANGED = "program.exam.changed"
    ADMIN_EXAM_DELETED = "program.exam.deleted"
    ADMIN_DAY_RATE_CREATED = "program.dayrate.created"
    ADMIN_DAY_RATE_CHANGED = "program.dayrate.changed"
    ADMIN_DAY_RATE_DELETED = "program.dayrate.deleted"
    ADMIN_ACCRUAL_BAND_CREATED = "program.accrualband.created"
    ADMIN_ACCRUAL_BAND_CHANGED = "program.accrualband.changed"
    ADMIN_ACCRUAL_BAND_DELETED = "program.accrualband.deleted"
    ADMIN_AGREEMENT_VERSION_CREATED = "program.agreementversion.created"
    ADMIN_AGREEMENT_VERSION_CHANGED = "program.agreementversion.changed"
    ADMIN_AGREEMENT_VERSION_DELETED = "program.agreementversion.deleted"
    ADMIN_POLICY_EXTENSION_CHANGED = "program.policyextension.changed"
    ADMIN_POLICY_EXTENSION_DELETED = "program.policyextension.deleted"
    ADMIN_MILESTONE_CREATED = "program.milestone.created"
    ADMIN_MILESTONE_CHANGED = "program.milestone.changed"
    ADMIN_MILESTONE_DELETED = "program.milestone.deleted"
    ADMIN_PROGRAM_SETTINGS_CREATED = "program.programsettings.created"
    ADMIN_PROGRAM_SETTINGS_CHANGED = "program.programsettings.changed"
    ADMIN_PROGRAM_SETTINGS_DELETED = "program.programsettings.deleted"
    ADMIN_SUPPORT_QUEUE_CREATED = "support.supportqueue.created"
    ADMIN_SUPPORT_QUEUE_CHANGED = "support.supportqueue.changed"
    ADMIN_SUPPORT_QUEUE_DELETED = "support.supportqueue.deleted"
    ADMIN_SUPPORT_COUNTRY_ROUTE_CREATED = "support.supportcountryroute.created"
    ADMIN_SUPPORT_COUNTRY_ROUTE_CHANGED = "support.supportcountryroute.changed"
    ADMIN_SUPPORT_COUNTRY_ROUTE_DELETED = "support.supportcountryroute.deleted"
    ADMIN_SUPPORT_QUEUE_AGENT_CREATED = "support.supportqueueagent.created"
    ADMIN_SUPPORT_QUEUE_AGENT_CHANGED = "support.supportqueueagent.changed"
    ADMIN_SUPPORT_QUEUE_AGENT_DELETED = "support.supportqueueagent.deleted"
    ADMIN_FAQ_ENTRY_CREATED = "support.faqentry.created"
    ADMIN_FAQ_ENTRY_CHANGED = "support.faqentry.changed"
    ADMIN_FAQ_ENTRY_DELETED = "support.faqentry.deleted"
    ADMIN_COMPETENCY_HELD_CREATED = "partners.competencyheld.created"
    ADMIN_COMPETENCY_HELD_CHANGED = "partners.competencyheld.changed"
    ADMIN_COMPETENCY_HELD_DELETED = "partners.competencyheld.deleted"
    ADMIN_LOCATION_CHANGED = "partners.location.changed"
    ADMIN_LOCATION_DELETED = "partners.location.deleted"
    ADMIN_CONSULTANT_CHANGED = "partners.consultant.changed"
    ADMIN_CONSULTANT_DELETED = "partners.consultant.deleted"
    ADMIN_CONSULTANT_EXAM_CREATED = "partners.consultantexam.created"
    ADMIN_CONSULTANT_EXAM_CHANGED = "partners.consultantexam.changed"
    ADMIN_CONSULTANT_EXAM_DELETED = "partners.consultantexam.deleted"
    # webhooks
    WEBHOOK_SUBSCRIBED = "webhooks.subscription.created"
    WEBHOOK_CHANGED = "webhooks.subscription.changed"
    WEBHOOK_DISABLED = "webhooks.subscription.disabled"
    WEBHOOK_REDELIVERY_REQUESTED = "webhooks.delivery.redelivery_requested"
    ADMIN_ORGANISATION_CHANGED = "accounts.organisation.changed"

    @property
    def verb(self) -> str:
        """The action's last part (`reserved`): the name the voucher history and its API use."""
        return self.value.rpartition(".")[2]


P = TypeVar("P", bound="AuditPayload")


def before_column(*, key: str = "", flatten: bool = False) -> dict[str, Any]:
    """Field metadata: stored in the event's `before` column (under `key`, default its name);
    `flatten` spreads a nested dataclass's keys in the column itself."""
    return {"side": "before", "key": key, "flatten": flatten}


def after_column(*, key: str = "", flatten: bool = False) -> dict[str, Any]:
    """Field metadata: stored in `after` (where a field without metadata goes)."""
    return {"side": "after", "key": key, "flatten": flatten}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


_ADAPTERS: dict[type[AuditPayload], TypeAdapter[Any]] = {}


def _adapter(cls: type[AuditPayload]) -> TypeAdapter[Any]:
    """pydantic's validator for the payload class: turns stored JSON back into dates, tuples."""
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


@dataclasses.dataclass(frozen=True, kw_only=True)
class AuditPayload:
    """The typed content of one event type. Fields go to `after` unless their metadata says
    `before_column()`; `flatten=True` stores a nested dataclass's fields as keys of the column.
    The JSON is the one the services wrote by hand before the payloads existed, so old rows load
    unchanged."""

    event_type: ClassVar[AuditEventType]

    def _column(self, side: str) -> dict[str, Any] | None:
        column: dict[str, Any] | None = None
        for field in dataclasses.fields(self):
            if field.metadata.get("side", "after") != side:
                continue
            value = getattr(self, field.name)
            if field.metadata.get("flatten"):
                if value is None:
                    continue
                part = dataclasses.asdict(value)
            else:
                part = {field.metadata.get("key") or field.name: _plain(value)}
            column = {**(column or {}), **part}
        return column

    def before_json(self) -> dict[str, Any] | None:
        return self._column("before")

    def after_json(self) -> dict[str, Any] | None:
        return self._column("after")

    @classmethod
    def lookup(cls, **values: Any) -> dict[str, Any]:
        """Filter arguments for the stored events of this type whose fields have these values."""
        fields = {field.name: field for field in dataclasses.fields(cls)}
        query: dict[str, Any] = {"action": cls.event_type.value}
        for name, value in values.items():
            field = fields[name]
            side = field.metadata.get("side", "after")
            query[f"{side}__{field.metadata.get('key') or name}"] = value
        return query

    @classmethod
    def from_json(cls, before: dict[str, Any] | None, after: dict[str, Any] | None) -> Self:
        """The payload of a stored event; a field with a default may be missing from old rows.
        Raises PayloadUnreadable for a row that lacks a required field."""
        values: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            column = before if field.metadata.get("side", "after") == "before" else after
            if field.metadata.get("flatten"):
                values[field.name] = column
            elif column is not None and (key := field.metadata.get("key") or field.name) in column:
                values[field.name] = column[key]
        try:
            payload: Self = _adapter(cls).validate_python(values)
        except ValidationError as error:
            raise PayloadUnreadable(f"{cls.event_type}: {error}") from error
        return payload


PAYLOADS: dict[AuditEventType, type[AuditPayload]] = {}


def register_payload(cls: type[P]) -> type[P]:
    """Class decorator: `cls` is the payload of `cls.event_type` (one class per type)."""
    if cls.event_type in PAYLOADS:
        raise ValueError(f"{cls.event_type} already has the payload {PAYLOADS[cls.event_type]}.")
    PAYLOADS[cls.event_type] = cls
    return cls


def payload_of(event: AuditEvent) -> AuditPayload | None:
    """The typed payload of a stored event, or None for a type that has no payload class."""
    try:
        payload_class = PAYLOADS.get(AuditEventType(event.action))
    except ValueError:  # an action no longer written: shown as stored
        return None
    if payload_class is None:
        return None
    return payload_class.from_json(event.before, event.after)
