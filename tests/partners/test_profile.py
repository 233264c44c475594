"""Business profile (seed step 3): profile_admin edits, publication, the logo upload and serving."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client

from planserv.accounts.selectors import actor_for_membership
from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.partners import files
from planserv.partners.errors import (
    DescriptionTooLong,
    FileTooLarge,
    InvalidProfile,
    OfferingNotEnrolled,
    PartnerNotFound,
    ProfileIncomplete,
    UnsupportedFileType,
)
from planserv.partners.models import BusinessProfile
from planserv.partners.services import (
    ProfileInput,
    profile_logo_upload,
    profile_publish,
    profile_unpublish,
    profile_update,
)
from planserv_dev.demo.partners import demo_logo
from tests.factories import partners as factory

pytestmark = pytest.mark.django_db
DAY = dt.date(2020, 1, 6)
PNG = demo_logo((10, 20, 30), size=16)
COMPLETE = ProfileInput(
    description="We plan desktop deployments.",
    website="https://contoso.example",
    countries_served=["de", "AT"],
    expertise_tags=["Intune", "Windows 10", "Intune"],
    contact_name="Greta",
    contact_email="Planning@Contoso.example",
    contact_phone="+49 89 1234",
)


@pytest.fixture
def editor(persona):
    return actor_for_membership(persona("profile_admin").membership)


def _update(actor, organisation, data=COMPLETE, day=DAY):
    return profile_update(
        organisation=organisation, data=data, actor=actor, today=day, at=factory.at(day)
    )


def _upload(actor, organisation, content=PNG, filename="logo.png"):
    return profile_logo_upload(
        organisation=organisation,
        content=content,
        filename=filename,
        actor=actor,
        today=DAY,
        at=factory.at(DAY),
    )


class TestProfileUpdate:
    def test_profile_admin_saves_the_profile(self, editor, partner_org):
        profile = _update(editor, partner_org)

        assert sorted(str(row.country) for row in profile.served_countries.all()) == ["AT", "DE"]
        assert profile.tag_list == ["Intune", "Windows 10"]
        assert profile.contact_email == "planning@contoso.example"
        assert not profile.is_published
        event = AuditEvent.objects.get(action="partners.business_profile.updated")
        assert event.after["countries_served"] == ["AT", "DE"]

    def test_a_description_of_2500_characters_is_accepted_and_2501_refused(
        self, editor, partner_org
    ):
        _update(editor, partner_org, ProfileInput(description="x" * 2500))

        with pytest.raises(DescriptionTooLong) as refusal:
            _update(editor, partner_org, ProfileInput(description="y" * 2501))

        assert refusal.value.http_status == 400
        assert BusinessProfile.objects.get().description == "x" * 2500

    @pytest.mark.parametrize(
        "data",
        [
            ProfileInput(website="javascript:alert(1)"),
            ProfileInput(website="ftp://contoso.example"),
            ProfileInput(countries_served=["XX"]),
            ProfileInput(offerings_delivered=["NOPE"]),
            ProfileInput(expertise_tags=["t" * 41]),
            ProfileInput(expertise_tags=[f"tag{i}" for i in range(16)]),
            ProfileInput(contact_email="not-an-email"),
            ProfileInput(contact_phone="<script>"),
        ],
    )
    def test_malformed_fields_are_refused(self, editor, partner_org, data):
        with pytest.raises(InvalidProfile):
            _update(editor, partner_org, data)
        assert not BusinessProfile.objects.exists()

    def test_only_offerings_the_firm_is_enrolled_in_may_be_listed_r_enr_1(
        self, editor, partner_org
    ):
        factory.competency(partner_org, "windows-and-devices")
        factory.enroll(partner_org, "DDPS", on=DAY)

        with pytest.raises(OfferingNotEnrolled):
            _update(editor, partner_org, ProfileInput(offerings_delivered=["DDPS", "SDPS"]))
        profile = _update(editor, partner_org, ProfileInput(offerings_delivered=["DDPS"]))

        assert [o.code for o in profile.offerings_delivered.all()] == ["DDPS"]

    @pytest.mark.parametrize("role", ["partner_admin", "member", "program_admin"])
    def test_other_roles_may_not_edit(self, persona, partner_org, role):
        with pytest.raises(Forbidden):
            _update(actor_for_membership(persona(role).membership), partner_org)

    def test_another_firms_profile_admin_may_not_edit(self, persona, partner_org):
        other = actor_for_membership(persona("profile_admin", factory.firm()).membership)
        with pytest.raises(PartnerNotFound) as refusal:
            _update(other, partner_org)
        assert refusal.value.http_status == 404


class TestPublication:
    def test_an_incomplete_profile_is_not_published(self, editor, partner_org):
        _update(editor, partner_org, ProfileInput(description="Only a description."))

        with pytest.raises(ProfileIncomplete) as refusal:
            profile_publish(organisation=partner_org, actor=editor, today=DAY, at=factory.at(DAY))

        assert refusal.value.details["missing"] == [
            "at least one country served",
            "a contact email",
        ]

    def test_publish_and_unpublish_are_audited(self, editor, partner_org):
        _update(editor, partner_org)

        profile = profile_publish(
            organisation=partner_org, actor=editor, today=DAY, at=factory.at(DAY)
        )
        assert profile.is_published and profile.published_at == factory.at(DAY)
        profile = profile_unpublish(
            organisation=partner_org, actor=editor, today=DAY, at=factory.at(DAY)
        )

        assert not profile.is_published
        actions = list(
            AuditEvent.objects.filter(action__startswith="partners.business_profile")
            .order_by("pk")
            .values_list("action", flat=True)
        )
        assert actions[-2:] == [
            "partners.business_profile.published",
            "partners.business_profile.unpublished",
        ]


class TestLogoUpload:
    def test_a_png_is_stored_under_a_generated_name_outside_the_web_root(self, editor, partner_org):
        profile = _upload(editor, partner_org, filename="../../../etc/passwd.png")

        assert profile.logo_name.startswith("partners/logos/")
        assert ".." not in profile.logo_name and "passwd" not in profile.logo_name
        assert profile.logo_content_type == "image/png"
        stored = Path(default_storage.path(profile.logo_name)).resolve()
        assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        assert stored.read_bytes() == PNG
        event = AuditEvent.objects.get(action="partners.business_profile.logo_uploaded")
        assert event.after["uploaded_name"] == "../../../etc/passwd.png"

    @pytest.mark.parametrize(
        ("content", "filename"),
        [
            (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "a.svg"),
            (b"<html><script>alert(1)</script></html>", "logo.png"),
            (b"%PDF-1.4 not an image", "logo.png"),
            (b"MZ\x90\x00\x03\x00\x00\x00", "logo.jpg"),
            (b"", "empty.png"),
        ],
    )
    def test_anything_but_an_image_is_refused_by_its_bytes(
        self, editor, partner_org, content, filename
    ):
        with pytest.raises(UnsupportedFileType):
            _upload(editor, partner_org, content=content, filename=filename)
        assert not BusinessProfile.objects.exclude(logo_name="").exists()

    def test_an_oversize_image_is_refused(self, editor, partner_org):
        oversize = PNG + b"\x00" * (files.LOGO_MAX_BYTES + 1 - len(PNG))

        with pytest.raises(FileTooLarge):
            _upload(editor, partner_org, content=oversize)

        assert (
            not default_storage.exists("partners/logos")
            or not default_storage.listdir("partners/logos")[1]
        )

    def test_a_new_logo_replaces_and_deletes_the_old_file(
        self, editor, partner_org, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = _upload(editor, partner_org).logo_name
        with django_capture_on_commit_callbacks(execute=True):
            second = _upload(editor, partner_org).logo_name

        assert first != second
        assert not default_storage.exists(first) and default_storage.exists(second)

    def test_only_the_profile_admin_uploads(self, persona, partner_org):
        with pytest.raises(Forbidden):
            _upload(actor_for_membership(persona("partner_admin").membership), partner_org)


class TestLogoServing:
    def _published_with_logo(self, editor, organisation):
        _update(editor, organisation)
        _upload(editor, organisation)
        return profile_publish(
            organisation=organisation, actor=editor, today=DAY, at=factory.at(DAY)
        )

    def test_a_published_logo_is_public(self, editor, partner_org):
        self._published_with_logo(editor, partner_org)

        response = Client().get(f"/partner/logos/{partner_org.public_id}/")

        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PNG

    def test_an_unpublished_logo_is_seen_only_by_the_firm_and_operators(
        self, editor, persona, partner_org
    ):
        _upload(editor, partner_org)
        url = f"/partner/logos/{partner_org.public_id}/"

        def status(role, organisation=None):
            client = Client()
            client.force_login(persona(role, organisation).user)
            return client.get(url).status_code

        assert Client().get(url).status_code == 404
        assert status("member") == 200
        assert status("auditor") == 200
        assert status("benefits_admin") == 404
        assert status("member", factory.firm()) == 404

    @pytest.mark.parametrize(
        "path",
        ["/partner/logos/..%2F..%2Fsettings.py/", "/partner/logos/P-NONE/", "/partner/logos/%00/"],
    )
    def test_path_tricks_find_nothing(self, editor, partner_org, path):
        self._published_with_logo(editor, partner_org)
        assert Client().get(path).status_code == 404
