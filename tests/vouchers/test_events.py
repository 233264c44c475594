"""The voucher's typed audit events (vouchers/events.py): the services write them, the JSON they
store loads back into the same payload, and rows written before the payloads still read."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from planserv.audit.events import PAYLOADS, AuditEventType, PayloadUnreadable, payload_of
from planserv.audit.models import AuditEvent
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.vouchers.events import (
    AppliedExtension,
    VoucherCreatedAndAssigned,
    VoucherDelivered,
    VoucherEvent,
    VoucherReleased,
    VoucherReserved,
    VoucherStartDateChanged,
    VoucherState,
)
from planserv.vouchers.history import voucher_history_for
from planserv.vouchers.services import (
    VoucherSelection,
    voucher_cancel,
    voucher_change_start_date,
    voucher_release,
    vouchers_extend_expiry_bulk,
    vouchers_reassign_bulk,
)
from tests.factories import accounts as account_factory
from tests.factories import vouchers as factory

D = dt.date
REASON = "Customers lost six weeks to the office move; approved by the program board."


def stored(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the JSON column holds for `value` (audit_record encodes the same way)."""
    return None if value is None else json.loads(json.dumps(value, cls=DjangoJSONEncoder))


RESERVED = VoucherReserved(
    voucher_id="34MW4AW3E",
    previous=VoucherState(status="assigned", holder=None, expiry_date=D(2021, 8, 28)),
    state=VoucherState(status="reserved", holder=5, expiry_date=D(2021, 8, 28)),
    reservation_id=1,
    partner="P-T00008",
    partner_name="Firm 2",
    location_id="LOC-00001",
    delivery_country="US",
    start_date=D(2021, 3, 2),
    eligible=True,
)


class TestPayloadJson:
    def test_a_reservation_is_stored_under_the_keys_written_before_the_payloads(self):
        assert stored(RESERVED.before_json()) == {
            "status": "assigned",
            "holder": None,
            "expiry_date": "2021-08-28",
        }
        after = stored(RESERVED.after_json())
        assert list(after or {}) == [
            "voucher_id",
            "status",
            "holder",
            "expiry_date",
            "reservation_id",
            "partner",
            "partner_name",
            "location_id",
            "delivery_country",
            "start_date",
            "eligible",
        ]
        assert (after or {})["start_date"] == "2021-03-02"

    def test_the_stored_json_loads_back_into_an_equal_payload(self):
        created = VoucherCreatedAndAssigned(
            voucher_id="KP6HW33MK",
            status="assigned",
            licensing_id="EA-T000001",
            engagement_type="windows-office-deployment",
            engagement_type_name="Windows and Office Deployment Planning",
            days=5,
            assignee="pm@contoso.test",
            nominated_partner="P-T00008",
            assigned_on=D(2021, 3, 1),
            expiry_date=D(2021, 8, 28),
            extensions=(AppliedExtension(policy="Office move", extra_days=90),),
        )
        changed = VoucherStartDateChanged(
            voucher_id="KP6HW33MK",
            previous_start_date=D(2021, 3, 2),
            start_date=D(2021, 4, 1),
            reservation_id=3,
        )
        for payload in (RESERVED, created, changed):
            loaded = type(payload).from_json(
                stored(payload.before_json()), stored(payload.after_json())
            )
            assert loaded == payload
        assert stored(changed.before_json()) == {"start_date": "2021-03-02"}

    def test_a_row_from_before_a_key_existed_loads_with_the_default(self):
        old = VoucherReleased.from_json(
            {"status": "reserved", "holder": 5, "expiry_date": "2021-08-28"},
            {
                "voucher_id": "34MW4AW3E",
                "status": "assigned",
                "holder": None,
                "expiry_date": "2021-08-28",
                "reservation_id": 1,
                "partner": "P-T00008",
            },
        )
        assert (old.partner_name, old.report_voided) == ("", False)
        assert old.state.holder is None and old.previous.holder == 5

    def test_a_row_missing_a_required_key_is_refused_not_guessed(self):
        with pytest.raises(PayloadUnreadable):
            VoucherDelivered.from_json(None, {"voucher_id": "34MW4AW3E"})

    def test_lookup_filters_on_the_stored_key_of_a_field(self):
        assert VoucherReserved.lookup(reservation_id=7) == {
            "action": "vouchers.voucher.reserved",
            "after__reservation_id": 7,
        }
        assert VoucherStartDateChanged.lookup(previous_start_date=D(2021, 3, 2)) == {
            "action": "vouchers.voucher.start_date_changed",
            "before__start_date": D(2021, 3, 2),
        }


