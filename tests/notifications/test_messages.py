"""Every message of domain.md section 7: its dataclass, sent, addresses the right people, names the
voucher (or request) id, the dates written so nobody can misread them, and what to do by when; it
has a plain-text and an HTML part; and a repeat of the same change stores nothing new."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from planserv.notifications import messages as notify
from planserv.notifications import services
from planserv.notifications.messages import AtStake, Message, Recipient, dedup_key, render, send
from planserv.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db
AT = dt.datetime(2021, 6, 15, 16, 0, tzinfo=dt.UTC)
ASSIGNEE = Recipient("pm@woodgrove.test", "Pat Manager", 11)
ADMIN = Recipient("admin@woodgrove.test", "Ada Admin", 11)
PARTNER = Recipient("ops@contoso.test", "Olga Ops", 22)
VOUCHER = "7KQM-4X9P-2"


def call(kind: type[Message], **kwargs: Any) -> list[OutboxMessage]:
    with transaction.atomic():
        return send(kind(**kwargs), at=AT)


# (message class, fields, recipients expected, snippets every text part contains, key of the first)
CASES: list[tuple[type[Message], dict[str, Any], list[str], list[str], str]] = [
    (
        notify.VoucherAssignedMessage,
        {
            "voucher_id": VOUCHER,
            "engagement_type": "Windows and Office Deployment Planning",
            "service_level_days": 5,
            "assigned_on": dt.date(2021, 6, 15),
            "expiry_date": dt.date(2021, 12, 12),
            "redeem_by": dt.date(2021, 12, 12),
            "customer_name": "Woodgrove Bank",
            "licensing_id": "EA-1001",
            "recipients": [ASSIGNEE],
        },
        [ASSIGNEE.email],
        [
            VOUCHER,
            "Windows and Office Deployment Planning",
            "5",
            "Sunday 12 December 2021",
            "Forward this email to the partner you choose",
        ],
        f"voucher_assigned:{VOUCHER}:pm@woodgrove.test",
    ),
    (
        notify.VoucherReservedMessage,
        {
            "voucher_id": VOUCHER,
            "engagement_type": "SharePoint Deployment Planning",
            "service_level_days": 3,
            "partner_name": "Contoso Consulting",
            "location": "Munich (DE)",
            "start_date": dt.date(2021, 7, 5),
            "expiry_date": dt.date(2021, 12, 12),
            "redeem_by": dt.date(2021, 12, 12),
            "reservation_id": 31,
            "recipients": [ASSIGNEE, ADMIN],
        },
        [ASSIGNEE.email, ADMIN.email],
        [
            VOUCHER,
            "Contoso Consulting",
            "Monday 5 July 2021",
            "redeem the voucher by Sunday 12 December 2021",
        ],
        f"voucher_reserved:{VOUCHER}:31:pm@woodgrove.test",
    ),
    (
        notify.VoucherReleasedMessage,
        {
            "voucher_id": VOUCHER,
            "engagement_type": "SharePoint Deployment Planning",
            "service_level_days": 3,
            "partner_name": "Contoso Consulting",
            "released_on": dt.date(2021, 6, 15),
            "expiry_date": dt.date(2021, 12, 12),
            "reservation_id": 31,
            "recipients": [ASSIGNEE],
        },
        [ASSIGNEE.email],
        [VOUCHER, "Tuesday 15 June 2021", "Choose a partner", "by Sunday 12 December 2021"],
        f"voucher_released:{VOUCHER}:31:pm@woodgrove.test",
    ),
    (
        notify.VoucherDateChangedMessage,
        {
            "voucher_id": VOUCHER,
            "engagement_type": "SharePoint Deployment Planning",
            "partner_name": "Contoso Consulting",
            "previous_start_date": dt.date(2021, 7, 5),
            "start_date": dt.date(2021, 7, 12),
            "expiry_date": dt.date(2021, 12, 12),
            "redeem_by": dt.date(2021, 12, 12),
            "change_id": 901,
            "recipients": [ASSIGNEE],
        },
        [ASSIGNEE.email],
        [
            VOUCHER,
            "Monday 5 July 2021",
            "Monday 12 July 2021",
            "contact them before Monday 12 July 2021",
        ],
        f"voucher_date_changed:{VOUCHER}:901:pm@woodgrove.test",
    ),
    (
        notify.VoucherExpiryReminderMessage,
        {
            "audience": "customer",
            "voucher_id": VOUCHER,
            "engagement_type": "SharePoint Deployment Planning",
            "service_level_days": 3,
            "status": "reserved",
            "expiry_date": dt.date(2021, 12, 12),
            "days_before": 30,
            "redeem_by": dt.date(2021, 12, 12),
            "days_return": False,
            "partner_name": "Contoso Consulting",
            "recipients": [ASSIGNEE, ADMIN],
        },
        [ASSIGNEE.email, ADMIN.email],
        [VOUCHER, "expires in 30 days, on Sunday 12 December 2021", "by Sunday 12 December 2021"],
        f"voucher_expiry_reminder:{VOUCHER}:2021-12-12:30:pm@woodgrove.test",
    ),
    (
        notify.VoucherRedeemedMessage,
        {
            "voucher_id": VOUCHER,
            "engagement_type": "SharePoint Deployment Planning",
            "service_level_days": 3,
            "partner_name": "Contoso Consulting",
            "redeemed_on": dt.date(2021, 9, 1),
            "recipients": [ASSIGNEE, ADMIN],
        },
        [ASSIGNEE.email, ADMIN.email],
        [VOUCHER, "Wednesday 1 September 2021", "3 days are now consumed", "Nothing."],
        f"voucher_redeemed:{VOUCHER}:pm@woodgrove.test",
    ),
    (
        notify.PaymentRequestStatusMessage,
        {
            "payment_request_id": "PR-000123",
            "voucher_id": VOUCHER,
            "status": "held",
            "status_label": "Held for information",
            "amount": "3000.00",
            "currency": "EUR",
            "changed_on": dt.date(2021, 9, 20),
            "transition_id": 5,
            "recipients": [PARTNER],
            "note": "Please upload the signed plan.",
            "respond_by": dt.date(2021, 10, 4),
        },
        [PARTNER.email],
        [
            "PR-000123",
            VOUCHER,
            "€3,000.00",
            "Please upload the signed plan.",
            "Answer the reviewer's question in the partner portal by Monday 4 October 2021",
        ],
        "payment_request_status:PR-000123:5:ops@contoso.test",
    ),
    (
        notify.EnrollmentRenewalDueMessage,
        {
            "partner_name": "Contoso Consulting",
            "offering_code": "SDPS",
            "offering_name": "SharePoint Deployment Planning Services",
            "enrollment_id": 8,
            "last_day": dt.date(2021, 7, 15),
            "recipients": [PARTNER],
        },
        [PARTNER.email],
        [
            "SharePoint Deployment Planning Services",
            "by Thursday 15 July 2021",
            "re-checks eligibility",
        ],
        "enrollment_renewal_due:8:2021-07-15:ops@contoso.test",
    ),
    (
        notify.MilestoneReminderMessage,
        {
            "milestone_key": "last_redemption_day",
            "milestone_title": "Last day to redeem",
            "milestone_date": dt.date(2022, 1, 1),
            "effect": "Last day for partners to redeem vouchers.",
            "days_before": 7,
            "organisation_id": 22,
            "organisation_name": "Contoso Consulting",
            "at_stake": [
                AtStake(2, "vouchers", "reserved and not redeemed (7KQM-4X9P-2, 9PXC-2M4K-7)"),
                AtStake(1, "payment requests", "not yet filed"),
            ],
            "action": "Deliver, report and redeem every voucher you hold",
            "act_by": dt.date(2022, 1, 1),
            "recipients": [PARTNER],
        },
        [PARTNER.email],
        [
            "Saturday 1 January 2022",
            "2 vouchers",
            "1 payment requests",
            "What Contoso Consulting stands to lose",
            "redeem every voucher you hold by Saturday 1 January 2022",
        ],
        "milestone_reminder:last_redemption_day:2022-01-01:7:22:ops@contoso.test",
    ),
    (
        notify.SupportReplyMessage,
        {
            "request_id": "SR-0042",
            "request_subject": "Voucher not received",
            "reply_id": 3,
            "reply_excerpt": "We have re-sent the voucher email.",
            "replied_by": "Program support",
            "recipients": [ADMIN],
            "answer_by": dt.date(2021, 6, 29),
        },
        [ADMIN.email],
        ["SR-0042", "We have re-sent the voucher email.", "by Tuesday 29 June 2021"],
        "support_reply:SR-0042:3:admin@woodgrove.test",
    ),
]


@pytest.mark.parametrize(
    ("kind", "arguments", "recipients", "snippets", "first_key"),
    CASES,
    ids=[case[0].__name__ for case in CASES],
)
def test_each_message_reaches_its_recipients_with_ids_dates_and_action(
    kind, arguments, recipients, snippets, first_key
):
    stored = call(kind, **arguments)
    assert [message.to_email for message in stored] == recipients
    assert all(message.is_new for message in stored)
    assert stored[0].dedup_key == first_key
    by_email = {r.email: r for r in [ASSIGNEE, ADMIN, PARTNER]}
    for message in stored:
        assert message.organisation_id == by_email[message.to_email].organisation_id
        assert message.template == kind.template
        assert message.body_html.startswith("<!doctype html>")
        assert "America/Los_Angeles" in message.body_text
        assert "WHAT YOU NEED TO DO" in message.body_text
        assert "What you need to do" in message.body_html
        for snippet in snippets:
            assert snippet in message.body_text + message.subject, snippet
    assert not any(message.is_new for message in call(kind, **arguments))
    assert OutboxMessage.objects.count() == len(recipients)


def test_every_message_of_section_7_has_a_dataclass():
    templates = {case[0].template for case in CASES}
    assert templates == {
        "voucher_assigned",
        "voucher_reserved",
        "voucher_released",
        "voucher_date_changed",
        "voucher_expiry_reminder",
        "voucher_redeemed",
        "payment_request_status",
        "enrollment_renewal_due",
        "milestone_reminder",
        "support_reply",
    }


def test_names_are_escaped_in_html_but_plain_in_text():
    (message,) = call(
        notify.VoucherRedeemedMessage,
        voucher_id=VOUCHER,
        engagement_type="Data Estate Modernization",
        service_level_days=5,
        partner_name="Smith & <Partners>",
        redeemed_on=dt.date(2021, 9, 1),
        recipients=[ASSIGNEE],
    )
    assert "Smith & <Partners> redeemed" in message.body_text
    assert "Smith &amp; &lt;Partners&gt; redeemed" in message.body_html
    assert message.subject == f"Voucher {VOUCHER} redeemed by Smith & <Partners>"


def test_a_person_listed_twice_gets_one_message():
    stored = call(
        notify.VoucherRedeemedMessage,
        voucher_id=VOUCHER,
        engagement_type="Data Estate Modernization",
        service_level_days=5,
        partner_name="Contoso",
        redeemed_on=dt.date(2021, 9, 1),
        recipients=[ASSIGNEE, Recipient("PM@Woodgrove.test", "Pat", 11)],
    )
    assert len(stored) == 1


EXPIRY_REMINDER = notify.VoucherExpiryReminderMessage(
    audience="customer",
    voucher_id=VOUCHER,
    engagement_type="Data Estate Modernization",
    service_level_days=5,
    status="reserved",
    expiry_date=dt.date(2021, 12, 12),
    days_before=7,
    redeem_by=dt.date(2021, 12, 12),
    days_return=True,
    partner_name="Contoso Consulting",
    recipients=[ASSIGNEE],
)


def test_expiry_reminders_tell_customer_and_partner_different_things():
    to_partner = replace(EXPIRY_REMINDER, audience="partner", recipients=[PARTNER])
    with transaction.atomic():
        (customer,) = send(EXPIRY_REMINDER, at=AT)
        (partner,) = send(to_partner, at=AT)
    assert "return to your agreement's available days" in customer.body_text
    assert "Make sure Contoso Consulting delivers" in customer.body_text
    assert "submit the completion report" in partner.body_text
    assert "return to your agreement" not in partner.body_text
    assert partner.dedup_key == f"voucher_expiry_reminder:{VOUCHER}:2021-12-12:7:ops@contoso.test"


def test_a_person_told_as_customer_is_not_told_again_as_partner():
    to_partner = replace(EXPIRY_REMINDER, audience="partner", recipients=[ASSIGNEE, PARTNER])
    with transaction.atomic():
        send(EXPIRY_REMINDER, at=AT)
        again, partner = send(to_partner, at=AT)
    assert not again.is_new and "Make sure Contoso Consulting delivers" in again.body_text
    assert partner.is_new and partner.to_email == PARTNER.email
    assert OutboxMessage.objects.count() == 2


def test_render_shows_what_send_stores_and_stores_nothing():
    rendered = render(EXPIRY_REMINDER, ASSIGNEE)
    assert OutboxMessage.objects.count() == 0
    with transaction.atomic():
        (stored,) = send(EXPIRY_REMINDER, at=AT)
    assert (rendered.subject, rendered.text, rendered.html) == (
        stored.subject,
        stored.body_text,
        stored.body_html,
    )


def test_fields_that_only_tell_changes_apart_are_not_in_the_context():
    context = CASES[1][0](**CASES[1][1]).context(ASSIGNEE)
    assert "reservation_id" not in context and "recipients" not in context
    assert context["partner_name"] == "Contoso Consulting" and context["recipient"] == ASSIGNEE


def test_the_last_redemption_day_is_named_when_it_comes_before_expiry():
    (message,) = call(
        notify.VoucherAssignedMessage,
        voucher_id=VOUCHER,
        engagement_type="Data Estate Modernization",
        service_level_days=5,
        assigned_on=dt.date(2021, 9, 1),
        expiry_date=dt.date(2022, 2, 28),
        redeem_by=dt.date(2022, 1, 1),
        customer_name="Woodgrove Bank",
        licensing_id="EA-1",
        recipients=[ASSIGNEE],
    )
    assert "by Saturday 1 January 2022 (the program's last redemption day" in message.body_text


def test_long_dedup_keys_are_shortened_deterministically():
    key = dedup_key("milestone_reminder", "x" * 150, "someone@" + "d" * 100 + ".test")
    assert len(key) == 200 and key == dedup_key(
        "milestone_reminder", "x" * 150, "someone@" + "d" * 100 + ".test"
    )


def test_each_copy_is_rendered_in_its_recipients_language_not_the_senders(monkeypatch, settings):
    """The request or job that causes an email may run in any language: each copy is rendered in
    the recipient's language, or the site's default when theirs is not known (issue #24)."""
    seen: list[tuple[str, str | None]] = []
    render_parts = services._render  # every copy, sent or previewed, is rendered here

    def spy_render(template: str, context: dict[str, Any], **kwargs: Any) -> tuple[str, str, str]:
        seen.append(
            (context["recipient"].email, kwargs.get("language") or translation.get_language())
        )
        return render_parts(template, context, **kwargs)

    monkeypatch.setattr(services, "_render", spy_render)
    japanese = replace(ASSIGNEE, language="ja")
    with translation.override("fr"), transaction.atomic():
        send(replace(EXPIRY_REMINDER, recipients=[japanese, ADMIN]), at=AT)
    with translation.override("de"):
        render(EXPIRY_REMINDER, replace(ADMIN, language="es"))
        assert translation.get_language() == "de"  # the caller's language is left as it was
    assert seen == [
        (ASSIGNEE.email, "ja"),
        (ADMIN.email, settings.LANGUAGE_CODE),
        (ADMIN.email, "es"),
    ]
