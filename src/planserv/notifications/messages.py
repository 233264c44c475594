"""The messages of domain.md section 7: one frozen dataclass per message, and one `send()`.

A caller (a service of vouchers, payments, partners or support, or a job) builds the message from
plain values (ids, names, dates, recipients) and calls `send(message, at=at)` inside the
transaction of the change. `send` renders the message per recipient and stores it with
`outbox_enqueue_many` (one statement) under a deterministic dedup key, so a repeat of the same change never sends a
second email. notifications sits low in the layer order (it imports only core): it never looks
anything up.

A message class names its template (`notifications/email/<template>.*`), the values that tell one
change from another (`key()`: the dedup key is the template, the key, and the address), and what
it is about (`subject_ref()`). Its fields are the template's context, except the recipients and
the fields marked `NOT_SHOWN` (ids that are only part of the key).

Recipients are chosen by the caller, one `Recipient` per person, with the organisation the
message is about (the tenant): a message is only ever addressed to members of that organisation.
Duplicate addresses in one message are sent once. `send` returns the stored messages (with
`is_new` False for a dedup hit); `render` shows one as a recipient would get it, storing nothing.

Each copy is rendered in its recipient's language (`Recipient.language`, else the site's default
LANGUAGE_CODE), never in the language of the request or job that causes the email.
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, ClassVar

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

from planserv.notifications.models import OutboxMessage
from planserv.notifications.services import (
    Outgoing,
    outbox_enqueue_many,
    outbox_render,
    recipient_language,
)

MAX_KEY = 200
StrOrPromise = str | Promise
NOT_SHOWN = MappingProxyType({"shown": False})  # field metadata: in the key, not in the context


@dataclass(frozen=True)
class Recipient:
    """One person to email: the address, a name for the greeting, their organisation, and the
    language their email is written in (a language code such as "de"; "" means the site's
    default language, never the language of the person whose change sends the email)."""

    email: str
    name: str = ""
    organisation_id: int | None = None
    language: str = ""

    @classmethod
    def of_user(cls, user: Any, organisation_id: int | None) -> Recipient:
        """A person with an account: their address, name and language preference."""
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE  # "" = no preference
        return cls(user.email, user.full_name, organisation_id, language)


@dataclass(frozen=True)
class AtStake:
    """One thing an organisation stands to lose at a milestone, e.g. AtStake(120, "days",
    "available on agreement 01-234567"). `quantity` None means the amount is not known."""

    quantity: int | None
    unit: str
    detail: str


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


def dedup_key(*parts: object) -> str:
    """The parts joined with ':', shortened with a hash when longer than the column."""
    key = ":".join(str(part) for part in parts)
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{key[: MAX_KEY - len(digest) - 1]}#{digest}"


@dataclass(frozen=True, kw_only=True)
class Message(abc.ABC):
    """One email about one change, to each of `recipients`."""

    template: ClassVar[str]
    recipients: Sequence[Recipient] = field(metadata=NOT_SHOWN)

    @abc.abstractmethod
    def key(self) -> tuple[object, ...]:
        """What tells this change from another of the same kind (the dedup key's middle)."""

    @abc.abstractmethod
    def subject_ref(self) -> str:
        """The object the message is about, `app.model:public id` (the operators' Mail page)."""

    def context(self, recipient: Recipient) -> dict[str, Any]:
        shown = {
            f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("shown", True)
        }
        return {
            **shown,
            "recipient": recipient,
            "time_zone": settings.PROGRAM_TIME_ZONE,
            "site_url": settings.PLANSERV_SITE_URL,
        }


def _unique(recipients: Sequence[Recipient]) -> list[Recipient]:
    seen: set[str] = set()
    result = []
    for recipient in recipients:
        address = recipient.email.strip().lower()
        if not address:
            raise ValueError(f"A recipient has no email address: {recipient!r}")
        if address not in seen:
            seen.add(address)
            result.append(recipient)
    return result


def send(message: Message, *, at: dt.datetime) -> list[OutboxMessage]:
    """Store `message` in the outbox once per distinct address, rendered for each recipient, in
    the caller's transaction; key `<template>:<key parts>:<address>`. Raises ValueError for a
    recipient without an address, RuntimeError outside a transaction."""
    return outbox_enqueue_many(
        [
            Outgoing(
                template=message.template,
                to_email=recipient.email.strip(),
                context=message.context(recipient),
                dedup_key=dedup_key(
                    message.template, *message.key(), recipient.email.strip().lower()
                ),
                organisation_id=recipient.organisation_id,
                subject_ref=message.subject_ref(),
                language=_language(recipient),
            )
            for recipient in _unique(message.recipients)
        ],
        at=at,
    )


def _language(recipient: Recipient) -> str:
    """The language the recipient reads: theirs when the caller knows it, else the preference of
    the person with that address, else the site's default (never the sender's)."""
    return recipient.language or recipient_language(recipient.email)


def render(message: Message, recipient: Recipient) -> RenderedMessage:
    """`message` exactly as `send` would render it for `recipient`, without storing or sending
    anything (e.g. the retirement impact report's preview of a milestone reminder)."""
    with translation.override(_language(recipient)):
        subject, text, html = outbox_render(message.template, message.context(recipient))
    return RenderedMessage(subject=subject, text=text, html=html)


# --- vouchers ------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _VoucherMessage(Message, abc.ABC):
    voucher_id: str

    def subject_ref(self) -> str:
        return f"vouchers.voucher:{self.voucher_id}"


@dataclass(frozen=True, kw_only=True)
class VoucherAssignedMessage(_VoucherMessage):
    """R-VOU-5: to the assignee, with voucher id, engagement type, days and expiry date, asking
    them to forward it to the partner they choose. `redeem_by` is min(expiry, last redemption
    day). Key: voucher_assigned:{voucher_id}:{email}."""

    template = "voucher_assigned"
    engagement_type: str
    service_level_days: int
    assigned_on: dt.date
    expiry_date: dt.date
    redeem_by: dt.date
    customer_name: str
    licensing_id: str

    def key(self) -> tuple[object, ...]:
        return (self.voucher_id,)


@dataclass(frozen=True, kw_only=True)
class VoucherReservedMessage(_VoucherMessage):
    """R-RES-2: to the customer (assignee and benefits admins): who reserved the voucher, where
    and from when. Key: voucher_reserved:{voucher_id}:{reservation_id}:{email}."""

    template = "voucher_reserved"
    engagement_type: str
    service_level_days: int
    partner_name: str
    location: str
    start_date: dt.date
    expiry_date: dt.date
    redeem_by: dt.date
    reservation_id: int | str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.voucher_id, self.reservation_id)


