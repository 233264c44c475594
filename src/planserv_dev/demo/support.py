"""Demo data of the support capability: queue agents, a second support login, FAQ entries beyond
the seeded ones, and support requests in each queue, built through the services."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from planserv.accounts.models import Membership
from planserv.accounts.selectors import actor_for_membership
from planserv.accounts.services import membership_grant, user_create
from planserv.core.actor import Actor
from planserv.core.types import Role
from planserv.support.attachments import AttachmentUpload
from planserv.support.models import SupportQueue, SupportRequest
from planserv.support.seed import EMEA_QUEUE, GENERAL_QUEUE
from planserv.support.services import (
    faq_entry_create,
    support_agent_assign,
    support_request_open,
    support_request_reply,
    support_request_set_status,
)
from planserv_dev.demo.accounts import organisation
from planserv_dev.demo.context import DEMO_PASSWORD, HISTORY_START, DemoContext

OPERATOR = "OP-0001"
EMEA_AGENT = ("emea@operator.demo", "Elena Emea")
BOTH_QUEUES_AGENT = "support@operator.demo"


def _actor(context: DemoContext, email: str, public_id: str) -> Actor:
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(user=context.users[email], organisation=organisation(context, public_id))
        .order_by("pk")
        .first()
    )
    assert membership is not None, f"demo login {email} has no membership in {public_id}"
    return actor_for_membership(membership)


def _agents(context: DemoContext) -> None:
    at = context.at(HISTORY_START)
    email, name = EMEA_AGENT
    user = user_create(
        email=email,
        full_name=name,
        password=DEMO_PASSWORD,
        actor=context.operator,
        at=at,
        today=HISTORY_START,
    )
    context.users[email] = user
    office = organisation(context, OPERATOR)
    membership_grant(
        user=user,
        organisation=office,
        role=Role.SUPPORT,
        actor=context.operator,
        at=at,
        today=HISTORY_START,
    )
    context.logins.append((email, office.name, Role.SUPPORT))
    queues = {queue.code: queue for queue in SupportQueue.objects.all()}
    assignments = [
        (BOTH_QUEUES_AGENT, EMEA_QUEUE),
        (BOTH_QUEUES_AGENT, GENERAL_QUEUE),
        (email, EMEA_QUEUE),
    ]
    for login, code in assignments:
        membership = Membership.objects.get(
            user=context.users[login], organisation=office, role=Role.SUPPORT
        )
        support_agent_assign(
            membership=membership,
            queue=queues[code],
            actor=context.operator,
            today=HISTORY_START,
            at=at,
        )


def _faq(context: DemoContext, day: dt.date) -> None:
    faq_entry_create(
        question="A voucher was assigned to me. What do I do with it?",
        answer_markdown=(
            "You received the voucher id by email. **Forward that email to the partner** "
            "your organisation chose: the partner validates the voucher with its id and your "
            "email address, reserves it and plans the engagement with you.\n\n"
            "The voucher must be reserved, delivered and redeemed within 180 days and by "
            "1 January 2022."
        ),
        audience_kinds=["customer"],
        audience_roles=[Role.PROJECT_MANAGER],
        order=45,
        actor=context.operator,
        today=day,
        at=context.at(day),
    )
    faq_entry_create(
        question="How are support requests routed?",
        answer_markdown=(
            "By the requesting organisation's country: the *country routes* in the admin map "
            "every EMEA country to **EMEA Partner Support**; any other country, and any country "
            "without a route, goes to **General Partner Support**. Agents are added to queues "
            "in the admin (*queue agents*)."
        ),
        audience_kinds=["operator"],
        order=90,
        actor=context.operator,
        today=day,
        at=context.at(day),
    )


def _at(context: DemoContext, day: dt.date, hours: int = 0) -> dt.datetime:
    return context.at(day) + dt.timedelta(hours=hours)


def _reply(
    context: DemoContext,
    item: SupportRequest,
    *,
    email: str,
    public_id: str,
    day: dt.date,
    hours: int,
    body: str,
    then_status: str | None = None,
) -> None:
    support_request_reply(
        support_request=item,
        body=body,
        then_status=then_status,
        actor=_actor(context, email, public_id),
        today=day,
        at=_at(context, day, hours),
    )


# The requests opened on the timeline, by a short name, for the events that follow them.
Opened = dict[str, SupportRequest]


def _contoso_answered_by_emea(context: DemoContext, opened: Opened) -> None:
    day = dt.date(2021, 6, 7)

    def open_it(day: dt.date) -> None:
        plan = SimpleUploadedFile(
            "engagement-timeline.txt",
            b"Windows and Office Deployment Planning, 5 days\n"
            b"Workshops 19-23 July 2021, report due 30 July 2021\n",
            content_type="text/plain",
        )
        opened["contoso"] = support_request_open(
            actor=_actor(context, "admin@contoso.demo", "P-100001"),
            today=day,
            at=_at(context, day),
            subject="Can we deliver in July a voucher assigned in June?",
            category="retirement",
            voucher_reference="7KQ-4M9-XR2",
            message=(
                "Litware assigned us a voucher this month. The workshops can only start on 19 "
                "July. Is the voucher still usable after the remaining days are removed on 1 "
                "July?\n\nOur planned timeline is attached."
            ),
            attachments=[AttachmentUpload.of(plan)],
        )

    def answer(day: dt.date) -> None:
        _reply(
            context,
            opened["contoso"],
            email=EMEA_AGENT[0],
            public_id=OPERATOR,
            day=day,
            hours=2,
            body=(
                "Yes. The removal on 1 July 2021 only takes days that are still available in the "
                "customer's pool; a voucher assigned by 30 June 2021 keeps its days. Reserve it "
                "now, deliver in July, and redeem it before it expires and by 1 January 2022 at "
                "the latest. You then have 60 days to request payment."
            ),
            then_status="waiting_on_requester",
        )

    context.on(day, "Contoso asks support", open_it)
    context.on(day + dt.timedelta(days=1), "EMEA support answers Contoso", answer)


def _fabrikam_open_in_general(context: DemoContext) -> None:
    def open_it(day: dt.date) -> None:
        support_request_open(
            actor=_actor(context, "admin@fabrikam.demo", "P-100002"),
            today=day,
            at=_at(context, day, 5),
            subject="Payment request for a voucher redeemed in May",
            category="payment",
            payment_request_reference="PR-2021-0412",
            message=(
                "We redeemed a voucher for Woodgrove Bank on 20 May 2021 and want to be sure our "
                "payment request is within the window. Until which day can we file it?"
            ),
        )

    context.on(dt.date(2021, 6, 14), "Fabrikam asks support", open_it)


def _northwind_open_in_emea(context: DemoContext) -> None:
    def open_it(day: dt.date) -> None:
        support_request_open(
            actor=_actor(context, "admin@northwind.demo", "P-100003"),
            today=day,
            at=_at(context, day) - dt.timedelta(hours=2),
            subject="Reserving a voucher whose expiry is after the last redemption day",
            category="vouchers",
            voucher_reference="9PL-2C7-QH4",
            message=(
                "Proseware's voucher expires on 20 December 2021 but the engagement could slip "
                "into January. Can we reserve it now and redeem after 1 January 2022?"
            ),
        )

    context.on(dt.date(2021, 6, 15), "Northwind asks support", open_it)


def _litware_resolved(context: DemoContext, opened: Opened) -> None:
    day = dt.date(2021, 5, 20)
    next_day = day + dt.timedelta(days=1)

    def open_and_answer(day: dt.date) -> None:
        opened["litware"] = item = support_request_open(
            actor=_actor(context, "benefits@litware.demo", "C-200002"),
            today=day,
            at=_at(context, day),
            subject="Do we still earn days this year?",
            category="retirement",
            message="Our agreement renews in September. Will it earn Planning Services days?",
        )
        _reply(
            context,
            item,
            email=BOTH_QUEUES_AGENT,
            public_id=OPERATOR,
            day=day,
            hours=4,
            body=(
                "No: accrual ended on 1 February 2021. The days you already have stay available "
                "until 30 June 2021 to create vouchers; remaining days are removed on 1 July 2021."
            ),
        )

    def thank_and_resolve(day: dt.date) -> None:
        item = opened["litware"]
        _reply(
            context,
            item,
            email="benefits@litware.demo",
            public_id="C-200002",
            day=day,
            hours=1,
            body="Thank you, we will create our vouchers before the end of June.",
        )
        support_request_set_status(
            support_request=item,
            status="resolved",
            actor=_actor(context, BOTH_QUEUES_AGENT, OPERATOR),
            today=day,
            at=_at(context, day, 3),
        )

    context.on(day, "Litware asks support and is answered", open_and_answer)
    context.on(next_day, "Litware thanks support; resolved", thank_and_resolve)


def build(context: DemoContext) -> None:
    """Agents for both queues (from the start), extra FAQ entries and requests in every status
    (on their days of the timeline)."""
    opened: Opened = {}
    _agents(context)
    context.on(dt.date(2021, 5, 3), "FAQ entries", lambda day: _faq(context, day))
    _litware_resolved(context, opened)
    _contoso_answered_by_emea(context, opened)
    _fabrikam_open_in_general(context)
    _northwind_open_in_emea(context)
