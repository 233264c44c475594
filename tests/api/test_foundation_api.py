"""api.md conventions: bearer tokens, the error format, /me, /clock, /calendar, the catalogue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from openapi_spec_validator import validate

from planserv.accounts.models import ApiToken
from planserv.audit.models import AuditEvent
from planserv.core import clock

pytestmark = pytest.mark.django_db


class TestAuthentication:
    def test_me_answers_user_organisation_and_role(self, api_as):
        api = api_as("partner_admin")
        response = api.get("/me")
        assert response.status_code == 200
        body = response.json()
        assert body["role"] == "partner_admin"
        assert body["organisation"]["kind"] == "partner"
        assert body["organisation"]["country"] == "DE"

    def test_bad_token_gets_401_in_the_error_format(self):
        response = Client().get("/api/v1/me", headers={"Authorization": "Bearer nope"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
        assert response["WWW-Authenticate"] == "Bearer"

    def test_revoked_token_no_longer_authenticates(self, api_as):
        api = api_as("member")
        ApiToken.objects.update(revoked_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        assert api.get("/me").status_code == 401

    def test_only_the_hash_of_a_token_is_stored(self, api_as):
        api = api_as("member")
        stored = ApiToken.objects.get()
        assert api.token not in (stored.token_hash, stored.prefix)
        assert len(stored.token_hash) == 64

    def test_session_login_does_not_authenticate_the_api(self, persona):
        member = persona("benefits_admin")
        client = Client()
        client.force_login(member.user)
        assert (
            client.post(
                "/api/v1/clock", {"advance_days": 1}, content_type="application/json"
            ).status_code
            == 401
        )


def test_openapi_document_is_valid_openapi_3():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/me" in document["paths"]


def test_docs_page_serves_its_assets_locally_not_from_a_cdn():
    html = Client().get("/api/v1/docs").content.decode()
    assert "cdn." not in html and "unpkg" not in html
    assert "/static/ninja/" in html


class TestClock:
    def test_anyone_reads_the_program_date(self, api_as, pin_clock):
        pin_clock(dt.date(2020, 1, 6))
        body = api_as("project_manager").get("/clock").json()
        assert body == {
            "today": "2020-01-06",
            "pinned": True,
            "sandbox": True,
            "time_zone": "America/Los_Angeles",
        }

    def test_program_admin_advances_the_clock_and_it_is_audited_r_time_1(self, api_as, pin_clock):
        pin_clock(dt.date(2020, 1, 6))
        response = api_as("program_admin").post("/clock", {"advance_days": 3})
        assert response.status_code == 200, response.content
        assert response.json()["today"] == "2020-01-09"
        assert clock.today() == dt.date(2020, 1, 9)
        assert AuditEvent.objects.filter(action="core.clock.moved").count() == 1

    def test_clock_never_goes_backwards_r_time_1(self, api_as, pin_clock):
        pin_clock(dt.date(2020, 1, 6))
        response = api_as("program_admin").post("/clock", {"date": "2020-01-01"})
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "clock_backwards"
        assert clock.today() == dt.date(2020, 1, 6)

    def test_other_roles_may_not_move_the_clock_r_role_1(self, api_as, pin_clock):
        pin_clock(dt.date(2020, 1, 6))
        response = api_as("support").post("/clock", {"advance_days": 1})
        assert response.status_code == 403
        assert response.json()["error"]["rule"] == "R-ROLE-1"
        assert clock.today() == dt.date(2020, 1, 6)

    def test_outside_sandbox_mode_the_clock_cannot_be_moved(self, api_as, settings):
        settings.PLANSERV_SANDBOX = False
        response = api_as("program_admin").post("/clock", {"advance_days": 1})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "sandbox_only"

    def test_malformed_body_is_a_400_with_a_sentence(self, api_as):
        response = api_as("program_admin").post("/clock", {"advance_days": "soon"})
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "invalid_input" and "advance_days" in error["message"]


def test_calendar_lists_every_milestone_with_days_away(api_as, pin_clock):
    pin_clock(dt.date(2021, 6, 1))
    body = api_as("member").get("/calendar").json()
    removal = next(item for item in body if item["key"] == "removal")
    assert removal["date"] == "2021-07-01" and removal["days_away"] == 30
    assert len(body) == 6


def test_cloud_engagement_types_are_flagged_retired_from_the_cloud_retirement(api_as, pin_clock):
    api = api_as("member")
    pin_clock(dt.date(2020, 1, 31))
    azure = next(e for e in api.get("/engagement-types").json() if e["code"] == "azure-deployment")
    assert (azure["cloud"], azure["retired"]) == (True, False)
    pin_clock(dt.date(2020, 2, 1))
    azure = next(e for e in api.get("/engagement-types").json() if e["code"] == "azure-deployment")
    assert azure["retired"] is True


def test_offerings_filter_engagement_types(api_as):
    api = api_as("member")
    codes = [e["code"] for e in api.get("/engagement-types", offering="SDPS").json()]
    assert codes == ["project-portfolio-planning", "sharepoint-deployment"]
    assert len(api.get("/offerings").json()) == 7
