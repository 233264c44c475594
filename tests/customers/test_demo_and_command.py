"""The demo's customer agreements and ledgers, the removal when the clock passes 2021-07-01, and
`planserv ledger check` (issue: demo data; done criteria)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from planserv.accounts.models import Membership
from planserv.customers.models import LedgerEntry, LicensingAgreement, TrainingConversion
from planserv.customers.selectors import agreement_balances, ledger_reconcile
from planserv_dev.demo.builder import build_demo
from tests.conftest import ApiClient

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
DEMO_DATE = dt.date(2021, 6, 15)


@pytest.fixture
def demo():
    return build_demo(today=DEMO_DATE)


def balances_by_id():
    return {
        a.licensing_id: agreement_balances(a)
        for a in LicensingAgreement.objects.prefetch_related("ledger_accounts")
    }


def returned_by_expiry(*, after: dt.date, through: dt.date) -> dict[str, int]:
    """Days that expired vouchers returned to each agreement's pool between the two dates."""
    returned: dict[str, int] = {}
    for licensing_id, days in LedgerEntry.objects.filter(
        cause="expiry",
        destination__kind="available",
        effective_date__gt=after,
        effective_date__lte=through,
    ).values_list("agreement__licensing_id", "days"):
        returned[licensing_id] = returned.get(licensing_id, 0) + days
    return returned


class TestDemoAgreements:
    def test_each_demo_customer_has_agreements_of_different_types_and_pools(self, demo):
        agreements = LicensingAgreement.objects.select_related("customer").prefetch_related(
            "coverage_lines"
        )
        by_customer = {}
        for agreement in agreements:
            by_customer.setdefault(agreement.customer.public_id, []).append(agreement)
        assert set(by_customer) == {"C-200001", "C-200002", "C-200003"}
        assert len({a.agreement_type for a in agreements}) == 4
        assert {line.product_pool for a in agreements for line in a.coverage_lines.all()} == {
            "applications",
            "systems",
            "servers",
            "dynamics",
        }
        assert any(a.end_date < dt.date(2021, 7, 1) for a in agreements)
        assert [a.licensing_id for a in agreements if not a.is_activated] == ["SEL-WG-2019-07"]

    def test_ledgers_show_accrual_from_2019_and_conversions_before_the_conversion_end(self, demo):
        accruals = LedgerEntry.objects.filter(cause="accrual")
        assert min(e.effective_date for e in accruals).year == 2019
        assert max(e.effective_date for e in accruals) < dt.date(2021, 2, 1)
        conversions = TrainingConversion.objects.all()
        assert conversions and all(c.converted_on < dt.date(2020, 2, 1) for c in conversions)
        assert not LedgerEntry.objects.filter(cause="removal").exists()
        assert ledger_reconcile() == []

    def test_pinning_the_clock_to_the_removal_date_removes_every_available_day_once(self, demo):
        before = balances_by_id()
        admin = Membership.objects.get(user__email="admin@operator.demo")
        api = ApiClient(admin)
        response = api.post("/clock", {"date": "2021-07-01"})
        assert response.status_code == 200
        runs = {(run["job"], run["program_day"]): run for run in response.json()["job_runs"]}
        removal = runs[("customers.removal", "2021-07-01")]
        assert removal["status"] == "succeeded"
        # Vouchers expiring before the removal date return their days first (R-EXP-1); the
        # removal then takes those too.
        returned = returned_by_expiry(after=DEMO_DATE, through=dt.date(2021, 7, 1))
        expected = {key: b["available"] + returned.get(key, 0) for key, b in before.items()}
        assert removal["counts"]["entries"] == sum(1 for days in expected.values() if days)
        after = balances_by_id()
        for licensing_id, balances in after.items():
            assert balances["available"] == 0
            assert balances["removed"] == expected[licensing_id]
        api.post("/clock", {"advance_days": 3})
        assert balances_by_id() == after
        assert ledger_reconcile() == []


class TestLedgerCommand:
    def test_ledger_check_reports_clean_on_the_demo_data(self, demo):
        output = StringIO()
        call_command("ledger", "check", stdout=output)
        assert output.getvalue().startswith("Ledger clean: 5 agreements")

    def test_ledger_check_prints_what_is_wrong_and_exits_1(self, demo):
        from django.db import transaction

        from planserv.customers.models import LedgerAccount

        output = StringIO()
        ended = LicensingAgreement.objects.get(licensing_id="OV-LW-2019-03")
        available = agreement_balances(ended)["available"]  # what its entries sum to
        with transaction.atomic():
            LedgerAccount.objects.filter(
                agreement__licensing_id="OV-LW-2019-03", kind="available"
            ).update(balance=1)
            with pytest.raises(SystemExit) as exited:
                call_command("ledger", "check", stdout=output)
            transaction.set_rollback(True)
        assert exited.value.code == 1
        assert (
            "OV-LW-2019-03: R-LED-3 the stored available balance is 1 but its entries sum to "
            f"{available}" in output.getvalue()
        )


def test_the_demo_customer_has_a_switched_off_webhook_with_its_events_waiting(demo):
    from planserv.webhooks.models import SubscriptionStatus, WebhookSubscription

    (subscription,) = WebhookSubscription.objects.all()
    assert subscription.organisation.name == "Woodgrove Bank"
    assert subscription.status == SubscriptionStatus.PAUSED
    events = set(subscription.deliveries.values_list("event_type", flat=True))
    assert {"voucher.assigned", "voucher.reserved", "voucher.redeemed"} <= events
    assert not subscription.deliveries.exclude(status="pending").exists()