@pytest.mark.django_db
class TestWrittenByTheServices:
    def test_every_event_of_a_voucher_loads_into_its_payload_and_stores_the_same_json(
        self, persona
    ):
        admin = factory.actor(persona("program_admin").membership)
        pool = factory.customer_pool()
        first, second = factory.eligible_firm(), factory.eligible_firm()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        factory.reserved(voucher, first, today=D(2021, 3, 2))
        voucher_change_start_date(
            voucher=factory.fresh(voucher),
            start_date=D(2021, 4, 1),
            actor=first.admin_actor,
            today=D(2021, 3, 3),
            at=factory.at(D(2021, 3, 3)),
        )
        factory.delivered(voucher, first, today=D(2021, 4, 10))
        voucher_release(
            voucher=factory.fresh(voucher),
            actor=first.admin_actor,
            today=D(2021, 4, 11),
            at=factory.at(D(2021, 4, 11)),
        )
        factory.reserved(voucher, second, today=D(2021, 4, 12))
        factory.delivered(voucher, second, today=D(2021, 4, 20))
        factory.redeemed(voucher, second, today=D(2021, 4, 21))
        other = factory.assigned(pool, today=D(2021, 3, 1))
        selection = VoucherSelection(voucher_ids=(other.display_id,))
        vouchers_extend_expiry_bulk(
            selection=selection,
            extra_days=90,
            reason=REASON,
            name="Office move",
            dry_run=False,
            actor=admin,
            today=D(2021, 6, 15),
            at=factory.at(D(2021, 6, 15)),
        )
        vouchers_reassign_bulk(
            selection=selection,
            assignee_email=account_factory.member(pool.customer, "project_manager").user.email,
            reason=REASON,
            dry_run=False,
            actor=admin,
            today=D(2021, 6, 16),
            at=factory.at(D(2021, 6, 16)),
        )
        voucher_cancel(
            voucher=factory.fresh(other),
            actor=pool.admin_actor,
            today=D(2021, 6, 17),
            at=factory.at(D(2021, 6, 17)),
        )
        events = AuditEvent.objects.filter(subject_type="vouchers.voucher").order_by("pk")
        written = set()
        for event in events:
            payload = payload_of(event)
            assert isinstance(payload, VoucherEvent)
            assert payload.event_type == event.action
            assert payload.voucher_id in {voucher.voucher_id, other.voucher_id}
            assert stored(payload.before_json()) == event.before
            assert stored(payload.after_json()) == event.after
            written.add(payload.event_type)
        voucher_types = {t for t, cls in PAYLOADS.items() if issubclass(cls, VoucherEvent)}
        assert written == voucher_types  # the scenario covers every voucher event type

    def test_an_unreadable_event_is_shown_by_its_action_and_the_timeline_still_reads(self):
        pool = factory.customer_pool()
        voucher = factory.assigned(pool, today=D(2021, 3, 1))
        with transaction.atomic():
            audit_record(
                actor=Actor.system(),
                action=AuditEventType.VOUCHER_REASSIGNED,
                subject=("vouchers.voucher", str(voucher.pk)),
                at=factory.at(D(2021, 3, 2)),
                program_date=D(2021, 3, 2),
                before={"assignee": "old@contoso.test"},
                after={"assignee": "new@contoso.test"},  # no voucher_id in this old row
                reason="Left the company.",
            )
        history = voucher_history_for(actor=pool.admin_actor, voucher=factory.fresh(voucher))
        assert [entry.title for entry in history] == [
            "Created and assigned",
            "vouchers.voucher.reassigned",  # shown by its action, the rest of the timeline reads
        ]
