"""Structured logs (issue 21, item 3): one line per request, job run and delivery, and never an
IBAN, a token or a password, even over a whole journey."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core import mail
from django.test import Client
from structlog.contextvars import bound_contextvars

from planserv.accounts.services import TOKEN_PREFIX
from planserv.core import clock
from planserv.core.partitions import run_batches_in_ranges
from planserv.jobs.runner import run_daily_jobs_through
from planserv.notifications.delivery import deliver_due
from planserv.notifications.models import OutboxMessage
from planserv.observability import logs
from tests.conftest import ApiClient
from tests.factories import accounts as account_factory
from tests.factories import payments as payment_factory
from tests.factories import second_factor as second_factor_factory
from tests.factories import vouchers as voucher_factory

IBAN = "DE89 3704 0044 0532 0130 00"


class TestRedaction:
    def test_the_token_prefix_matches_the_one_tokens_are_issued_with(self) -> None:
        assert logs.TOKEN_PREFIX == TOKEN_PREFIX

    @pytest.mark.parametrize(
        "text",
        [
            f"registration with {IBAN} refused",
            "iban=DE89370400440532013000;",
            "Authorization: Bearer abc.def-ghi",
            "token psv_Zx81_k-3AbCdEfGhIjKlMnOp in the URL",
        ],
    )
    def test_secrets_in_free_text_are_masked(self, text: str) -> None:
        scrubbed = logs.scrub(text)
        assert logs.REDACTED in scrubbed
        for secret in ("0532", "370400", "abc.def", "Zx81"):
            assert secret not in scrubbed

    def test_fields_named_for_secrets_are_replaced_at_any_depth(self) -> None:
        event = logs.redact(
            None,
            "info",
            {
                "event": "x",
                "password": "hunter2",
                "details": {"iban": "GB82WEST12345698765432", "api_token": "t", "count": 3},
                "request_id": "abc",
            },
        )
        assert event == {
            "event": "x",
            "password": logs.REDACTED,
            "details": {"iban": logs.REDACTED, "api_token": logs.REDACTED, "count": 3},
            "request_id": "abc",
        }

    def test_text_format_is_readable_and_json_format_is_one_object(self, json_logs) -> None:
        logging.getLogger("planserv.test").warning("hello %s", "there", extra={"n": 1})
        [event] = json_logs.events("hello there")
        assert (event["level"], event["logger"], event["n"]) == ("warning", "planserv.test", 1)
        assert event["timestamp"].endswith("Z")
        text = logging.LogRecord("planserv.test", logging.INFO, "", 0, "hello", (), None)
        config = logs.formatter("text")
        factory = config.pop("()")
        line = factory(**config).format(text)
        assert "hello" in line and not line.startswith("{")


@pytest.mark.django_db
class TestLines:
    def test_one_line_per_request_with_request_id_user_organisation_route_status(
        self, json_logs, persona
    ) -> None:
        member = persona("partner_admin")
        api = ApiClient(member.membership)
        response = api.client.get(
            "/api/v1/me",
            headers={"Authorization": f"Bearer {api.token}", "X-Request-ID": "req-42"},
        )
        assert response.status_code == 200
        [line] = json_logs.events("request")
        assert line["request_id"] == "req-42"
        assert line["user_id"] == member.user.pk
        assert line["organisation_id"] == member.organisation.pk
        assert (line["method"], line["route"], line["status"]) == ("GET", "api/v1/me", 200)
        assert line["duration_ms"] >= 0

    def test_one_line_per_job_run(self, json_logs, pin_clock) -> None:
        today = pin_clock(dt.date(2021, 3, 1))
        report = run_daily_jobs_through(through=today)
        lines = json_logs.events("job.run")
        assert [line["job"] for line in lines] == [run.job for run in report.runs]
        assert {line["status"] for line in lines} == {"succeeded"}
        assert all(line["program_day"] == "2021-03-01" for line in lines)

    def test_one_line_per_delivery(self, json_logs) -> None:
        message = OutboxMessage.objects.create(
            dedup_key="log-test",
            template="test",
            to_email="someone@example.com",
            subject="Hello",
            body_text="Body",
            created_at=clock.now(),
        )
        deliver_due(now=clock.real_now())
        assert len(mail.outbox) == 1
        [line] = json_logs.events("mail.delivery")
        assert line == line | {"message_id": message.pk, "outcome": "sent"}


@pytest.mark.django_db
def test_a_whole_journey_never_logs_an_iban_a_token_or_a_password(json_logs, pin_clock) -> None:
    """Sign in, create an API token, register payment details with an IBAN, reserve a voucher,
    fail a sign-in: the captured log lines hold none of the secrets."""
    pin_clock(dt.date(2021, 3, 15))
    case = payment_factory.redeemed_case(country="DE")  # payment details need a redeemed voucher
    pool, firm = case.pool, case.firm
    admin = payment_factory.global_admin(firm.organisation)
    voucher = voucher_factory.assigned(pool, today=dt.date(2021, 3, 15))

    portal = Client()
    signed_in = portal.post(
        "/login/", {"username": admin.user.email, "password": account_factory.PASSWORD}
    )
    assert signed_in.status_code == 302
    # Bank details need the second factor (R-PPL-3): the token comes from a verified session.
    second_factor_factory.enter_code(portal, admin.user)
    page = portal.post("/profile/tokens/", {"name": "ERP", "membership": admin.pk})
    secret = page.context["new_secret"]
    headers = {"Authorization": f"Bearer {secret}"}
    registered = portal.post(
        "/api/v1/payment-registrations",
        {
            "offering": "DDPS",
            "legal_name": "Contoso Beratung GmbH",
            "tax_id": "DE123456789",
            "iban": IBAN,
            "bic": "COBADEFFXXX",
            "country": "DE",
            "currency": "EUR",
        },
        content_type="application/json",
        headers=headers,
    )
    assert registered.status_code == 201, registered.content
    partner = ApiClient(firm.admin)
    reserved = partner.post(
        f"/vouchers/{voucher.voucher_id}/reservation",
        {
            "email": pool.manager_email,
            "location_id": firm.location.location_id,
            "start_date": "2021-03-22",
            "accept_terms": True,
            "delivery_country": "DE",
        },
    )
    assert reserved.status_code == 201, reserved.content
    wrong = Client().post("/login/", {"username": admin.user.email, "password": "Wrong-pass-77"})
    assert wrong.status_code == 200
    # Someone pastes their token and IBAN where they do not belong.
    Client().get(f"/no-such-page/{secret}/", headers={"Authorization": f"Bearer {secret}"})

    text = json_logs.text
    assert len(json_logs.events("request")) >= 6  # the journey was logged
    for forbidden in (
        IBAN,
        IBAN.replace(" ", ""),
        "0532 0130",
        secret,
        secret[len(TOKEN_PREFIX) :],
        partner.token,
        account_factory.PASSWORD,
        "Wrong-pass-77",
    ):
        assert forbidden not in text, forbidden


def test_sweep_batches_log_a_line_each_naming_the_job_even_in_threads(json_logs) -> None:
    """A partitioned sweep's threads keep the job run's context (job, program day)."""
    next_key = {0: 5, 100: 105, 105: 110}  # two ranges: one batch, then two

    def batch(after: int, upto: int | None, numbering) -> int | None:  # type: ignore[no-untyped-def]
        return next_key.get(after)

    with bound_contextvars(job="vouchers.expiry_sweep", program_day="2021-03-01"):
        run_batches_in_ranges(
            [(0, 5), (100, None)], batch=batch, last_key=lambda key: key, on_batch=lambda key: None
        )
    lines = json_logs.events("sweep.batch")
    assert sorted(line["last_key"] for line in lines) == [5, 105, 110]
    assert {(line["job"], line["program_day"]) for line in lines} == {
        ("vouchers.expiry_sweep", "2021-03-01")
    }