@dataclass(frozen=True, kw_only=True)
class VoucherReleasedMessage(_VoucherMessage):
    """R-RES-4: to the customer: the partner released the reservation; the voucher is free for
    any partner until its (unchanged) expiry. Key: voucher_released:{voucher_id}:{reservation_id}:
    {email}."""

    template = "voucher_released"
    engagement_type: str
    service_level_days: int
    partner_name: str
    released_on: dt.date
    expiry_date: dt.date
    reservation_id: int | str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.voucher_id, self.reservation_id)


@dataclass(frozen=True, kw_only=True)
class VoucherDateChangedMessage(_VoucherMessage):
    """R-RES-4: to the customer: the reserving partner moved the planned start date. `change_id`
    is unique per change (e.g. the audit event id). Key: voucher_date_changed:{voucher_id}:
    {change_id}:{email}."""

    template = "voucher_date_changed"
    engagement_type: str
    partner_name: str
    previous_start_date: dt.date
    start_date: dt.date
    expiry_date: dt.date
    redeem_by: dt.date
    change_id: int | str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.voucher_id, self.change_id)


@dataclass(frozen=True, kw_only=True)
class CompletionReportFiledMessage(_VoucherMessage):
    """R-DEL-2: to the customer (assignee and benefits admins): the partner filed the completion
    report; the deliverables open from the voucher page (`voucher_path`, the customer portal's
    voucher page). Key: completion_report_filed:{voucher_id}:{receipt_number}:{email}."""

    template = "completion_report_filed"
    engagement_type: str
    partner_name: str
    receipt_number: str
    start_date: dt.date
    end_date: dt.date
    deliverable_names: tuple[str, ...]
    voucher_path: str

    def key(self) -> tuple[object, ...]:
        return (self.voucher_id, self.receipt_number)


