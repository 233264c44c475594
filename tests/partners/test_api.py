"""Partner onboarding over the API (api.md): eligibility, enrollments, profile, directory."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from planserv.partners.models import Enrollment
from planserv_dev.demo.partners import demo_logo
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2020, 6, 1)
PROFILE = {
    "description": "We plan modern desktops.",
    "website": "https://contoso.example",
    "countries_served": ["DE", "AT"],
    "offerings_delivered": ["DDPS"],
    "expertise_tags": ["Intune"],
    "contact_name": "Greta",
    "contact_email": "planning@contoso.example",
    "contact_phone": "+49 89 1",
}


@pytest.fixture(autouse=True)
def _today(pin_clock):
    pin_clock(TODAY)


def _enroll_body(offering="DDPS", accept=True, version=factory.AGREEMENT):
    return {"offering": offering, "agreement_version": version, "accept": accept}


def _upload(api, content, name="logo.png"):
    body = {"filename": name, "content_base64": base64.b64encode(content).decode()}
    return api.send("PUT", "/partner/profile/logo", body)


class TestEligibilityApi:
    @pytest.mark.parametrize("role", ["global_admin", "partner_admin", "profile_admin", "member"])
    def test_every_partner_role_reads_its_firms_eligibility(self, api_as, partner_org, role):
        factory.competency(partner_org, "windows-and-devices")

        response = api_as(role).get("/partner/eligibility")

        assert response.status_code == 200
        body = response.json()
        assert body["partner_id"] == partner_org.public_id
        assert body["on"] == "2020-06-01"
        assert body["status"] == "in_progress"
        ddps = next(o for o in body["offerings"] if o["code"] == "DDPS")
        assert ddps["can_enroll"] and not ddps["enrolled"]
        row = next(t for t in ddps["engagement_types"] if t["code"] == "windows-office-deployment")
        assert [r["key"] for r in row["requirements"]] == ["enrollment", "competency", "consultant"]
        assert [r["met"] for r in row["requirements"]] == [False, True, False]
        assert all(r["reason"] for r in row["requirements"])

    @pytest.mark.parametrize("role", ["benefits_admin", "program_admin"])
    def test_other_sides_are_refused_r_role_1(self, api_as, role):
        response = api_as(role).get("/partner/eligibility")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"

    def test_no_token_is_401(self, api_as):
        assert api_as(None).get("/partner/eligibility").status_code == 401


class TestEnrollmentApi:
    def test_global_admin_enrolls_and_lists_with_renewal_dates_r_enr_1(self, api_as, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        api = api_as("global_admin")

        created = api.post("/partner/enrollments", _enroll_body(), idempotency_key="enroll-1")

        assert created.status_code == 201, created.content
        body = created.json()
        assert body["offering"] == "DDPS"
        assert body["enrolled_on"] == "2020-06-01" and body["last_day"] == "2021-05-31"
        assert body["renewal_opens_on"] == "2021-05-01"
        assert body["active"] and not body["renewal_open"]
        assert body["accepted_by"].endswith("@example.test")
        listed = api_as("member").get("/partner/enrollments").json()
        assert [item["offering"] for item in listed["items"]] == ["DDPS"]
        assert listed["next_cursor"] is None

    def test_a_replayed_enrollment_request_enrolls_once_rel_3(self, api_as, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        api = api_as("global_admin")

        first = api.post("/partner/enrollments", _enroll_body(), idempotency_key="same")
        second = api.post("/partner/enrollments", _enroll_body(), idempotency_key="same")

        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        assert Enrollment.objects.count() == 1

    @pytest.mark.parametrize("role", ["partner_admin", "profile_admin", "member"])
    def test_only_the_global_admin_enrolls_r_enr_1(self, api_as, partner_org, role):
        factory.competency(partner_org, "windows-and-devices")
        response = api_as(role).post("/partner/enrollments", _enroll_body())
        assert response.status_code == 403
        assert not Enrollment.objects.exists()

    @pytest.mark.parametrize(
        ("setup", "body", "status", "code"),
        [
            ("messaging", _enroll_body(), 422, "not_eligible"),
            ("windows-and-devices", _enroll_body(accept=False), 422, "agreement_not_accepted"),
            (
                "windows-and-devices",
                _enroll_body(version="1999.1"),
                409,
                "agreement_version_not_current",
            ),
            ("cloud-platform", _enroll_body("AZDPS"), 422, "cloud_offering_retired"),
            ("windows-and-devices", _enroll_body("NOPE"), 404, "offering_not_found"),
            ("windows-and-devices", {"offering": "DDPS"}, 400, "invalid_input"),
        ],
    )
    def test_refusals_have_stable_codes_and_change_nothing(
        self, api_as, partner_org, setup, body, status, code
    ):
        factory.competency(partner_org, setup)

        response = api_as("global_admin").post("/partner/enrollments", body)

        assert response.status_code == status, response.content
        error = response.json()["error"]
        assert error["code"] == code
        assert error["message"]
        assert not Enrollment.objects.exists()

    def test_renewal_through_the_api_r_enr_1(self, api_as, partner_org, pin_clock):
        factory.competency(partner_org, "windows-and-devices", expires_on=dt.date(2023, 1, 1))
        factory.enroll(partner_org, "DDPS", on=dt.date(2019, 7, 1))
        api = api_as("global_admin")
        body = {"agreement_version": factory.AGREEMENT, "accept": True}

        pin_clock(dt.date(2020, 6, 1))
        response = api.post("/partner/enrollments/DDPS/renewal", body)

        assert response.status_code == 200, response.content
        assert response.json()["last_day"] == "2021-06-29"
        assert response.json()["renewals"][0]["previous_last_day"] == "2020-06-29"
        missing = api.post("/partner/enrollments/SDPS/renewal", body)
        assert missing.status_code == 404


class TestProfileApi:
    def test_profile_admin_puts_and_any_partner_role_gets(self, api_as, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        factory.enroll(partner_org, "DDPS", on=TODAY)

        put = api_as("profile_admin").send("PUT", "/partner/profile", PROFILE)

        assert put.status_code == 200, put.content
        body = api_as("member").get("/partner/profile").json()
        assert body["countries_served"] == ["AT", "DE"]
        assert body["offerings_delivered"] == ["DDPS"]
        assert body["published"] is False and body["logo_url"] is None

    @pytest.mark.parametrize("role", ["partner_admin", "member"])
    def test_other_roles_may_not_put(self, api_as, role):
        response = api_as(role).send("PUT", "/partner/profile", {"description": "x"})
        assert response.status_code == 403

    def test_an_oversize_description_is_400(self, api_as):
        response = api_as("profile_admin").send(
            "PUT", "/partner/profile", {"description": "x" * 2501}
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "description_too_long"

    def test_logo_upload_checks_type_and_size(self, api_as):
        api = api_as("profile_admin")

        wrong = _upload(api, b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg")
        big = _upload(api, demo_logo((1, 2, 3), 16) + b"\x00" * (1024 * 1024))
        good = _upload(api, demo_logo((1, 2, 3), 16), "../../x.png")

        assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "unsupported_file_type")
        assert (big.status_code, big.json()["error"]["code"]) == (400, "file_too_large")
        assert good.status_code == 200
        assert good.json()["logo_url"].startswith("/partner/logos/")
        not_base64 = api.send("PUT", "/partner/profile/logo", {"content_base64": "***"})
        assert not_base64.status_code == 400

    def test_publish_requires_a_complete_profile(self, api_as):
        api = api_as("profile_admin")
        refused = api.post("/partner/profile/publish")
        api.send("PUT", "/partner/profile", PROFILE | {"offerings_delivered": []})
        published = api.post("/partner/profile/publish")

        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "profile_incomplete"
        assert published.status_code == 200 and published.json()["published"] is True


class TestDirectoryApi:
    def test_any_role_searches_by_country_and_offering_with_cursor_pages(self, api_as):
        for number in range(3):
            factory.listed_firm(name=f"Firm {number}", countries_served=("DE", "AT"))
        factory.listed_firm(name="Elsewhere", countries_served=("US",))
        api = api_as("benefits_admin")

        first = api.get("/directory", country="AT", offering="DDPS", limit=2).json()
        second = api.get(
            "/directory", country="AT", offering="DDPS", limit=2, cursor=first["next_cursor"]
        ).json()

        assert [item["name"] for item in first["items"]] == ["Firm 0", "Firm 1"]
        assert [item["name"] for item in second["items"]] == ["Firm 2"]
        assert second["next_cursor"] is None
        entry = first["items"][0]
        assert entry["offerings"] == ["DDPS"]
        assert entry["competencies"][0]["competency"] == "windows-and-devices"
        assert api_as("member").get("/directory", q="elsewhere").json()["items"][0]["name"] == (
            "Elsewhere"
        )

    def test_bad_filters_are_400(self, api_as):
        response = api_as("benefits_admin").get("/directory", country="XX")
        assert response.status_code == 400


class TestTenantIsolation:
    def test_a_partner_sees_only_its_own_firms_data_r_role_1(self, api_as, partner_org):
        other = factory.firm(name="Other firm", country="FR")
        factory.location(partner_org, location_id="DE-0000001")
        factory.location(other, location_id="FR-0000001")
        factory.consultant(other)
        factory.competency(other, "messaging")
        api = api_as("member")

        locations = api.get("/partner/locations").json()["items"]
        consultants = api.get("/partner/consultants").json()["items"]
        competencies = api.get("/partner/competencies").json()

        assert [row["location_id"] for row in locations] == ["DE-0000001"]
        assert consultants == [] and competencies == []
        assert api.get("/partner/profile").json()["partner_id"] == partner_org.public_id


def test_the_onboarding_journey_works_through_the_api(api_as, persona, partner_org, pin_clock):
    """A new firm sees what it lacks, the operator records the competency, the firm enrolls in
    DDPS, publishes its profile, and a customer finds it in the directory."""
    global_admin = api_as("global_admin")
    assert global_admin.get("/partner/eligibility").json()["status"] == "not_started"
    refused = global_admin.post("/partner/enrollments", _enroll_body(), idempotency_key="try-1")
    assert refused.json()["error"]["code"] == "not_eligible"

    factory.competency(partner_org, "windows-and-devices", earned_on=dt.date(2020, 5, 1))
    assert global_admin.get("/partner/eligibility").json()["status"] == "in_progress"
    enrolled = global_admin.post("/partner/enrollments", _enroll_body(), idempotency_key="go-1")
    assert enrolled.status_code == 201
    assert global_admin.get("/partner/eligibility").json()["status"] == "eligible"

    profile_admin = api_as("profile_admin")
    assert profile_admin.send("PUT", "/partner/profile", PROFILE).status_code == 200
    assert profile_admin.post("/partner/profile/publish").status_code == 200

    customer = api_as("benefits_admin")
    found = customer.get("/directory", country="DE", offering="DDPS").json()["items"]
    assert [item["partner_id"] for item in found] == [partner_org.public_id]
    assert customer.get("/directory", country="FR").json()["items"] == []


class TestMalformedInput:
    """Bad input is refused with a clear 400/404, never a server error (api.md, REL-7)."""

    def test_control_characters_in_the_profile_are_400(self, api_as):
        response = api_as("profile_admin").send(
            "PUT", "/partner/profile", {"description": "bad\x00byte", "website": "x\x07"}
        )
        assert response.status_code == 400
        # NUL is refused for every request by the input guard; other control characters by the
        # profile rules.
        assert response.json()["error"]["code"] == "invalid_input"
        response = api_as("profile_admin").send("PUT", "/partner/profile", {"description": "a\x07"})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_profile"

    @pytest.mark.parametrize(
        "params", [{"q": "nul\x00"}, {"offering": "DD\x00PS"}, {"country": "D\x00E"}]
    )
    def test_control_characters_in_directory_filters_are_400(self, api_as, params):
        assert api_as("benefits_admin").get("/directory", **params).status_code == 400

    @pytest.mark.parametrize("offering", ["..%2F..", "DD%00PS", "x" * 60])
    def test_odd_offering_codes_are_not_found(self, api_as, offering):
        response = api_as("global_admin").post(
            f"/partner/enrollments/{offering}/renewal",
            {"agreement_version": factory.AGREEMENT, "accept": True},
        )
        assert response.status_code == 404
