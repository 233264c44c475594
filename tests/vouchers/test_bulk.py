"""Operator bulk operations: expiry extension as a policy (R-EXT-1, R-RED-1) and reassignment
(R-VOU-1, R-VOU-5), each with a dry run that changes nothing and shows the plan applied later."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from planserv.accounts.models import Membership
from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError, Forbidden
from planserv.notifications.models import OutboxMessage
from planserv.program.models import PolicyExtension
from planserv.vouchers import voucher_id as voucher_ids
from planserv.vouchers.history import voucher_history_for
from planserv.vouchers.models import Voucher, VoucherExpiryExtension
from planserv.vouchers.rules import expiry_policies, expiry_policies_at_creation
from planserv.vouchers.services import (
    VoucherSelection,
    voucher_cancel,
    vouchers_extend_expiry_bulk,
    vouchers_reassign_bulk,
)
from tests.factories import accounts as account_factory
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2021, 6, 15)
LAST_REDEMPTION = D(2022, 1, 1)
REASON = "Customers lost six weeks to the office move; approved by the program board."


@pytest.fixture
def admin(persona):
    return factory.actor(persona("program_admin").membership)


def snapshot() -> dict[str, object]:
    """Everything a bulk operation could change."""
    return {
        "vouchers": sorted(
            Voucher.objects.values_list("voucher_id", "status", "expiry_date", "assignee_email")
        ),
        "extensions": VoucherExpiryExtension.objects.count(),
        "policies": PolicyExtension.objects.count(),
        "audit": AuditEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
    }


def extend(admin, selection, *, dry_run, extra_days=90, today=TODAY, reason=REASON):
    return vouchers_extend_expiry_bulk(
        selection=selection,
        extra_days=extra_days,
        reason=reason,
        name="Office move",
        dry_run=dry_run,
        actor=admin,
        today=today,
        at=factory.at(today),
    )


def ids(*vouchers: Voucher) -> VoucherSelection:
    return VoucherSelection(voucher_ids=tuple(v.display_id for v in vouchers))


def by_id(result) -> dict[str, object]:
    return {item.voucher_id: item for item in result.items}


class TestBulkExtension:
    def test_dry_run_changes_nothing_and_the_real_run_applies_the_same_plan_r_ext_1(self, admin):
        pool = factory.customer_pool()
        vouchers = [factory.assigned(pool, today=D(2021, 3, 1)) for _ in range(3)]
        before = snapshot()

        dry = extend(admin, ids(*vouchers), dry_run=True)

        assert snapshot() == before
        assert dry.dry_run and dry.changed == 3 and dry.refused == 0 and dry.policy_id is None
        real = extend(admin, ids(*vouchers), dry_run=False)
        assert real.items == dry.items
        assert (real.changed, real.refused, real.dry_run) == (3, 0, False)
        for voucher in vouchers:
            fresh = factory.fresh(voucher)
            assert fresh.expiry_date == voucher.expiry_date + dt.timedelta(days=90)
            assert by_id(real)[voucher.display_id].after == fresh.expiry_date.isoformat()
        policy = PolicyExtension.objects.get(pk=real.policy_id)
        assert (policy.kind, policy.extra_days, policy.reason) == ("expiry_extension", 90, REASON)
        assert VoucherExpiryExtension.objects.filter(policy=policy).count() == 3
        events = AuditEvent.objects.filter(action="vouchers.voucher.expiry_extended")
        assert events.count() == 3  # one per voucher
        assert {event.reason for event in events} == {REASON}
        assert AuditEvent.objects.filter(action="program.policyextension.applied").count() == 1

    def test_never_extends_past_the_last_redemption_day_r_red_1(self, admin):
        pool = factory.customer_pool()
        late = factory.assigned(pool, today=D(2021, 6, 30))  # usable through 27 Dec 2021
        result = extend(admin, ids(late), dry_run=False, today=D(2021, 6, 30))
        item = result.items[0]
        assert item.outcome == "change" and item.after == "2022-01-01"
        assert "capped at the last redemption day, +5 days" in item.message
        assert factory.fresh(late).expiry_date == LAST_REDEMPTION

        again = extend(admin, ids(late), dry_run=False, today=D(2021, 6, 30))
        assert again.items[0].code == "extension_past_last_redemption_day"
        assert again.policy_id is None  # nothing changed: no policy recorded
        assert factory.fresh(late).expiry_date == LAST_REDEMPTION

    def test_after_the_last_redemption_day_every_voucher_is_refused_r_red_1(self, admin):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 6, 30))
        day = D(2022, 1, 2)
        result = extend(admin, ids(voucher), dry_run=True, today=day)
        assert result.items[0].code in {"after_last_redemption_day", "voucher_expired"}

    def test_refusals_are_listed_per_voucher_and_the_others_still_change(self, admin):
        pool = factory.customer_pool()
        firm = factory.eligible_firm()
        good = factory.assigned(pool, today=D(2021, 3, 1))
        redeemed = factory.assigned(pool, today=D(2021, 3, 1))
        factory.reserved(redeemed, firm, today=D(2021, 3, 2))
        factory.delivered(redeemed, firm, today=D(2021, 3, 10))
        factory.redeemed(redeemed, firm, today=D(2021, 3, 12))
        cancelled = factory.assigned(pool, today=D(2021, 3, 1))
        voucher_cancel(
            voucher=cancelled,
            actor=pool.admin_actor,
            today=D(2021, 3, 5),
            at=factory.at(D(2021, 3, 5)),
        )
        expired_by_date = factory.assigned(pool, today=D(2020, 12, 1))  # through 30 May 2021
        unknown = voucher_ids.display(voucher_ids.generate())
        selection = VoucherSelection(
            voucher_ids=(
                good.display_id,
                redeemed.display_id,
                cancelled.display_id,
                expired_by_date.display_id,
                unknown,
                "NOT-A-VOUCHER",
            )
        )
        result = extend(admin, selection, dry_run=False)
        codes = {item.voucher_id: item.code for item in result.items}
        assert codes == {
            good.display_id: "",
            redeemed.display_id: "already_redeemed",
            cancelled.display_id: "voucher_cancelled",
            expired_by_date.display_id: "voucher_expired",
            unknown: "voucher_not_found",
            "NOT-A-VOUCHER": "invalid_voucher_id",
        }
        assert all(item.message for item in result.items if item.outcome == "refused")
        assert (result.changed, result.refused) == (1, 5)
        assert factory.fresh(good).expiry_date == good.expiry_date + dt.timedelta(days=90)
        for untouched in (redeemed, cancelled, expired_by_date):
            assert factory.fresh(untouched).expiry_date == untouched.expiry_date

    def test_filters_select_by_customer_status_type_and_expiry_range(self, admin):
        pool, other = factory.customer_pool(), factory.customer_pool()
        firm = factory.eligible_firm()
        early = factory.assigned(pool, today=D(2021, 3, 1))  # through 28 Aug 2021
        later = factory.assigned(pool, today=D(2021, 5, 3))  # through 30 Oct 2021
        reserved = factory.assigned(pool, today=D(2021, 3, 1))
        factory.reserved(reserved, firm, today=D(2021, 3, 2))
        foreign = factory.assigned(other, today=D(2021, 3, 1))

        def selected(**filters) -> set[str]:
            result = extend(admin, VoucherSelection(**filters), dry_run=True)
            return {item.voucher_id for item in result.items}

        customer = pool.customer.public_id
        assert selected(customer=customer) == {v.display_id for v in (early, later, reserved)}
        assert selected(customer=customer, statuses=("reserved",)) == {reserved.display_id}
        assert selected(customer=customer, expiry_to=D(2021, 9, 1)) == {
            early.display_id,
            reserved.display_id,
        }
        assert selected(expiry_from=D(2021, 10, 1), expiry_to=D(2021, 10, 31)) == {later.display_id}
        assert foreign.display_id in selected(engagement_type=factory.TYPE)
        assert selected(engagement_type="no-such-type") == set()

    @pytest.mark.parametrize(
        ("selection", "code"),
        [
            (VoucherSelection(), "invalid_selection"),
            (VoucherSelection(voucher_ids=("X",), customer="C-1"), "invalid_selection"),
        ],
    )
    def test_refuses_an_unbounded_or_ambiguous_selection(self, admin, selection, code):
        with pytest.raises(DomainError) as raised:
            extend(admin, selection, dry_run=True)
        assert raised.value.code == code

    def test_reason_and_days_are_required(self, admin):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        with pytest.raises(DomainError) as raised:
            extend(admin, ids(voucher), dry_run=False, reason="because")
        assert raised.value.code == "reason_required"
        with pytest.raises(DomainError) as raised:
            extend(admin, ids(voucher), dry_run=False, extra_days=0)
        assert raised.value.code == "invalid_selection"

    @pytest.mark.parametrize("role", ["auditor", "support", "payment_reviewer", "benefits_admin"])
    def test_only_a_program_admin_extends_r_role_1(self, persona, role):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        someone = factory.actor(persona(role).membership)
        before = snapshot()
        with pytest.raises(Forbidden):
            extend(someone, ids(voucher), dry_run=False)
        assert snapshot() == before

    def test_the_bulk_policy_is_never_applied_again_by_the_job_or_at_creation(self, admin):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        result = extend(admin, ids(voucher), dry_run=False)
        assert not expiry_policies().filter(pk=result.policy_id).exists()
        assert result.policy_id not in {p.pk for p in expiry_policies_at_creation(TODAY)}

    def test_the_voucher_history_shows_the_extension_once(self, admin):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        extend(admin, ids(voucher), dry_run=False)
        entries = [e for e in voucher_history_for(actor=admin, voucher=factory.fresh(voucher))]
        extended = [e for e in entries if e.action == "expiry_extended"]
        assert len(extended) == 1
        assert extended[0].title == "Expiry extended by 90 days"
        assert "26 November 2021" in extended[0].detail and REASON in extended[0].detail


def reassign(admin, selection, email, *, dry_run, reason=REASON):
    return vouchers_reassign_bulk(
        selection=selection,
        assignee_email=email,
        reason=reason,
        dry_run=dry_run,
        actor=admin,
        today=TODAY,
        at=factory.at(TODAY),
    )


class TestBulkReassign:
    def test_dry_run_changes_nothing_then_the_reassignment_is_audited_and_emailed(self, admin):
        pool = factory.customer_pool()
        vouchers = [factory.assigned(pool, today=D(2021, 3, 1)) for _ in range(2)]
        new = account_factory.member(pool.customer, "project_manager")
        before = snapshot()

        dry = reassign(admin, ids(*vouchers), new.user.email, dry_run=True)
        assert snapshot() == before
        assert dry.changed == 2

        real = reassign(admin, ids(*vouchers), new.user.email, dry_run=False)
        assert real.items == dry.items
        for voucher in vouchers:
            fresh = factory.fresh(voucher)
            assert (fresh.assignee_id, fresh.assignee_email) == (new.user_id, new.user.email)
            event = AuditEvent.objects.get(
                action="vouchers.voucher.reassigned", subject_id=str(voucher.pk)
            )
            assert event.before == {"assignee": pool.manager_email}
            assert event.after["assignee"] == new.user.email
            assert event.reason == REASON
            assert OutboxMessage.objects.filter(
                to_email=new.user.email,
                template="voucher_assigned",
                dedup_key__contains=voucher.display_id,
            ).exists()
        history = voucher_history_for(actor=admin, voucher=factory.fresh(vouchers[0]))
        assert any(entry.title == "Reassigned" for entry in history)

    def test_refuses_a_foreign_project_manager_the_same_assignee_and_final_vouchers_r_vou_1(
        self, admin
    ):
        pool, other = factory.customer_pool(), factory.customer_pool()
        firm = factory.eligible_firm()
        mine = factory.assigned(pool, today=D(2021, 3, 1))
        theirs = factory.assigned(other, today=D(2021, 3, 1))
        done = factory.assigned(pool, today=D(2021, 3, 1))
        factory.reserved(done, firm, today=D(2021, 3, 2))
        factory.delivered(done, firm, today=D(2021, 3, 10))
        factory.redeemed(done, firm, today=D(2021, 3, 12))
        same = reassign(admin, ids(mine), pool.manager_email, dry_run=False)
        assert same.items[0].code == "assignee_unchanged"
        foreign_pm = Membership.objects.get(pk=other.manager.pk).user.email
        result = reassign(admin, ids(mine, theirs, done), foreign_pm, dry_run=False)
        codes = {item.voucher_id: item.code for item in result.items}
        assert codes == {
            mine.display_id: "invalid_assignee",  # a project manager of another customer
            theirs.display_id: "assignee_unchanged",
            done.display_id: "already_redeemed",
        }
        assert factory.fresh(mine).assignee_email == pool.manager_email

    def test_only_a_program_admin_reassigns(self, persona):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        auditor = factory.actor(persona("auditor").membership)
        with pytest.raises(Forbidden):
            reassign(auditor, ids(voucher), pool.manager_email, dry_run=True)

    def test_a_selection_of_many_vouchers_is_refused_past_the_limit(self, admin, monkeypatch):
        from planserv.vouchers.services import bulk

        pool = factory.customer_pool()
        vouchers = [factory.assigned(pool, today=D(2021, 3, 1), days=1) for _ in range(3)]
        monkeypatch.setattr(bulk, "MAX_SELECTION", 2)
        with pytest.raises(DomainError) as raised:
            reassign(admin, ids(*vouchers), pool.manager_email, dry_run=True)
        assert raised.value.code == "invalid_selection"
        assert replace(VoucherSelection(), customer="x").has_filters


def test_a_dry_run_makes_the_same_number_of_queries_for_1_and_100_vouchers_perf_4(admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pool = factory.customer_pool(days=120)
    selection = VoucherSelection(customer=pool.customer.public_id)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            extend(admin, selection, dry_run=True)
        return len(captured.captured_queries)

    factory.assigned(pool, today=D(2021, 3, 1), days=1)
    one = queries()
    for _ in range(99):
        factory.assigned(pool, today=D(2021, 3, 1), days=1)
    assert queries() == one
    assert extend(admin, selection, dry_run=True).changed == 100