@dataclass(frozen=True, kw_only=True)
class VoucherExpiryReminderMessage(_VoucherMessage):
    """Section 7: 30 and 7 days before expiry, to the customer (`audience` "customer") and to the
    reserving partner ("partner"), who are told different things. `status` is the voucher status
    (assigned/reserved/delivered); `days_return` says whether the days would return to the pool
    at expiry (R-EXP-1) or be forfeited. Both audiences share the key, so a person in both gets
    the first one sent. Key: voucher_expiry_reminder:{voucher_id}:{expiry_date}:{days_before}:
    {email}."""

    template = "voucher_expiry_reminder"
    audience: str
    engagement_type: str
    service_level_days: int
    status: str
    expiry_date: dt.date
    days_before: int
    redeem_by: dt.date
    days_return: bool
    partner_name: str = ""

    def key(self) -> tuple[object, ...]:
        return (self.voucher_id, self.expiry_date.isoformat(), self.days_before)


@dataclass(frozen=True, kw_only=True)
class VoucherRedeemedMessage(_VoucherMessage):
    """R-RED-1: to the customer: the partner redeemed the voucher; its days are consumed. Key:
    voucher_redeemed:{voucher_id}:{email}."""

    template = "voucher_redeemed"
    engagement_type: str
    service_level_days: int
    partner_name: str
    redeemed_on: dt.date

    def key(self) -> tuple[object, ...]:
        return (self.voucher_id,)


# --- payments, partners, program, support --------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PaymentRequestStatusMessage(Message):
    """R-PAY-5: to the partner (the requester and its partner admins) on every status change.
    `note` is the reviewer's question (held) or reason (denied); `respond_by` the date to answer a
    hold by, if any. `transition_id` is unique per change (e.g. the status history row). Key:
    payment_request_status:{payment_request_id}:{transition_id}:{email}."""

    template = "payment_request_status"
    payment_request_id: str
    voucher_id: str
    status: str
    status_label: StrOrPromise  # a lazy label is read in the recipient's language
    amount: str
    currency: str
    changed_on: dt.date
    note: str = ""
    respond_by: dt.date | None = None
    transition_id: int | str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.payment_request_id, self.transition_id)

    def subject_ref(self) -> str:
        return f"payments.paymentrequest:{self.payment_request_id}"


@dataclass(frozen=True, kw_only=True)
class EnrollmentRenewalDueMessage(Message):
    """R-ENR-1: 30 days before an enrollment's last day, to the firm's global admins. Key:
    enrollment_renewal_due:{enrollment_id}:{last_day}:{email}."""

    template = "enrollment_renewal_due"
    partner_name: str
    offering_code: str
    offering_name: str
    last_day: dt.date
    enrollment_id: int | str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.enrollment_id, self.last_day.isoformat())

    def subject_ref(self) -> str:
        return f"partners.enrollment:{self.enrollment_id}"


@dataclass(frozen=True, kw_only=True)
class PaymentDetailsChangeMessage(Message):
    """R-PAY-1: to every global admin of the firm when its payment details change is submitted,
    verified or rejected. `event` is submitted, verified or rejected; the account is masked. Key:
    payment_details_change:{change_id}:{event}:{email}."""

    template = "payment_details_change"
    firm_name: str
    offering: str
    event: str
    iban_masked: str
    submitted_by: str
    changed_on: dt.date
    reason: str = ""
    change_id: int | str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.change_id, self.event)

    def subject_ref(self) -> str:
        return f"payments.paymentdetailschange:{self.change_id}"


