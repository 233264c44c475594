"""Service tests of the voucher lifecycle: state + ledger + audit + outbox for each act."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage

from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.customers.selectors import agreement_balances
from planserv.jobs.reminders import milestone_reminders
from planserv.notifications.models import OutboxMessage
from planserv.program.models import PolicyExtension, PolicyKind
from planserv.vouchers.models import (
    CompletionReport,
    Deliverable,
    Reservation,
    VoucherExpiryExtension,
)
from planserv.vouchers.services import (
    Upload,
    voucher_cancel,
    voucher_change_start_date,
    voucher_release,
    vouchers_extend_expiry_due,
    vouchers_remind_expiry,
)
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date
JOB = Actor.system(label="daily jobs")


def balances(pool: factory.Pool) -> dict[str, int]:
    pool.agreement.refresh_from_db()
    return agreement_balances(pool.agreement)


def outbox(template: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(template=template).order_by("pk"))


class TestCreateAndAssign:
    def test_moves_the_days_to_held_audits_and_emails_the_assignee_r_vou_2_r_vou_5(self):
        pool = factory.customer_pool(days=20)
        voucher = factory.assigned(pool, today=D(2021, 3, 1), days=5)
        assert (voucher.status, voucher.assigned_on) == ("assigned", D(2021, 3, 1))
        assert voucher.expiry_date == D(2021, 8, 28)  # R-VOU-6: 180 days
        assert (balances(pool)["available"], balances(pool)["held"]) == (15, 5)
        event = AuditEvent.objects.get(action="vouchers.voucher.created_and_assigned")
        assert event.after["voucher_id"] == voucher.voucher_id
        (mail,) = outbox("voucher_assigned")
        assert mail.to_email == pool.manager_email
        assert voucher.display_id in mail.body_text and "28 August 2021" in mail.body_text

    def test_a_voucher_outlives_its_agreement_r_vou_6(self):
        pool = factory.customer_pool(end_date=D(2021, 3, 31))
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        assert voucher.expiry_date > pool.agreement.end_date

    def test_the_cap_counts_live_and_redeemed_vouchers_of_one_group_r_cap_1(self):
        pool = factory.customer_pool(days=100)
        firm = factory.eligible_firm()
        redeemed = factory.assigned(pool, days=10, division="Retail")
        factory.reserved(redeemed, firm)
        factory.delivered(redeemed, firm)
        factory.redeemed(redeemed, firm)
        factory.assigned(pool, days=5, division="  retail ")  # same group: 15 days
        with pytest.raises(DomainError) as refused:
            factory.assigned(pool, days=1, division="RETAIL")
        assert refused.value.code == "engagement_type_cap_exceeded"
        factory.assigned(pool, days=10, division="Retail", product_scope="Branches")  # other scope
        factory.assigned(pool, days=15, division="Wholesale")  # other division

    def test_an_expired_or_cancelled_voucher_no_longer_counts_towards_the_cap_r_cap_1(self):
        pool = factory.customer_pool(days=100)
        old = factory.assigned(pool, today=D(2020, 6, 1), days=15, division="")
        cancelled = factory.assigned(pool, today=D(2021, 1, 4), days=15, division="x")
        voucher_cancel(
            voucher=cancelled,
            actor=pool.admin_actor,
            today=D(2021, 1, 5),
            at=factory.at(D(2021, 1, 5)),
        )
        assert old.expiry_date < D(2021, 3, 1)  # expired by its date, swept or not
        factory.assigned(pool, today=D(2021, 3, 1), days=15, division="")
        factory.assigned(pool, today=D(2021, 3, 1), days=15, division="x")

    def test_a_policy_still_open_at_creation_extends_at_once_r_ext_1(self):
        PolicyExtension.objects.create(
            kind=PolicyKind.EXPIRY_EXTENSION,
            name="Spring extension",
            reason="test",
            created_before=D(2021, 5, 1),
            live_on=D(2021, 4, 1),
            extra_days=30,
            effective_from=D(2021, 4, 1),
        )
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 4, 10))
        assert voucher.base_expiry_date == D(2021, 10, 7)
        assert voucher.expiry_date == D(2021, 11, 6)
        assert VoucherExpiryExtension.objects.get(voucher=voucher).applied_by == "creation"
        later = factory.assigned(pool, today=D(2021, 5, 1))
        assert later.expiry_date == later.base_expiry_date


class TestPolicyExtensionJob:
    def test_vouchers_created_before_and_live_on_1_april_2020_get_90_days_r_ext_1(self):
        pool = factory.customer_pool(days=100)
        firm = factory.eligible_firm(enrolled_on=D(2019, 12, 2))
        live = factory.assigned(pool, today=D(2020, 1, 6))
        reserved = factory.assigned(pool, today=D(2020, 3, 2))
        factory.reserved(reserved, firm, today=D(2020, 3, 3))
        expired = factory.assigned(pool, today=D(2019, 10, 1))  # usable through 2020-03-29
        cancelled = factory.assigned(pool, today=D(2020, 2, 3))
        voucher_cancel(
            voucher=cancelled,
            actor=pool.admin_actor,
            today=D(2020, 2, 4),
            at=factory.at(D(2020, 2, 4)),
        )
        counts = vouchers_extend_expiry_due(
            as_of=D(2020, 4, 1), actor=JOB, at=factory.at(D(2020, 4, 1))
        )
        assert counts == {"policies": 1, "vouchers": 2}
        assert factory.fresh(live).expiry_date == D(2020, 7, 4) + dt.timedelta(days=90)
        assert factory.fresh(reserved).expiry_date == D(2020, 8, 29) + dt.timedelta(days=90)
        assert factory.fresh(expired).expiry_date == D(2020, 3, 29)
        assert factory.fresh(cancelled).expiry_date == cancelled.expiry_date
        assert AuditEvent.objects.filter(action="vouchers.expiry.extended").count() == 1
        again = vouchers_extend_expiry_due(
            as_of=D(2020, 4, 1), actor=JOB, at=factory.at(D(2020, 4, 1))
        )
        assert again == {"policies": 1, "vouchers": 0}
        assert factory.fresh(live).expiry_date == D(2020, 10, 2)

    def test_nothing_happens_on_other_days(self):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2020, 1, 6))
        vouchers_extend_expiry_due(as_of=D(2020, 4, 2), actor=JOB, at=factory.at(D(2020, 4, 2)))
        assert factory.fresh(voucher).expiry_date == voucher.expiry_date


class TestReserve:
    def test_snapshots_eligibility_and_location_and_emails_the_customer_r_res_2(self):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool)
        reservation = factory.reserved(voucher, firm, today=D(2021, 3, 2), start=D(2021, 3, 9))
        voucher = factory.fresh(voucher)
        assert (voucher.status, voucher.holder_id) == ("reserved", firm.organisation.pk)
        snapshot = reservation.eligibility_snapshot
        assert snapshot["eligible"] is True and snapshot["rule"] == "R-ENR-2"
        assert snapshot["checked_on"] == "2021-03-02"
        assert snapshot["location"]["location_id"] == firm.location.location_id
        assert snapshot["competency"]["code"] == "windows-and-devices"
        recipients = {mail.to_email for mail in outbox("voucher_reserved")}
        assert recipients == {pool.manager_email, pool.admin.user.email}
        assert AuditEvent.objects.filter(action="vouchers.voucher.reserved").count() == 1

    def test_only_the_nominated_partner_may_reserve(self):
        pool = factory.customer_pool()
        chosen, other = factory.eligible_firm(), factory.eligible_firm()
        voucher = factory.assigned(pool, nominated_partner=chosen.organisation.public_id)
        with pytest.raises(DomainError) as refused:
            factory.reserved(voucher, other)
        assert refused.value.code == "nominated_partner_only"
        factory.reserved(voucher, chosen)

    def test_change_of_start_date_is_emailed_r_res_4(self):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool)
        factory.reserved(voucher, firm)
        reservation = voucher_change_start_date(
            voucher=factory.fresh(voucher),
            start_date=D(2021, 4, 1),
            actor=firm.admin_actor,
            today=D(2021, 3, 5),
            at=factory.at(D(2021, 3, 5)),
        )
        assert reservation.start_date == D(2021, 4, 1)
        assert len(outbox("voucher_date_changed")) == 2

    def test_release_returns_to_assigned_with_the_same_expiry_and_voids_the_report_r_res_4(self):
        pool = factory.customer_pool()
        firm, other = factory.eligible_firm(), factory.eligible_firm()
        voucher = factory.assigned(pool)
        factory.reserved(voucher, firm)
        report = factory.delivered(voucher, firm)
        released = voucher_release(
            voucher=factory.fresh(voucher),
            actor=firm.admin_actor,
            today=D(2021, 3, 11),
            at=factory.at(D(2021, 3, 11)),
        )
        assert (released.status, released.holder_id, released.reserved_at) == (
            "assigned",
            None,
            None,
        )
        assert released.expiry_date == voucher.expiry_date
        report.refresh_from_db()
        assert report.voided_at is not None
        assert not Reservation.objects.filter(voucher=voucher, is_active=True).exists()
        assert balances(pool)["held"] == voucher.days
        assert len(outbox("voucher_released")) == 2
        factory.reserved(voucher, other, today=D(2021, 3, 12))  # any partner may reserve it now


class TestReport:
    def test_files_are_stored_under_a_generated_name_never_the_clients_r_del_2(self):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool)
        factory.reserved(voucher, firm)
        report = factory.delivered(
            voucher,
            firm,
            uploads=[
                Upload("../../etc/passwd.pdf", factory.pdf_bytes()),
                Upload("Plan v2.docx", factory.docx_bytes()),
            ],
        )
        files = list(Deliverable.objects.filter(report=report).order_by("pk"))
        assert [f.original_name for f in files] == ["passwd.pdf", "Plan v2.docx"]
        assert [f.extension for f in files] == ["pdf", "docx"]
        for item in files:
            assert item.storage_name.startswith("vouchers/deliverables/")
            assert "passwd" not in item.storage_name and "Plan" not in item.storage_name
            assert default_storage.exists(item.storage_name)
        assert report.receipt_number == f"RC-{voucher.voucher_id}-1"
        assert factory.fresh(voucher).status == "delivered"

    def test_offsite_days_above_three_need_a_waiver_on_the_end_date_r_del_2(self):
        pool = factory.customer_pool(days=50)
        firm = factory.eligible_firm(enrolled_on=D(2020, 1, 6))
        covered = factory.assigned(pool, today=D(2020, 5, 4), days=10)
        factory.reserved(covered, firm, today=D(2020, 5, 5))
        report = factory.delivered(covered, firm, today=D(2020, 6, 30), offsite=8)
        assert report.offsite_waiver is not None
        late = factory.assigned(pool, today=D(2020, 6, 1), days=10)
        factory.reserved(late, firm, today=D(2020, 6, 2))
        with pytest.raises(DomainError) as refused:
            factory.delivered(late, firm, today=D(2020, 7, 1), offsite=4)
        assert refused.value.code == "offsite_days_exceeded"
        factory.delivered(late, firm, today=D(2020, 7, 1), offsite=3)

    def test_a_second_report_after_a_release_gets_a_new_receipt(self):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool)
        factory.reserved(voucher, firm)
        factory.delivered(voucher, firm)
        voucher_release(
            voucher=factory.fresh(voucher),
            actor=firm.admin_actor,
            today=D(2021, 3, 11),
            at=factory.at(D(2021, 3, 11)),
        )
        factory.reserved(voucher, firm, today=D(2021, 3, 12))
        second = factory.delivered(voucher, firm, today=D(2021, 3, 15))
        assert second.receipt_number == f"RC-{voucher.voucher_id}-2"
        assert CompletionReport.objects.filter(voucher=voucher).count() == 2


class TestRedeem:
    def test_moves_held_to_consumed_and_emails_the_customer_r_red_1(self):
        pool = factory.customer_pool(days=20)
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool, days=10)
        factory.reserved(voucher, firm)
        factory.delivered(voucher, firm)
        redeemed = factory.redeemed(voucher, firm, today=D(2021, 3, 12))
        assert (redeemed.status, redeemed.redeemed_on) == ("redeemed", D(2021, 3, 12))
        assert redeemed.redeemed_location_id == firm.location.pk
        assert (balances(pool)["held"], balances(pool)["consumed"]) == (0, 10)
        assert {m.to_email for m in outbox("voucher_redeemed")} == {
            pool.manager_email,
            pool.admin.user.email,
        }

    def test_redeemed_is_final_r_red_3(self):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        voucher = factory.assigned(pool)
        factory.reserved(voucher, firm)
        factory.delivered(voucher, firm)
        factory.redeemed(voucher, firm)
        for act in (
            lambda: factory.redeemed(voucher, firm, today=D(2021, 3, 13)),
            lambda: voucher_release(
                voucher=factory.fresh(voucher),
                actor=firm.admin_actor,
                today=D(2021, 3, 13),
                at=factory.at(D(2021, 3, 13)),
            ),
            lambda: voucher_cancel(
                voucher=factory.fresh(voucher),
                actor=pool.admin_actor,
                today=D(2021, 3, 13),
                at=factory.at(D(2021, 3, 13)),
            ),
            lambda: factory.reserved(voucher, factory.eligible_firm(), today=D(2021, 3, 13)),
        ):
            with pytest.raises(DomainError) as refused:
                act()
            assert refused.value.code == "already_redeemed"


class TestCancel:
    def test_returns_the_days_before_the_removal_date_r_vou_7(self):
        pool = factory.customer_pool(days=20)
        voucher = factory.assigned(pool, days=5)
        cancelled = voucher_cancel(
            voucher=voucher,
            actor=pool.admin_actor,
            today=D(2021, 3, 5),
            at=factory.at(D(2021, 3, 5)),
        )
        assert (cancelled.status, cancelled.days_outcome) == ("cancelled", "returned")
        assert (balances(pool)["available"], balances(pool)["held"]) == (20, 0)
        assert AuditEvent.objects.filter(action="vouchers.voucher.cancelled").count() == 1


class TestReminders:
    def test_30_and_7_days_before_expiry_to_the_customer_and_the_reserving_partner(self):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        assigned = factory.assigned(pool, today=D(2021, 3, 1))  # expires 2021-08-28
        held = factory.assigned(pool, today=D(2021, 3, 1))
        factory.reserved(held, firm)
        day = assigned.expiry_date - dt.timedelta(days=30)
        counts = vouchers_remind_expiry(day=day, actor=JOB, at=factory.at(day))
        assert counts["vouchers"] == 2
        mails = outbox("voucher_expiry_reminder")
        to = sorted(m.to_email for m in mails)
        assert to.count(pool.manager_email) == 2 and firm.admin.user.email in to
        assert vouchers_remind_expiry(day=day, actor=JOB, at=factory.at(day))["messages"] == 0
        week = assigned.expiry_date - dt.timedelta(days=7)
        assert vouchers_remind_expiry(day=week, actor=JOB, at=factory.at(week))["messages"] > 0
        other = assigned.expiry_date - dt.timedelta(days=8)
        assert vouchers_remind_expiry(day=other, actor=JOB, at=factory.at(other))["vouchers"] == 0


class TestMilestoneStakes:
    def test_firms_holding_vouchers_hear_of_the_last_redemption_day_with_their_stake(self):
        pool = factory.customer_pool()
        firm = factory.eligible_firm(enrolled_on=D(2021, 6, 1))
        voucher = factory.assigned(pool, today=D(2021, 6, 30), days=10)
        factory.reserved(voucher, firm, today=D(2021, 7, 1))
        idle = factory.eligible_firm()
        day = D(2022, 1, 1) - dt.timedelta(days=30)
        milestone_reminders(day, JOB)
        (mail,) = [
            m
            for m in outbox("milestone_reminder")
            if m.organisation_id in (firm.organisation.pk, idle.organisation.pk)
        ]
        assert mail.to_email == firm.admin.user.email
        assert (
            "- 1 vouchers: reserved or delivered by your firm and not redeemed yet (10 days)"
            in (mail.body_text)
        )
