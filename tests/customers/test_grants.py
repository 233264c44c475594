"""Operator postings with a reason: manual grants, training grants, corrections (R-LED-1)."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.customers.errors import (
    CorrectionNotAllowed,
    EntryAlreadyReversed,
    InsufficientDays,
    ReasonRequired,
)
from planserv.customers.ledger.accounts import AccountKind, EntryCause
from planserv.customers.models import LedgerEntry
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import correction_post, ledger_move, manual_grant
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2020, 5, 4)


def correct(entry, reason="posted twice by mistake", actor=factory.OPERATOR):
    return correction_post(
        entry=entry, reason=reason, actor=actor, today=TODAY, at=factory.at(TODAY)
    )


class TestManualGrant:
    def test_grants_days_with_the_reason_on_the_entry_and_in_the_audit(self):
        agreement = factory.agreement()
        entry = manual_grant(
            agreement=agreement,
            days=4,
            reason="goodwill for the outage",
            actor=factory.OPERATOR,
            today=TODAY,
            at=factory.at(TODAY),
        )
        assert (entry.cause, entry.memo, entry.effective_date) == (
            "manual_grant",
            "goodwill for the outage",
            TODAY,
        )
        assert agreement_balances(agreement)["available"] == 4
        assert (
            AuditEvent.objects.get(action="customers.ledger.manual_grant_posted").reason
            == "goodwill for the outage"
        )

    def test_refuses_a_grant_without_a_reason(self):
        agreement = factory.agreement()
        with pytest.raises(ReasonRequired):
            manual_grant(
                agreement=agreement,
                days=4,
                reason="  ",
                actor=factory.OPERATOR,
                today=TODAY,
                at=factory.at(TODAY),
            )
        assert not LedgerEntry.objects.exists()

    def test_only_a_program_admin_grants(self, persona):
        agreement = factory.agreement()
        auditor = actor_for_membership(persona("auditor").membership)
        with pytest.raises(Forbidden):
            manual_grant(
                agreement=agreement,
                days=4,
                reason="why not",
                actor=auditor,
                today=TODAY,
                at=factory.at(TODAY),
            )

    def test_the_same_key_grants_once(self):
        agreement = factory.agreement()
        for _ in range(2):
            manual_grant(
                agreement=agreement,
                days=4,
                reason="form",
                actor=factory.OPERATOR,
                today=TODAY,
                at=factory.at(TODAY),
                key="k",
            )
        assert agreement_balances(agreement)["available"] == 4


class TestCorrection:
    def test_a_correction_is_a_reversing_entry(self):
        agreement = factory.agreement()
        granted = factory.grant(agreement, 5)
        reversal = correct(granted)
        assert (reversal.source.kind, reversal.destination.kind, reversal.days) == (
            "available",
            "issued",
            5,
        )
        assert reversal.reverses_id == granted.pk and reversal.cause == "correction"
        assert agreement_balances(agreement)["available"] == 0
        assert LedgerEntry.objects.get(pk=granted.pk).days == 5  # the original is untouched
        assert (
            AuditEvent.objects.get(action="customers.ledger.correction_posted").reason
            == "posted twice by mistake"
        )

    def test_an_entry_is_reversed_at_most_once(self):
        agreement = factory.agreement()
        factory.grant(agreement, 8)
        granted = factory.grant(agreement, 5)
        correct(granted)
        with pytest.raises(EntryAlreadyReversed):
            correct(granted)
        assert agreement_balances(agreement)["available"] == 8

    def test_a_correction_cannot_take_days_that_have_moved_on_r_led_2(self):
        agreement = factory.agreement()
        granted = factory.grant(agreement, 5)
        from django.db import transaction

        with transaction.atomic():
            ledger_move(
                agreement=agreement,
                source=AccountKind.AVAILABLE,
                destination=AccountKind.HELD,
                days=4,
                cause=EntryCause.VOUCHER,
                cause_id="V1",
                effective_date=TODAY,
                idempotency_key="v1",
                actor=factory.OPERATOR,
                at=factory.at(TODAY),
            )
        with pytest.raises(InsufficientDays):
            correct(granted)

    def test_voucher_entries_are_not_corrected_by_reversal(self):
        agreement = factory.agreement()
        factory.grant(agreement, 5)
        from django.db import transaction

        with transaction.atomic():
            held = ledger_move(
                agreement=agreement,
                source=AccountKind.AVAILABLE,
                destination=AccountKind.HELD,
                days=4,
                cause=EntryCause.VOUCHER,
                cause_id="V1",
                effective_date=TODAY,
                idempotency_key="v2",
                actor=factory.OPERATOR,
                at=factory.at(TODAY),
            )
        with pytest.raises(CorrectionNotAllowed):
            correct(held)

    def test_refuses_a_correction_without_a_reason(self):
        agreement = factory.agreement()
        with pytest.raises(ReasonRequired):
            correct(factory.grant(agreement, 5), reason="")
