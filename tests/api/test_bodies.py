"""REL-15 (issue 20, item 5): no request body crashes the server, no free text hides its
direction, no unknown filter is ignored; every refusal is a 4xx in the JSON error format."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from planserv.vouchers.models import Voucher
from tests.conftest import ApiClient, Multipart
from tests.factories import vouchers as factory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
RLO = "\u202e"


def _raw(api: ApiClient, path: str, body: bytes, content_type: str = "application/json"):
    return api.client.generic(
        "POST",
        f"/api/v1{path}",
        body,
        content_type=content_type,
        headers={"Authorization": f"Bearer {api.token}"},
    )


def _refused(response, status: int = 400, code: str = "invalid_input") -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    return error


@pytest.mark.parametrize("path", ["/support/requests", "/vouchers/validate", "/redemptions"])
def test_json_nested_5000_levels_deep_is_a_400_not_a_server_error(api_as, path):
    api = api_as("partner_admin")
    error = _refused(_raw(api, path, b"[" * 5000 + b"]" * 5000))
    assert "nested" in error["message"]


def test_json_nested_just_past_the_limit_is_refused_and_within_it_parsed(api_as):
    api = api_as("partner_admin")
    deep = b'{"a":' * 33 + b"1" + b"}" * 33
    assert "nested" in _refused(_raw(api, "/support/requests", deep))["message"]
    shallow = _raw(api, "/support/requests", b'{"subject": 1}')
    assert shallow.status_code == 400
    assert "nested" not in shallow.json()["error"]["message"]


def test_a_body_over_the_limit_is_a_json_413_without_an_error_in_the_log(api_as, settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api = api_as("partner_admin")
    with caplog.at_level(logging.WARNING):
        response = _raw(api, "/support/requests", b'{"subject": "' + b"x" * 2000 + b'"}')
    error = _refused(response, 413, "body_too_large")
    assert "1,000" in error["message"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_12_mb_body_at_the_real_limit_is_a_json_413(api_as):
    api = api_as("partner_admin")
    response = _raw(api, "/vouchers/validate", b" " * (12 * 1024 * 1024 + 1))
    _refused(response, 413, "body_too_large")


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_invalid_utf_8_is_a_400(api_as, content_type):
    api = api_as("partner_admin")
    body = b'{"subject": "\xff\xfe broken"}' if "json" in content_type else b"subject=\xff\xfe"
    assert "UTF-8" in _refused(_raw(api, "/support/requests", body, content_type))["message"]


class TestBidirectionalControls:
    def test_a_voucher_division_with_a_right_to_left_override_is_refused_and_nothing_made(
        self, pin_clock
    ):
        pin_clock(factory.D(2021, 3, 1))
        pool = factory.customer_pool(days=50)
        customer = ApiClient(pool.admin)
        body = {
            "licensing_id": pool.agreement.licensing_id,
            "engagement_type": factory.TYPE,
            "days": 5,
            "assignee_email": pool.manager_email,
            "division": f"Retail {RLO}gnikab",
        }
        with nothing_changes():
            error = _refused(customer.post("/vouchers", body), code="invalid_text")
        assert "body.division" in error["message"]
        assert not Voucher.objects.exists()

    @pytest.mark.parametrize("character", ["\u202a", "\u2066", "\u2069", "\u200f", "\u061c"])
    def test_every_bidi_control_is_refused_also_when_escaped_in_json(self, api_as, character):
        api = api_as("partner_admin")
        escaped = f'{{"subject": "Help \\u{ord(character):04x} me", "body": "text"}}'.encode()
        _refused(_raw(api, "/support/requests", escaped), code="invalid_text")

    def test_multipart_text_fields_are_checked_too(self, api_as):
        api = api_as("partner_admin")
        response = api.post(
            "/support/requests",
            Multipart(subject=f"Help {RLO}", body="text", attachments=[("a.pdf", b"%PDF-1.4")]),
        )
        _refused(response, code="invalid_text")

    def test_query_strings_are_checked_too(self, api_as):
        response = api_as("partner_admin").get("/directory", q=f"Fab{RLO}rikam")
        _refused(response, code="invalid_text")

    def test_ordinary_right_to_left_text_is_accepted(self, api_as):
        response = api_as("partner_admin").get("/directory", q="שלום")
        assert response.status_code == 200, response.content


class TestUnknownFilters:
    def test_an_undeclared_filter_is_a_400_naming_it_not_ignored(self, api_as):
        response = api_as("auditor").get("/operator/audit-events", occurred_from="2021-13-45")
        error = _refused(response)
        assert "occurred_from" in error["message"]
        assert "date_from" in error["message"]

    def test_an_impossible_date_in_a_declared_filter_is_a_400(self, api_as):
        response = api_as("auditor").get("/operator/audit-events", date_from="2021-13-45")
        _refused(response)

    def test_declared_filters_still_work(self, api_as):
        response = api_as("auditor").get("/operator/audit-events", date_from="2021-01-01")
        assert response.status_code == 200, response.content


def test_no_token_is_still_a_401_before_any_filter_is_read():
    response = Client().get("/api/v1/operator/audit-events?occurred_from=x")
    assert response.status_code == 401
