"""Portal pages of partner onboarding: eligibility, enrollment, profile, locations, consultants,
the customer directory and the operator's firm list and CSV import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planserv.partners.models import BusinessProfile, CompetencyHeld, Enrollment
from planserv_dev.demo.partners import demo_logo
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2020, 6, 1)


@pytest.fixture(autouse=True)
def _today(pin_clock):
    pin_clock(TODAY)


@pytest.fixture
def client_as(persona):
    def make(role, organisation=None):
        client = Client()
        client.force_login(persona(role, organisation).user)
        return client

    return make


class TestPartnerPages:
    @pytest.mark.parametrize(
        ("url", "text"),
        [
            ("/partner/eligibility/", "What to do next"),
            ("/partner/enrollments/", "Enrollment history"),
            ("/partner/profile/", "Not published"),
            ("/partner/locations/", "DE-4000001"),
            ("/partner/consultants/", "MD-100"),
            ("/", "Program eligibility"),
        ],
    )
    def test_a_member_reads_the_firms_onboarding_pages(self, client_as, partner_org, url, text):
        factory.location(partner_org, location_id="DE-4000001")
        factory.consultant(partner_org, exams=(("MD-100", dt.date(2019, 8, 1)),))

        response = client_as("member").get(url)

        assert response.status_code == 200
        assert text in response.content.decode()

    def test_the_eligibility_page_shows_marks_reasons_and_the_enroll_button(
        self, client_as, partner_org
    ):
        factory.competency(partner_org, "windows-and-devices")

        page = client_as("global_admin").get("/partner/eligibility/").content.decode()

        assert "In progress" in page
        assert "Enroll in DDPS" in page and "/partner/enrollments/DDPS/enroll/" in page
        assert 'aria-label="not met"' in page and 'aria-label="met"' in page
        assert "The firm is not enrolled in DDPS on 2020-06-01." in page

    def test_a_customer_is_refused_the_partner_pages(self, client_as):
        assert client_as("benefits_admin").get("/partner/eligibility/").status_code == 403

    def test_another_firms_data_never_shows_r_role_1(self, client_as, partner_org):
        factory.location(factory.firm(), location_id="FR-4000002", country="FR")
        assert "FR-4000002" not in client_as("member").get("/partner/locations/").content.decode()


class TestEnrollmentPages:
    def test_global_admin_reads_and_accepts_the_agreement_r_enr_1(self, client_as, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        client = client_as("global_admin")

        form = client.get("/partner/enrollments/DDPS/enroll/").content.decode()
        refused = client.post(
            "/partner/enrollments/DDPS/enroll/", {"agreement_version": factory.AGREEMENT}
        )
        accepted = client.post(
            "/partner/enrollments/DDPS/enroll/",
            {"agreement_version": factory.AGREEMENT, "accept": "on"},
        )

        assert "Software Assurance Planning Services Program Agreement" in form
        assert refused.status_code == 422
        assert "accepting the program agreement" in refused.content.decode()
        assert accepted.status_code == 302
        assert Enrollment.objects.get().offering.code == "DDPS"
        listing = client.get("/partner/enrollments/").content.decode()
        assert "is enrolled in DDPS through 31 May 2021" in listing

    def test_an_ineligible_firm_is_told_why_not_eligible(self, client_as, partner_org):
        response = client_as("global_admin").post(
            "/partner/enrollments/DDPS/enroll/",
            {"agreement_version": factory.AGREEMENT, "accept": "on"},
        )
        assert response.status_code == 422
        assert "R-ENR-1" in response.content.decode()
        assert not Enrollment.objects.exists()

    @pytest.mark.parametrize("role", ["partner_admin", "profile_admin", "member"])
    def test_only_the_global_admin_opens_the_enrollment_form(self, client_as, role):
        assert client_as(role).get("/partner/enrollments/DDPS/enroll/").status_code == 403

    def test_renewal_in_the_window(self, client_as, partner_org):
        factory.competency(partner_org, "windows-and-devices", expires_on=dt.date(2023, 1, 1))
        factory.enroll(partner_org, "DDPS", on=dt.date(2019, 7, 1))

        response = client_as("global_admin").post(
            "/partner/enrollments/DDPS/renew/",
            {"agreement_version": factory.AGREEMENT, "accept": "on"},
        )

        assert response.status_code == 302
        assert Enrollment.objects.get().last_day == dt.date(2021, 6, 29)

    def test_an_unknown_offering_is_not_found(self, client_as):
        assert client_as("global_admin").get("/partner/enrollments/NOPE/enroll/").status_code == 404


class TestProfilePages:
    DATA = {
        "description": "Desktop planning.",
        "website": "https://contoso.example",
        "countries_served": ["DE", "AT"],
        "expertise_tags": "Intune, Windows",
        "contact_email": "planning@contoso.example",
    }

    def test_preview_renders_the_card_without_saving(self, client_as):
        response = client_as("profile_admin").post(
            "/partner/profile/edit/",
            self.DATA | {"action": "preview"},
            headers={"HX-Request": "true"},
        )

        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="profile-preview"' in page and "<html" not in page
        assert "Austria" in page and "Intune" in page
        assert not BusinessProfile.objects.exists()

    def test_save_then_publish_with_a_logo(self, client_as, partner_org):
        client = client_as("profile_admin")

        saved = client.post("/partner/profile/edit/", self.DATA | {"action": "save"})
        uploaded = client.post(
            "/partner/profile/logo/",
            {"logo": SimpleUploadedFile("logo.png", demo_logo((1, 2, 3), 16), "image/png")},
        )
        published = client.post("/partner/profile/publish/")

        assert saved.status_code == uploaded.status_code == published.status_code == 302
        profile = BusinessProfile.objects.get()
        assert profile.is_published and profile.has_logo
        page = client.get("/partner/profile/").content.decode()
        assert f"/partner/logos/{partner_org.public_id}/" in page
        assert "not listed" in page  # published, but the firm is not enrolled

    def test_a_wrong_logo_type_is_reported(self, client_as):
        client = client_as("profile_admin")
        response = client.post(
            "/partner/profile/logo/",
            {"logo": SimpleUploadedFile("logo.png", b"<svg/>", "image/png")},
            follow=True,
        )
        assert "The logo must be an image" in response.content.decode()

    def test_an_oversize_description_is_refused(self, client_as):
        response = client_as("profile_admin").post(
            "/partner/profile/edit/", {"description": "x" * 2501, "action": "save"}
        )
        assert response.status_code == 400
        assert not BusinessProfile.objects.exists()

    @pytest.mark.parametrize("role", ["partner_admin", "member"])
    def test_only_the_profile_admin_edits(self, client_as, role):
        assert client_as(role).get("/partner/profile/edit/").status_code == 403
        assert client_as(role).post("/partner/profile/publish/").status_code == 403


class TestCustomerDirectory:
    def test_customers_search_by_country_offering_and_text(self, client_as):
        factory.listed_firm(name="Alpha Consulting", countries_served=("DE",), tags=("Intune",))
        factory.listed_firm(name="Beta Advisory", countries_served=("FR",))
        client = client_as("benefits_admin")

        page = client.get(
            "/customer/directory/", {"country": "DE", "offering": "DDPS", "q": "intune"}
        ).content.decode()

        assert "Alpha Consulting" in page and "Beta Advisory" not in page
        assert "Windows and Devices" in page
        assert "1 firm found" in page

    def test_the_page_costs_the_same_queries_for_one_and_many_firms_perf_4(self, client_as):
        client = client_as("project_manager")
        factory.listed_firm(name="Firm 0")

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/customer/directory/", {"country": "DE"}).status_code == 200
            return len(queries.captured_queries)

        count()  # the first request of a session writes the session
        one = count()
        for number in range(1, 15):
            factory.listed_firm(name=f"Firm {number}")
        assert count() == one


class TestOperatorPages:
    def test_the_firm_list_counts_each_firms_data(self, client_as, partner_org):
        factory.competency(partner_org, "windows-and-devices")
        factory.location(partner_org)
        page = client_as("auditor").get("/operator/partners/").content.decode()
        assert partner_org.public_id in page

    def test_the_firm_list_searches_by_name_or_partner_id(self, client_as, partner_org):
        other = factory.firm(name="Northwind Planning")
        client = client_as("auditor")

        def listed(**params):
            page = client.get("/operator/partners/", params)
            assert page.status_code == 200
            return page.content.decode()

        by_name = listed(q="northWIND")
        assert other.public_id in by_name and partner_org.public_id not in by_name
        by_id = listed(q=partner_org.public_id.lower())
        assert partner_org.public_id in by_id and other.public_id not in by_id
        nothing = listed(q="no such firm")
        assert "No partner firm matches this search." in nothing
        assert other.public_id in listed(q="")  # no search: every firm

    def test_the_firm_list_pages_keep_the_search(self, client_as, partner_org):
        for number in range(55):
            factory.firm(name=f"Paged Firm {number:02d}")
        client = client_as("auditor")
        first = client.get("/operator/partners/", {"q": "paged firm"}).content.decode()
        assert "Paged Firm 00" in first and "Paged Firm 50" not in first
        assert "q=paged+firm&amp;page=2" in first
        second = client.get("/operator/partners/", {"q": "paged firm", "page": 2}).content
        assert b"Paged Firm 54" in second and b"Paged Firm 00" not in second

    def test_import_dry_run_then_apply(self, client_as, partner_org):
        client = client_as("program_admin")
        csv_text = (
            "partner_id,competency,level,earned_on,expires_on\n"
            f"{partner_org.public_id},windows-and-devices,gold,2020-05-01,2023-04-30\n"
        )

        checked = client.post(
            "/operator/partners/import/",
            {
                "kind": "competencies",
                "file": SimpleUploadedFile("c.csv", csv_text.encode(), "text/csv"),
                "action": "check",
            },
        )
        assert checked.status_code == 200
        assert "Dry run" in checked.content.decode()
        assert not CompetencyHeld.objects.exists()
        applied = client.post(
            "/operator/partners/import/",
            {"kind": "competencies", "content": csv_text, "action": "apply"},
        )

        assert "Imported" in applied.content.decode()
        assert CompetencyHeld.objects.get(organisation=partner_org).level == "gold"

    def test_only_the_program_admin_imports(self, client_as):
        assert client_as("support").get("/operator/partners/import/").status_code == 403
