"""The audit browser and its API twin (domain.md section 10; docs/operator.md): every filter,
paging, CSV equal to the screen, constant query counts (PERF-4), operator roles only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.audit.models import AuditEvent
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
AT = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)


def actor(
    email: str, organisation_id: int, organisation: str, role: str = "program_admin"
) -> Actor:
    return Actor(
        user_id=None if email == "job" else 1,
        email=email,
        organisation_id=organisation_id,
        organisation_kind="operator",
        organisation_name=organisation,
        role=role,
    )


def record(
    *,
    who: str = "alice@ops.test",
    organisation: tuple[int, str] = (9001, "Program Office"),
    action: str = "program.thing.changed",
    subject: tuple[str, str] = ("program.thing", "1"),
    day: dt.date = dt.date(2021, 6, 15),
) -> AuditEvent:
    with transaction.atomic():
        return audit_record(
            actor=actor(who, *organisation),
            action=action,
            subject=subject,
            at=AT,
            program_date=day,
            after={"n": 1},
        )


@pytest.fixture
def events():
    baseline = AuditEvent.objects.count()
    made = {
        "a": record(),
        "b": record(who="bob@contoso.test", organisation=(9002, "Contoso Consulting")),
        "c": record(action="vouchers.voucher.reserved", subject=("vouchers.voucher", "77")),
        "d": record(action="vouchers.voucher.redeemed", subject=("vouchers.voucher", "78")),
        "e": record(day=dt.date(2021, 7, 2)),
    }
    assert AuditEvent.objects.count() == baseline + 5
    return made


def login(persona) -> Client:
    client = Client()
    client.force_login(persona.user)
    return client


def screen_ids(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'data-event-id="(\d+)"', html)]


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))


FILTERS = [
    ({"organisation": "contoso"}, {"b"}),
    ({"subject_type": "vouchers.voucher"}, {"c", "d"}),
    ({"subject_type": "vouchers.voucher", "subject_id": "78"}, {"d"}),
    ({"action": "vouchers.voucher.reserved"}, {"c"}),
    ({"action": "vouchers."}, {"c", "d"}),
    ({"actor": "BOB@"}, {"b"}),
    ({"date_from": "2021-07-01"}, {"e"}),
    ({"date_from": "2021-06-15", "date_to": "2021-06-15", "actor": "alice"}, {"a", "c", "d"}),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_each_filter_on_the_screen_and_the_csv_equals_the_screen(persona, events, query, expected):
    client = login(persona("auditor"))
    page = client.get("/operator/audit/", query)
    assert page.status_code == 200
    wanted = sorted((events[key].pk for key in expected), reverse=True)
    shown = [
        pk for pk in screen_ids(page.content.decode()) if pk in {e.pk for e in events.values()}
    ]
    assert shown == wanted
    export = client.get("/operator/audit/export.csv", query)
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = csv_rows(b"".join(export.streaming_content))
    assert [int(row["id"]) for row in rows] == screen_ids(page.content.decode())
    for row in rows:
        event = AuditEvent.objects.get(pk=int(row["id"]))
        assert (row["action"], row["actor"], row["organisation"]) == (
            event.action,
            event.actor_label,
            event.organisation_label,
        )


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_the_api_filters_the_same_way_and_its_csv_matches(api_as, events, query, expected):
    api = api_as("auditor")
    response = api.get("/operator/audit-events", **query, limit=200)
    assert response.status_code == 200
    listed = [item["id"] for item in response.json()["items"]]
    ours = {e.pk for e in events.values()}
    assert [pk for pk in listed if pk in ours] == sorted(
        (events[key].pk for key in expected), reverse=True
    )
    export = api.get("/operator/audit-events.csv", **query)
    assert export.status_code == 200
    assert [int(row["id"]) for row in csv_rows(b"".join(export.streaming_content))] == listed


def test_a_vouchers_history_link_filters_by_the_voucher_id(persona, pin_clock):
    pin_clock(dt.date(2021, 3, 1))
    pool = factory.customer_pool()
    voucher = factory.assigned(pool, today=dt.date(2021, 3, 1))
    other = factory.assigned(pool, today=dt.date(2021, 3, 1))
    client = login(persona("auditor"))
    html = client.get("/operator/audit/", {"voucher": voucher.display_id}).content.decode()
    ids = screen_ids(html)
    assert ids and set(ids) == set(
        AuditEvent.objects.filter(
            subject_type="vouchers.voucher", subject_id=str(voucher.pk)
        ).values_list("pk", flat=True)
    )
    assert str(other.pk) not in {AuditEvent.objects.get(pk=pk).subject_id for pk in ids}
    assert f"subject_id={voucher.pk}" in html  # the per-object history link
    assert (
        screen_ids(client.get("/operator/audit/", {"voucher": "nonsense"}).content.decode()) == []
    )


def test_pages_older_events_by_id(persona, events, monkeypatch):
    from planserv.portal.operator import audit

    monkeypatch.setattr(audit, "PAGE_SIZE", 2)
    client = login(persona("auditor"))
    first = client.get("/operator/audit/", {"action": "program.thing.changed"}).content.decode()
    assert screen_ids(first) == [events["e"].pk, events["b"].pk]
    link = re.search(r'href="\?([^"]*before=\d+)"', first)
    assert link is not None
    second = client.get("/operator/audit/?" + link.group(1).replace("&amp;", "&"))
    assert screen_ids(second.content.decode()) == [events["a"].pk]


@pytest.mark.parametrize("role", ["partner_admin", "benefits_admin", "global_admin"])
def test_only_operators_read_the_audit_r_role_1(persona, api_as, role):
    assert login(persona(role)).get("/operator/audit/").status_code == 403
    assert login(persona(role)).get("/operator/audit/export.csv").status_code == 403
    assert api_as(role).get("/operator/audit-events").status_code == 403
    assert api_as(role).get("/operator/audit-events.csv").status_code == 403


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert call().status_code == 200
    return len(captured.captured_queries)


def test_query_counts_do_not_grow_with_rows_perf_4(persona, api_as):
    client = login(persona("auditor"))
    api = api_as("auditor")
    record(action="perf.thing.changed")
    client.get("/operator/audit/")  # the first request of a session also writes the session
    api.get("/operator/audit-events")
    one_page = _queries(lambda: client.get("/operator/audit/", {"action": "perf."}))
    one_api = _queries(lambda: api.get("/operator/audit-events", action="perf.", limit=200))
    for _ in range(99):
        record(action="perf.thing.changed")
    assert _queries(lambda: client.get("/operator/audit/", {"action": "perf."})) == one_page
    assert _queries(lambda: api.get("/operator/audit-events", action="perf.", limit=200)) == one_api
