"""REL-12 and R-PPL-3 in the portal: operator staff never reach a page without the second factor
(the first sign-in sets it up, the next asks for a code), others may turn it on and off, bank
details and API tokens need it, and the managing member resets a lost one."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from planserv.accounts.second_factor import has_second_factor
from planserv.audit.models import AuditEvent
from tests.factories import accounts as account_factory
from tests.factories import second_factor as factory

pytestmark = pytest.mark.django_db
SETUP = "/sign-in/second-factor/setup/"
VERIFY = "/sign-in/second-factor/"


def _password_sign_in(persona) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post(
        "/login/", {"username": persona.email, "password": account_factory.PASSWORD}
    )
    assert response.status_code == 302
    return client


def _set_up(client: Client) -> list[str]:
    page = client.get(SETUP).content.decode()
    secret = re.search(r'data-testid="second-factor-secret">([A-Z2-7 ]+)<', page)
    assert secret and 'src="data:image/svg+xml' in page  # the QR code is drawn on the server
    done = client.post(SETUP, {"code": factory.code_for_key(secret.group(1)), "next": "/"})
    assert done.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())


@pytest.mark.parametrize("role", ["program_admin", "payment_reviewer", "support", "auditor"])
def test_operator_staff_cannot_reach_any_page_without_the_second_factor_rel_12(persona, role):
    staff = persona(role)
    client = _password_sign_in(staff)
    for path in ("/", "/profile/", "/operator/jobs/", "/admin/", "/people/second-factor/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{SETUP}?next="), path
    codes = _set_up(client)
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.second_factor.enrolled").count() == 1

    again = _password_sign_in(staff)  # the next sign-in asks for a code
    response = again.get("/operator/jobs/")
    assert response["Location"] == f"{VERIFY}?next=%2Foperator%2Fjobs%2F"
    wrong = again.post(VERIFY, {"code": "12345a", "next": "/operator/jobs/"})
    assert wrong.status_code == 400 and "not right" in wrong.content.decode()
    assert again.get("/").status_code == 302
    device = TOTPDevice.objects.get(user=staff.user, confirmed=True)
    device.throttling_failure_count = 0
    device.save()
    ok = again.post(VERIFY, {"code": factory.code_for(device), "next": "/operator/jobs/"})
    assert ok["Location"] == "/operator/jobs/"
    assert again.get("/operator/jobs/").status_code == 200


def test_staff_flag_alone_requires_the_second_factor_for_the_admin(db):
    user = account_factory.user(is_staff=True)
    client = Client()
    client.post("/login/", {"username": user.email, "password": account_factory.PASSWORD})
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_a_partner_without_a_factor_signs_in_with_the_password_alone(persona):
    client = _password_sign_in(persona("partner_admin"))
    assert client.get("/").status_code == 200


def test_a_person_turns_it_on_on_the_profile_then_is_asked_and_may_turn_it_off(persona):
    member = persona("member")
    client = _password_sign_in(member)
    assert "Turn on second factor" in client.get("/profile/").content.decode()
    _set_up(client)
    assert "Turn off second factor" in client.get("/profile/").content.decode()

    again = _password_sign_in(member)
    assert again.get("/profile/")["Location"].startswith(VERIFY)
    factory.enter_code(again, member.user)
    off = again.post("/profile/second-factor/off/")
    assert off.status_code == 302 and not has_second_factor(member.user)
    assert AuditEvent.objects.filter(action="accounts.second_factor.disabled").count() == 1
    assert _password_sign_in(member).get("/").status_code == 200


def test_staff_cannot_turn_it_off(persona):
    staff = persona("auditor")
    client = Client()
    client.force_login(staff.user)  # passes the second factor (tests/conftest.py)
    assert "Turn off" not in client.get("/profile/").content.decode()
    client.post("/profile/second-factor/off/")
    assert has_second_factor(staff.user)


def test_a_recovery_code_signs_in_once(persona):
    member = persona("member")
    codes = _set_up(_password_sign_in(member))
    client = _password_sign_in(member)
    response = client.post(VERIFY, {"code": codes[3], "next": "/"})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    used = AuditEvent.objects.filter(action="accounts.second_factor.recovery_code_used")
    assert used.count() == 1
    other = _password_sign_in(member)
    TOTPDevice.objects.filter(user=member.user).update(throttling_failure_count=0)
    assert other.post(VERIFY, {"code": codes[3], "next": "/"}).status_code == 400


def test_api_tokens_need_a_verified_session_once_a_factor_is_on(persona):
    member = persona("member")
    client = _password_sign_in(member)
    _set_up(client)
    again = _password_sign_in(member)
    # The unverified session reaches no page, the token form included.
    response = again.post("/profile/tokens/", {"name": "ERP", "membership": member.membership.pk})
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    factory.enter_code(again, member.user)
    page = again.post("/profile/tokens/", {"name": "ERP", "membership": member.membership.pk})
    assert page.status_code == 200 and page.context["new_secret"]


def test_registering_bank_details_leads_into_the_second_factor(persona):
    admin = persona("global_admin")
    client = _password_sign_in(admin)
    response = client.get("/partner/payments/register/")
    assert response["Location"].startswith(f"{SETUP}?next=%2Fpartner%2Fpayments%2Fregister%2F")


def test_the_managing_member_resets_a_colleagues_factor_in_the_portal(persona, partner_org):
    admin = persona("global_admin")
    colleague = persona("member")
    factory.app_device(colleague.user)
    client = Client()
    client.force_login(admin.user)
    page = client.get("/people/second-factor/").content.decode()
    assert colleague.email in page
    response = client.post("/people/second-factor/", {"member": colleague.membership.pk})
    assert response.status_code == 302 and not has_second_factor(colleague.user)
    assert AuditEvent.objects.filter(action="accounts.second_factor.reset").count() == 1
    stranger = persona("member", account_factory.organisation("partner"))
    factory.app_device(stranger.user)
    client.post("/people/second-factor/", {"member": stranger.membership.pk})
    assert has_second_factor(stranger.user)  # not a member of the admin's firm
