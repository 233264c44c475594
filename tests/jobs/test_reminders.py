"""Reminder jobs (domain.md section 7): retirement milestones 30 and 7 days ahead, to every
affected organisation and only its own people; enrollment renewals 30 days ahead."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.jobs import reminders
from planserv.jobs.models import RunnerState
from planserv.jobs.reminders import Affected, RenewalDue
from planserv.jobs.services import clock_set
from planserv.notifications.messages import AtStake
from planserv.notifications.models import OutboxMessage
from tests.factories import accounts as account_factory
from tests.factories import customers as customer_factory

pytestmark = pytest.mark.django_db
JOB = Actor.system(label="job:test")
REMOVAL_MINUS_30 = dt.date(2021, 6, 1)  # removal is on Thursday 1 July 2021


@pytest.fixture
def people(persona, customer_org, partner_org):
    other_customer = account_factory.organisation("customer", name="Fabrikam")
    # Both customers have available days on an agreement: the removal takes them (customers).
    customer_factory.grant(customer_factory.agreement(customer_org, licensing_id="EA-WOOD-1"), 12)
    customer_factory.grant(customer_factory.agreement(other_customer, licensing_id="EA-FAB-1"), 5)
    return {
        "woodgrove_admin": persona("benefits_admin"),
        "woodgrove_pm": persona("project_manager"),
        "fabrikam_admin": persona("benefits_admin", other_customer),
        "partner_global": persona("global_admin"),
        "partner_admin": persona("partner_admin"),
        "partner_member": persona("member"),
        "operator": persona("program_admin"),
        "other_customer": other_customer,
    }


def outbox_for(email: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=email).order_by("pk"))


class TestMilestoneReminders:
    def test_30_days_before_the_removal_every_customer_is_told_only_about_itself(
        self, people, customer_org
    ):
        counts = reminders.milestone_reminders(REMOVAL_MINUS_30, JOB)
        assert counts == {"milestones": 1, "organisations": 2, "messages": 2}
        (woodgrove,) = outbox_for(people["woodgrove_admin"].email)
        (fabrikam,) = outbox_for(people["fabrikam_admin"].email)
        assert woodgrove.organisation_id == customer_org.pk
        assert fabrikam.organisation_id == people["other_customer"].pk
        assert "What Woodgrove Bank stands to lose" in woodgrove.body_text
        assert "Fabrikam" not in woodgrove.body_text and "Woodgrove" not in fabrikam.body_text
        assert woodgrove.subject == "In 30 days: Remaining days removed on Thursday 1 July 2021"
        assert "by Wednesday 30 June 2021" in woodgrove.body_text  # the last create day
        assert "<strong>Wednesday 30 June 2021</strong>" in woodgrove.body_html
        # project managers, partners and operators are not told about customers' days
        for name in ("woodgrove_pm", "partner_global", "partner_admin", "operator"):
            assert outbox_for(people[name].email) == []

    def test_customers_are_told_the_available_days_of_each_agreement_from_the_ledger(
        self, people, customer_org
    ):
        empty = account_factory.organisation("customer", name="Contoso Retail")
        account_factory.member(empty, "benefits_admin", email="benefits@contoso-retail.test")
        reminders.milestone_reminders(REMOVAL_MINUS_30, JOB)
        (woodgrove,) = outbox_for(people["woodgrove_admin"].email)
        assert (
            "- 12 days: available on agreement EA-WOOD-1, not in a voucher" in woodgrove.body_text
        )
        (fabrikam,) = outbox_for(people["fabrikam_admin"].email)
        assert "- 5 days: available on agreement EA-FAB-1" in fabrikam.body_text
        assert outbox_for("benefits@contoso-retail.test") == []  # nothing at stake: not told

    def test_7_days_before_too_and_no_other_day(self, people):
        assert reminders.milestone_reminders(dt.date(2021, 6, 24), JOB)["messages"] == 2
        assert reminders.milestone_reminders(dt.date(2021, 6, 2), JOB)["milestones"] == 0
        assert reminders.milestone_reminders(dt.date(2021, 6, 25), JOB)["milestones"] == 0

    def test_running_a_day_again_sends_nothing_new(self, people):
        reminders.milestone_reminders(REMOVAL_MINUS_30, JOB)
        again = reminders.milestone_reminders(REMOVAL_MINUS_30, JOB)
        assert again["messages"] == 0
        assert OutboxMessage.objects.count() == 2

    def test_what_is_at_stake_comes_from_the_customers_hook(
        self, people, customer_org, monkeypatch
    ):
        def stakes(milestone, day):
            return [
                Affected(customer_org.pk, (AtStake(120, "days", "available on agreement EA-1"),)),
                Affected(people["other_customer"].pk, ()),  # nothing at stake: not told
            ]

        monkeypatch.setattr(reminders, "customer_stakes", stakes)
        counts = reminders.milestone_reminders(REMOVAL_MINUS_30, JOB)
        assert counts["messages"] == 1
        (message,) = outbox_for(people["woodgrove_admin"].email)
        assert "- 120 days: available on agreement EA-1" in message.body_text
        assert "<strong>120 days</strong>" in message.body_html

    def test_partners_are_told_through_the_vouchers_hook(self, people, partner_org, monkeypatch):
        def stakes(milestone, day):
            return [Affected(partner_org.pk, (AtStake(2, "vouchers", "reserved, not redeemed"),))]

        monkeypatch.setattr(reminders, "partner_stakes", stakes)
        reminders.milestone_reminders(dt.date(2021, 12, 2), JOB)  # 30 days before 1 Jan 2022
        for name in ("partner_global", "partner_admin"):
            (message,) = outbox_for(people[name].email)
            assert message.organisation_id == partner_org.pk
            assert (
                "Deliver, report and redeem every voucher you hold by Saturday 1 January 2022."
                in message.body_text
            )
            assert "2 vouchers: reserved, not redeemed" in message.body_text
        assert outbox_for(people["partner_member"].email) == []

    def test_a_40_day_clock_jump_sends_each_reminder_once(self, people, pin_clock):
        start = dt.date(2021, 5, 25)
        pin_clock(start)
        RunnerState.objects.update_or_create(singleton=1, defaults={"completed_through": start})
        admin = actor_for_membership(people["operator"].membership)
        at = dt.datetime(2021, 5, 25, 9, 0, tzinfo=dt.UTC)
        clock_set(actor=admin, target=start + dt.timedelta(days=40), today=start, at=at)
        subjects = [m.subject for m in outbox_for(people["woodgrove_admin"].email)]
        assert subjects == [
            "In 30 days: Last day to create vouchers on Wednesday 30 June 2021",
            "In 30 days: Remaining days removed on Thursday 1 July 2021",
            "In 7 days: Last day to create vouchers on Wednesday 30 June 2021",
            "In 7 days: Remaining days removed on Thursday 1 July 2021",
        ]
        assert OutboxMessage.objects.count() == 8  # the same four for Fabrikam


class TestEnrollmentRenewalReminders:
    def test_global_admins_are_told_30_days_before_the_last_day_r_enr_1(
        self, people, partner_org, monkeypatch
    ):
        last_day = dt.date(2021, 7, 15)

        def ending(on):
            if on != last_day:
                return []
            return [RenewalDue(41, partner_org.pk, "DDPS", "Desktop Deployment", last_day)]

        monkeypatch.setattr(reminders, "enrollments_ending_on", ending)
        assert reminders.enrollment_renewal_reminders(dt.date(2021, 6, 14), JOB)["messages"] == 0
        counts = reminders.enrollment_renewal_reminders(dt.date(2021, 6, 15), JOB)
        assert counts == {"enrollments": 1, "messages": 1}
        (message,) = outbox_for(people["partner_global"].email)
        assert (
            message.subject == "Renew your Desktop Deployment enrollment by Thursday 15 July 2021"
        )
        assert (
            message.dedup_key
            == f"enrollment_renewal_due:41:2021-07-15:{people['partner_global'].email}"
        )
        for name in ("partner_admin", "partner_member", "woodgrove_admin"):
            assert outbox_for(people[name].email) == []