@dataclass(frozen=True, kw_only=True)
class ReviewDigestMessage(Message):
    """The daily digest to payment reviewers: requests validating or held longer than the limit,
    and runs open past their month (one line each). Key: review_digest:{day}:{email}."""

    template = "review_digest"
    day: dt.date
    limit_business_days: int
    overdue_count: int
    overdue: tuple[str, ...]
    stale_runs: tuple[str, ...]

    def key(self) -> tuple[object, ...]:
        return (self.day.isoformat(),)

    def subject_ref(self) -> str:
        return f"payments.review_digest:{self.day.isoformat()}"


@dataclass(frozen=True, kw_only=True)
class MilestoneReminderMessage(Message):
    """Section 8: 30 and 7 days before a milestone, to the people of one affected organisation,
    saying what it stands to lose and what to do by `act_by`. Key: milestone_reminder:
    {milestone_key}:{milestone_date}:{days_before}:{organisation_id}:{email}."""

    template = "milestone_reminder"
    milestone_key: str
    milestone_title: str
    milestone_date: dt.date
    effect: str
    days_before: int
    organisation_name: str
    at_stake: Sequence[AtStake]
    action: str
    act_by: dt.date
    organisation_id: int = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (
            self.milestone_key,
            self.milestone_date.isoformat(),
            self.days_before,
            self.organisation_id,
        )

    def subject_ref(self) -> str:
        return f"program.milestone:{self.milestone_key}"


@dataclass(frozen=True, kw_only=True)
class SupportReplyMessage(Message):
    """To the person who opened a support request, when support replies. `answer_by` is when the
    request closes without an answer, if it does. Key: support_reply:{request_id}:{reply_id}:
    {email}."""

    template = "support_reply"
    request_id: str
    request_subject: str
    reply_excerpt: str
    replied_by: str
    answer_by: dt.date | None = None
    reply_id: int | str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.request_id, self.reply_id)

    def subject_ref(self) -> str:
        return f"support.supportrequest:{self.request_id}"


# --- partner onboarding (partners capability): not in section 7's list, sent as confirmations ---


@dataclass(frozen=True, kw_only=True)
class CompetencyRecordedMessage(Message):
    """The operator recorded (or corrected) a competency of the firm; to its global admins, who
    may now enroll (R-ENR-1). Key: competency_recorded:{held id}:{level}:{expires_on}:{email}."""

    template = "competency_recorded"
    partner_name: str
    partner_id: str
    competency_name: str
    level: str
    earned_on: dt.date
    expires_on: dt.date
    competency_held_id: int = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.competency_held_id, self.level, self.expires_on.isoformat())

    def subject_ref(self) -> str:
        return f"partners.competencyheld:{self.competency_held_id}"


@dataclass(frozen=True, kw_only=True)
class EnrollmentConfirmedMessage(Message):
    """R-ENR-1: an enrollment or its renewal was recorded; to the firm's global admins. Key:
    enrollment_confirmed:{enrollment id}:{last_day}:{email}."""

    template = "enrollment_confirmed"
    partner_name: str
    offering_code: str
    offering_name: str
    agreement_version: str
    accepted_by: str
    starts_on: dt.date
    last_day: dt.date
    renewed: bool
    enrollment_id: int = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.enrollment_id, self.last_day.isoformat())

    def subject_ref(self) -> str:
        return f"partners.enrollment:{self.enrollment_id}"


# --- webhooks -------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class WebhookDisabledMessage(Message):
    """REL-13: a subscription's receiver kept failing, so planserv stopped calling it; to the
    organisation's managers. Key: webhook_disabled:{subscription id}:{event id}:{email}."""

    template = "webhook_disabled"
    organisation_name: str
    subscription_id: int
    url: str
    event_id: str
    attempts: int
    last_error: str
    disabled_on: dt.date

    def key(self) -> tuple[object, ...]:
        return (self.subscription_id, self.event_id)

    def subject_ref(self) -> str:
        return f"webhooks.webhooksubscription:{self.subscription_id}"


# --- people and access (R-PPL-1, R-PPL-2; docs/people.md) ------------------------------------


