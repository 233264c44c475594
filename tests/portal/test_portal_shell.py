"""Portal shell: login (throttled), a home page per side, organisation switcher, API tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planserv.accounts.models import ApiToken
from planserv.accounts.services import membership_grant
from tests.factories import accounts as account_factory
from tests.factories import second_factor as second_factor_factory

pytestmark = pytest.mark.django_db


def _login(persona) -> Client:
    client = Client()
    response = client.post(
        "/login/", {"username": persona.email, "password": account_factory.PASSWORD}
    )
    assert response.status_code == 302, response.content
    if persona.organisation.kind == "operator":  # program staff enter their app's code (R-PPL-3)
        second_factor_factory.enter_code(client, persona.user)
    return client


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("benefits_admin", "Customer home"),
        ("project_manager", "Customer home"),
        ("global_admin", "Partner home"),
        ("partner_admin", "Partner home"),
        ("program_admin", "Program operations"),
        ("auditor", "Program operations"),
    ],
)
def test_each_side_sees_its_home_with_program_date_and_next_milestone(
    persona, pin_clock, role, heading
):
    pin_clock(dt.date(2021, 6, 1))
    page = _login(persona(role)).get("/").content.decode()
    assert heading in page
    assert "1 June 2021" in page
    assert "Last day to create vouchers" in page and "in 29 days" in page


def test_anonymous_visitors_are_sent_to_login():
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_login_is_throttled_after_five_failures_rel_8(persona):
    member = persona("member")
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": member.email, "password": "wrong"})
    response = client.post(
        "/login/", {"username": member.email, "password": account_factory.PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()


def test_csrf_is_enforced_on_portal_forms_rel_8(persona):
    member = persona("member")
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)
    assert client.post("/profile/tokens/", {"name": "x"}).status_code == 403


def test_user_switches_between_organisations_r_role_2(persona, customer_org):
    partner = persona("partner_admin")
    second = membership_grant(
        user=partner.user,
        organisation=customer_org,
        role="benefits_admin",
        actor=account_factory.SYSTEM,
        at=account_factory.AT,
        today=account_factory.TODAY,
    )
    client = _login(partner)
    client.post("/switch/", {"membership": partner.membership.pk})
    assert "Partner home" in client.get("/").content.decode()
    client.post("/switch/", {"membership": second.pk})
    assert "Customer home" in client.get("/").content.decode()


def test_switching_to_a_foreign_membership_is_refused_r_role_1(persona):
    mine, other = persona("partner_admin"), persona("benefits_admin")
    client = _login(mine)
    client.post("/switch/", {"membership": other.membership.pk})
    assert "Partner home" in client.get("/").content.decode()


def test_profile_creates_lists_and_revokes_tokens(persona):
    member = persona("partner_admin")
    client = _login(member)
    page = client.post("/profile/tokens/", {"name": "ERP", "membership": member.membership.pk})
    secret = page.context["new_secret"]
    assert secret.startswith("psv_") and secret in page.content.decode()
    token = ApiToken.objects.get()
    api = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200
    client.post(f"/profile/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert (
        Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_cannot_revoke_another_users_token_r_role_1(persona):
    owner, intruder = persona("partner_admin"), persona("member")
    _login(owner).post("/profile/tokens/", {"name": "mine", "membership": owner.membership.pk})
    token = ApiToken.objects.get()
    _login(intruder).post(f"/profile/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is None
