"""The days ledger: ledger_move, ledger_move_batch, the database guards and the reconciliation
(R-LED-1, R-LED-2, R-LED-3; STYLE.md principle 4)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from planserv.audit.models import AuditEvent
from planserv.customers.errors import InsufficientDays, InvalidDays, LedgerKeyReused
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.models import LedgerAccount, LedgerEntry
from planserv.customers.selectors import agreement_balances, ledger_reconcile
from planserv.customers.services import Movement, ledger_move, ledger_move_batch
from tests.customers.ledger_checks import assert_ledger_consistent
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
DAY = dt.date(2020, 3, 2)


def hold(agreement, days, key, **overrides):
    arguments = {
        "agreement": agreement,
        "source": AccountKind.AVAILABLE,
        "destination": AccountKind.HELD,
        "days": days,
        "cause": EntryCause.VOUCHER,
        "cause_id": "V-TEST",
        "effective_date": DAY,
        "idempotency_key": key,
        "actor": factory.OPERATOR,
        "at": factory.at(DAY),
    }
    arguments.update(overrides)
    with transaction.atomic():
        return ledger_move(**arguments)


class TestLedgerMove:
    def test_moves_days_and_updates_both_balances_in_the_same_transaction_r_led_3(self):
        agreement = factory.agreement()
        factory.grant(agreement, 12)
        entry = hold(agreement, 5, "hold-1")
        balances = agreement_balances(agreement)
        assert (balances["available"], balances["held"], balances["issued"]) == (7, 5, -12)
        assert (entry.source.kind, entry.destination.kind, entry.days) == ("available", "held", 5)
        assert_ledger_consistent()

    def test_refuses_to_overdraw_naming_account_balance_and_amount_r_led_2(self):
        agreement = factory.agreement()
        factory.grant(agreement, 4)
        with pytest.raises(InsufficientDays) as refused:
            hold(agreement, 5, "hold-2")
        assert refused.value.code == "insufficient_days"
        assert refused.value.http_status == 422
        assert refused.value.details == {
            "licensing_id": agreement.licensing_id,
            "account": "available",
            "balance": 4,
            "days": 5,
        }
        assert (
            "4 available days" in refused.value.message and "5 are needed" in refused.value.message
        )
        assert agreement_balances(agreement)["available"] == 4
        assert not LedgerEntry.objects.filter(idempotency_key="hold-2").exists()

    @pytest.mark.parametrize("days", [0, -3])
    def test_refuses_a_non_positive_amount(self, days):
        agreement = factory.agreement()
        factory.grant(agreement, 4)
        with pytest.raises(InvalidDays):
            hold(agreement, days, "hold-3")
        assert LedgerEntry.objects.filter(cause=EntryCause.VOUCHER).count() == 0

    def test_a_repeat_with_the_same_key_returns_the_first_entry_and_moves_nothing(self):
        agreement = factory.agreement()
        factory.grant(agreement, 10)
        first = hold(agreement, 3, "hold-4")
        again = hold(agreement, 3, "hold-4")
        assert again.pk == first.pk
        assert agreement_balances(agreement)["held"] == 3

    def test_the_same_key_with_other_parameters_is_refused(self):
        agreement = factory.agreement()
        factory.grant(agreement, 10)
        hold(agreement, 3, "hold-5")
        with pytest.raises(LedgerKeyReused):
            hold(agreement, 4, "hold-5")
        assert agreement_balances(agreement)["held"] == 3

    @pytest.mark.django_db(transaction=True)
    def test_must_run_inside_a_transaction(self):
        agreement = factory.agreement()
        with pytest.raises(RuntimeError, match="inside a transaction"):
            ledger_move(
                agreement=agreement,
                source=AccountKind.ISSUED,
                destination=AccountKind.AVAILABLE,
                days=1,
                cause=EntryCause.MANUAL_GRANT,
                cause_id="",
                effective_date=DAY,
                idempotency_key="outside",
                actor=factory.OPERATOR,
                at=factory.at(DAY),
            )

    def test_refuses_a_movement_the_ledger_does_not_allow(self):
        agreement = factory.agreement()
        factory.grant(agreement, 10)
        with pytest.raises(ValueError, match="does not move days"):
            hold(agreement, 1, "hold-6", destination=AccountKind.CONSUMED)
        with pytest.raises(ValueError, match="does not move days"):
            hold(agreement, 1, "hold-7", destination=AccountKind.TRAINING)

    def test_a_reversal_is_allowed_only_as_a_correction(self):
        agreement = factory.agreement()
        factory.grant(agreement, 10)
        with pytest.raises(ValueError):
            hold(
                agreement, 1, "rev-1", source=AccountKind.REMOVED, destination=AccountKind.AVAILABLE
            )


class TestDatabaseGuards:
    def test_the_database_refuses_a_negative_non_source_balance_r_led_2(self):
        agreement = factory.agreement()
        account = LedgerAccount.objects.get(agreement=agreement, kind=AccountKind.AVAILABLE)
        with pytest.raises(IntegrityError), transaction.atomic():
            LedgerAccount.objects.filter(pk=account.pk).update(balance=-1)

    def test_source_accounts_may_go_negative(self):
        agreement = factory.agreement()
        factory.grant(agreement, 3)
        assert LedgerAccount.objects.get(agreement=agreement, kind="issued").balance == -3

    def test_the_database_refuses_to_change_an_entry(self):
        agreement = factory.agreement()
        entry = factory.grant(agreement, 3)
        with pytest.raises(DatabaseError), transaction.atomic():
            LedgerEntry.objects.filter(pk=entry.pk).update(days=30)
        assert LedgerEntry.objects.get(pk=entry.pk).days == 3

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite refuses UPDATE only")
    def test_the_database_refuses_to_delete_an_entry_on_postgresql(self):
        agreement = factory.agreement()
        entry = factory.grant(agreement, 3)
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM customers_ledgerentry WHERE id = %s", [entry.pk])

    def test_idempotency_keys_are_unique_in_the_database(self):
        agreement = factory.agreement()
        entry = factory.grant(agreement, 3)
        with pytest.raises(IntegrityError), transaction.atomic():
            LedgerEntry.objects.create(
                agreement=agreement,
                source=entry.source,
                destination=entry.destination,
                days=1,
                cause=EntryCause.MANUAL_GRANT,
                effective_date=DAY,
                idempotency_key=entry.idempotency_key,
                actor_label="x",
                created_at=factory.at(DAY),
            )


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Corrupt the ledger inside this block only: it is rolled back at the end."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


class TestReconcile:
    def test_a_clean_ledger_has_no_problems(self):
        agreement = factory.agreement()
        factory.grant(agreement, 8)
        hold(agreement, 3, "hold-r1")
        assert ledger_reconcile() == []

    def test_finds_a_stored_balance_that_differs_from_its_entries_r_led_3(self):
        agreement = factory.agreement()
        factory.grant(agreement, 8)
        with rolled_back():
            LedgerAccount.objects.filter(agreement=agreement, kind="available").update(balance=9)
            problems = ledger_reconcile()
            rules = sorted(problem.rule for problem in problems)
            assert rules == ["R-LED-1", "R-LED-3"]
            assert all(problem.licensing_id == agreement.licensing_id for problem in problems)
            assert any(
                "stored available balance is 9 but its entries sum to 8" in p.message
                for p in problems
            )

    def test_finds_days_that_were_not_conserved_r_led_1(self):
        agreement = factory.agreement()
        factory.grant(agreement, 8)
        with rolled_back():
            LedgerAccount.objects.filter(agreement=agreement, kind="issued").update(balance=-7)
            messages = [p.message for p in ledger_reconcile() if p.rule == "R-LED-1"]
            assert messages == [
                "7 days were accrued or converted but the agreement's accounts hold 8"
            ]

    def test_finds_an_agreement_without_its_accounts(self):
        agreement = factory.agreement()
        with rolled_back():
            LedgerAccount.objects.filter(agreement=agreement, kind="removed").delete()
            assert [p.message for p in ledger_reconcile()] == [
                "it has 8 ledger accounts instead of 9"
            ]


class TestLedgerMoveBatch:
    def test_writes_many_entries_with_balances_updated_by_aggregate(self):
        agreements = [factory.agreement() for _ in range(5)]
        for number, agreement in enumerate(agreements, start=1):
            factory.grant(agreement, number * 2)
        movements = [
            Movement(
                agreement_id=agreement.pk,
                source=AccountKind.AVAILABLE,
                destination=AccountKind.HELD,
                idempotency_key=f"batch:{agreement.pk}",
                days=2,
            )
            for agreement in agreements
        ]
        with transaction.atomic():
            written = ledger_move_batch(
                movements=movements,
                cause=EntryCause.VOUCHER,
                effective_date=DAY,
                actor=factory.OPERATOR,
                at=factory.at(DAY),
            )
        assert written == 5
        assert [agreement_balances(a)["held"] for a in agreements] == [2] * 5
        assert [agreement_balances(a)["available"] for a in agreements] == [0, 2, 4, 6, 8]
        assert_ledger_consistent()

    def test_a_rerun_skips_existing_keys_and_writes_nothing(self):
        agreement = factory.agreement()
        factory.grant(agreement, 6)
        movement = Movement(
            agreement_id=agreement.pk,
            source=AccountKind.AVAILABLE,
            destination=AccountKind.REMOVED,
            idempotency_key="sweep:1",
        )
        for expected in (1, 0):
            with transaction.atomic():
                assert (
                    ledger_move_batch(
                        movements=[movement],
                        cause=EntryCause.REMOVAL,
                        effective_date=DAY,
                        actor=factory.OPERATOR,
                        at=factory.at(DAY),
                    )
                    == expected
                )
        assert agreement_balances(agreement)["removed"] == 6
        assert LedgerEntry.objects.filter(cause=EntryCause.REMOVAL).count() == 1

    def test_a_whole_balance_movement_of_an_empty_account_writes_nothing(self):
        agreement = factory.agreement()
        with transaction.atomic():
            written = ledger_move_batch(
                movements=[
                    Movement(
                        agreement_id=agreement.pk,
                        source=AccountKind.AVAILABLE,
                        destination=AccountKind.REMOVED,
                        idempotency_key="sweep:2",
                    )
                ],
                cause=EntryCause.REMOVAL,
                effective_date=DAY,
                actor=factory.OPERATOR,
                at=factory.at(DAY),
            )
        assert written == 0

    def test_refuses_the_whole_batch_when_one_account_would_go_negative_r_led_2(self):
        rich, poor = factory.agreement(), factory.agreement()
        factory.grant(rich, 5)
        factory.grant(poor, 1)
        movements = [
            Movement(
                agreement_id=agreement.pk,
                source=AccountKind.AVAILABLE,
                destination=AccountKind.HELD,
                idempotency_key=f"b:{agreement.pk}",
                days=3,
            )
            for agreement in (rich, poor)
        ]
        with pytest.raises(InsufficientDays) as refused, transaction.atomic():
            ledger_move_batch(
                movements=movements,
                cause=EntryCause.VOUCHER,
                effective_date=DAY,
                actor=factory.OPERATOR,
                at=factory.at(DAY),
            )
        assert refused.value.details["licensing_id"] == poor.licensing_id
        assert agreement_balances(rich)["held"] == 0
        assert not LedgerEntry.objects.filter(cause=EntryCause.VOUCHER).exists()

    def test_entries_record_the_actor_and_no_audit_is_written_by_the_ledger_itself(self):
        agreement = factory.agreement()
        factory.grant(agreement, 2)
        before = AuditEvent.objects.count()
        entry = hold(agreement, 1, "hold-a")
        assert entry.actor_label == "tests"
        assert AuditEvent.objects.count() == before


class TestLedgerMoveSelected:
    """The set-based movement the removal and the voucher expiry sweep use."""

    def move(self, rows, *, source="held", destination="available", cause=EntryCause.EXPIRY):
        from planserv.customers.ledger.sweeps import ledger_move_selected

        selection = " UNION ALL ".join(["SELECT %s, %s, %s, %s"] * len(rows))
        params = [value for row in rows for value in row]
        with transaction.atomic():
            return ledger_move_selected(
                selection=selection,
                params=params,
                source=source,
                destination=destination,
                cause=cause,
                effective_date=DAY,
                memo="voucher expired",
                actor=factory.OPERATOR,
                at=factory.at(DAY),
            )

    def held(self, days):
        agreement = factory.agreement()
        factory.grant(agreement, days)
        hold(agreement, days, f"hold:{agreement.pk}")
        return agreement

    def test_moves_explicit_days_for_many_agreements_and_updates_balances(self):
        first, second = self.held(10), self.held(6)
        written = self.move(
            [
                (first.pk, 4, "expiry:V1", "V1"),
                (first.pk, 5, "expiry:V2", "V2"),
                (second.pk, 6, "expiry:V3", "V3"),
            ]
        )
        assert written == 3
        assert (agreement_balances(first)["held"], agreement_balances(first)["available"]) == (1, 9)
        assert agreement_balances(second)["available"] == 6
        entry = LedgerEntry.objects.get(idempotency_key="expiry:V2")
        assert (entry.cause, entry.cause_id, entry.days, entry.memo) == (
            "expiry",
            "V2",
            5,
            "voucher expired",
        )
        assert_ledger_consistent()

    def test_a_rerun_writes_nothing(self):
        agreement = self.held(10)
        rows = [(agreement.pk, 4, "expiry:V1", "V1")]
        assert self.move(rows) == 1
        assert self.move(rows) == 0
        assert agreement_balances(agreement)["held"] == 6

    def test_an_overdraft_is_refused_and_nothing_is_written_r_led_2(self):
        agreement = self.held(5)
        with pytest.raises(InsufficientDays) as refused:
            self.move([(agreement.pk, 3, "expiry:V1", "V1"), (agreement.pk, 3, "expiry:V2", "V2")])
        assert refused.value.details == {
            "licensing_id": agreement.licensing_id,
            "account": "held",
            "balance": 5,
            "days": 6,
        }
        assert not LedgerEntry.objects.filter(cause="expiry").exists()

    def test_non_positive_days_are_refused(self):
        agreement = self.held(5)
        with pytest.raises(InvalidDays):
            self.move([(agreement.pk, 0, "expiry:V1", "V1")])

    def test_refuses_a_movement_the_ledger_does_not_allow(self):
        from planserv.customers.ledger.sweeps import ledger_move_selected

        with pytest.raises(ValueError, match="does not move days"), transaction.atomic():
            ledger_move_selected(
                selection="SELECT 1, 1, 'k', 'c'",
                params=[],
                source="consumed",
                destination="available",
                cause=EntryCause.EXPIRY,
                effective_date=DAY,
                memo="",
                actor=factory.OPERATOR,
                at=factory.at(DAY),
            )