@dataclass(frozen=True, kw_only=True)
class InvitationMessage(Message):
    """R-PPL-1: an invitation to join an organisation, with its single-use link (valid 7 days).
    Key: invitation:{invitation id}:{sent_at}:{email} (a resend is a new message)."""

    template = "invitation"
    organisation_name: str
    roles: tuple[StrOrPromise, ...]  # lazy labels are read in the recipient's language
    invited_by: str
    link: str
    expires_at: dt.datetime
    invitation_id: int = field(metadata=NOT_SHOWN)
    sent_at: str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.invitation_id, self.sent_at)

    def subject_ref(self) -> str:
        return f"accounts.invitation:{self.invitation_id}"


@dataclass(frozen=True, kw_only=True)
class MemberRolesChangedMessage(Message):
    """R-PPL-1: a member's roles in an organisation changed; to that member. Key:
    member_roles_changed:{organisation id}:{user id}:{changed_at}:{email}."""

    template = "member_roles_changed"
    organisation_name: str
    roles: tuple[StrOrPromise, ...]  # lazy labels are read in the recipient's language
    changed_by: str
    organisation_id: int = field(metadata=NOT_SHOWN)
    user_id: int = field(metadata=NOT_SHOWN)
    changed_at: str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.organisation_id, self.user_id, self.changed_at)

    def subject_ref(self) -> str:
        return f"accounts.user:{self.user_id}"


@dataclass(frozen=True, kw_only=True)
class MemberRemovedMessage(Message):
    """R-PPL-1: a member was removed from an organisation; to that person. Key:
    member_removed:{organisation id}:{user id}:{removed_at}:{email}."""

    template = "member_removed"
    organisation_name: str
    removed_by: str
    organisation_id: int = field(metadata=NOT_SHOWN)
    user_id: int = field(metadata=NOT_SHOWN)
    removed_at: str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.organisation_id, self.user_id, self.removed_at)

    def subject_ref(self) -> str:
        return f"accounts.user:{self.user_id}"


@dataclass(frozen=True, kw_only=True)
class PasswordResetMessage(Message):
    """R-PPL-2: a single-use password reset link. Key: password_reset:{link id}:{email}."""

    template = "password_reset"
    link: str
    expires_at: dt.datetime
    link_id: int = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.link_id,)

    def subject_ref(self) -> str:
        return f"accounts.passwordresetlink:{self.link_id}"


@dataclass(frozen=True, kw_only=True)
class PasswordChangedMessage(Message):
    """R-PPL-2: the password of this account changed (reset or changed on the profile page).
    Key: password_changed:{user id}:{changed_at}:{email}."""

    template = "password_changed"
    changed_at: dt.datetime
    user_id: int = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.user_id, self.changed_at.isoformat())

    def subject_ref(self) -> str:
        return f"accounts.user:{self.user_id}"


@dataclass(frozen=True, kw_only=True)
class EvidenceClaimDecidedMessage(Message):
    """R-EVD-1: the operator verified or rejected a firm's competency or exam claim; to the firm's
    global admins and the person who claimed. Key: evidence_claim_decided:{claim id}:{status}:{email}."""

    template = "evidence_claim_decided"
    partner_name: str
    claim_summary: str
    verified: bool
    reason: str
    claimed_on: dt.date
    claim_id: int = field(metadata=NOT_SHOWN)
    status: str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.claim_id, self.status)

    def subject_ref(self) -> str:
        return f"partners.evidenceclaim:{self.claim_id}"


# --- accounts ------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SecondFactorResetMessage(Message):
    """R-PPL-3: a person's lost second factor was reset; to that person. Key:
    second_factor_reset:{user id}:{reset at}:{email}."""

    template = "second_factor_reset"
    person_name: str
    organisation_name: str
    reset_by: str
    reset_on: dt.date
    user_id: int = field(metadata=NOT_SHOWN)
    reset_at: str = field(metadata=NOT_SHOWN)

    def key(self) -> tuple[object, ...]:
        return (self.user_id, self.reset_at)

    def subject_ref(self) -> str:
        return f"accounts.user:{self.user_id}"
