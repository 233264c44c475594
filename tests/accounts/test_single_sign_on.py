"""R-PPL-2 single sign-on against a real OpenID Connect provider started by the test (a second
process: django-oauth-toolkit, RS256-signed ID tokens, PKCE required): real redirects, the token
exchange and the signature check by mozilla-django-oidc, nothing of the library mocked. Also the
settings (portal and API, audited), password sign-in refused when required, and a provider that
does not answer."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.test import Client

from planserv.accounts.models import Membership, SingleSignOn, User
from planserv.accounts.selectors import actor_for_membership
from planserv.accounts.single_sign_on import SingleSignOnInput, single_sign_on_save
from planserv.audit.models import AuditEvent
from tests.accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, PASSWORD, running_provider
from tests.factories import accounts as account_factory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # a real OpenID provider process per test
CALLBACK = "http://testserver/sign-in/organisation/callback/"


def configure(persona, issuer: str, *, domain: str = "fabrikam.example", required: bool = False):  # type: ignore[no-untyped-def]
    admin = persona("global_admin")
    return single_sign_on_save(
        organisation=admin.organisation,
        data=SingleSignOnInput(
            issuer=issuer,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            allowed_domains=(domain,),
            required=required,
        ),
        actor=actor_for_membership(admin.membership),
        at=account_factory.AT,
        today=account_factory.TODAY,
    )


def sign_in_at_provider(client: Client, email: str, username: str) -> object:
    """Follow the redirects by hand: planserv → provider's login form → provider → callback."""
    chosen = client.post("/sign-in/organisation/", {"email": email})
    link = re.search(
        r'href="([^"]+)" role="button" data-testid="sso-continue"', chosen.content.decode()
    )
    assert link and link.group(1).startswith("/sign-in/organisation/start/")
    to_provider = client.get(link.group(1))
    assert to_provider.status_code == 302
    authorize = to_provider["Location"]
    query = parse_qs(urlparse(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    browser = requests.Session()
    login_page = browser.get(authorize, timeout=10)  # redirected to the provider's login form
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text)
    assert csrf, login_page.text[:500]
    back = browser.post(
        login_page.url,
        data={
            "csrfmiddlewaretoken": csrf.group(1),
            "username": username,
            "password": PASSWORD,
            "next": parse_qs(urlparse(login_page.url).query)["next"][0],
        },
        headers={"Referer": login_page.url},
        allow_redirects=False,
        timeout=10,
    )
    authorized = browser.get(
        requests.compat.urljoin(login_page.url, back.headers["Location"]),
        allow_redirects=False,
        timeout=10,
    )
    callback = authorized.headers["Location"]
    assert callback.startswith(CALLBACK), callback
    return client.get(callback.removeprefix("http://testserver"))


@pytest.fixture
def provider(tmp_path):  # type: ignore[no-untyped-def]
    people = [
        {"username": "ana", "email": "ana@fabrikam.example"},
        {"username": "stranger", "email": "stranger@fabrikam.example"},
        {"username": "unsure", "email": "unsure@fabrikam.example", "first_name": "unverified"},
    ]
    with running_provider(tmp_path, redirect_uris=[CALLBACK], people=people) as running:
        yield running


def test_a_member_signs_in_through_the_organisations_provider(persona, provider):
    configure(persona, provider.issuer)
    member = persona("partner_admin")
    User.objects.filter(pk=member.user.pk).update(email="ana@fabrikam.example")
    client = Client()
    response = sign_in_at_provider(client, "ana@fabrikam.example", "ana")
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and "Partner home" in home.content.decode()


def test_nobody_becomes_a_member_by_signing_in(persona, provider):
    configure(persona, provider.issuer)
    users, memberships = User.objects.count(), Membership.objects.count()
    client = Client()
    response = sign_in_at_provider(client, "stranger@fabrikam.example", "stranger")
    assert response.status_code == 403
    assert "is not a member of" in response.content.decode()
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
    assert client.get("/").status_code == 302  # not signed in


def test_a_pending_invitation_is_accepted_by_signing_in_with_the_invited_email(persona, provider):
    """R-PPL-1 with R-PPL-2: the provider confirmed the invited address, so the invitation is
    accepted as if its link had been opened; the new account has no password."""
    from planserv.accounts.invitations import invitation_create
    from planserv.accounts.models import Invitation
    from planserv.core import clock

    configure(persona, provider.issuer)
    admin = persona("global_admin")
    invitation_create(
        actor=actor_for_membership(admin.membership),
        organisation=admin.organisation,
        email="stranger@fabrikam.example",
        roles=["partner_admin"],
        full_name="Sam Stranger",
        at=clock.real_now(),
        today=account_factory.TODAY,
    )
    client = Client()
    response = sign_in_at_provider(client, "stranger@fabrikam.example", "stranger")
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(email="stranger@fabrikam.example")
    assert not user.has_usable_password()
    assert Membership.objects.filter(
        user=user, organisation=admin.organisation, role="partner_admin", is_active=True
    ).exists()
    assert Invitation.objects.get(email="stranger@fabrikam.example").accepted_by == user
    assert AuditEvent.objects.filter(action="accounts.invitation.accepted").exists()


def test_an_unconfirmed_email_is_refused(persona, provider):
    configure(persona, provider.issuer)
    member = persona("member")
    User.objects.filter(pk=member.user.pk).update(email="unsure@fabrikam.example")
    response = sign_in_at_provider(Client(), "unsure@fabrikam.example", "unsure")
    assert response.status_code == 403
    assert "did not confirm your email address" in response.content.decode()


def test_operator_staff_still_need_the_second_factor_after_single_sign_on(persona, provider):
    staff = persona("auditor")
    single_sign_on_save(
        organisation=staff.organisation,
        data=SingleSignOnInput(
            provider.issuer, CLIENT_ID, CLIENT_SECRET, ("fabrikam.example",), False
        ),
        actor=actor_for_membership(persona("program_admin").membership),
        at=account_factory.AT,
        today=account_factory.TODAY,
    )
    User.objects.filter(pk=staff.user.pk).update(email="ana@fabrikam.example")
    client = Client()
    sign_in_at_provider(client, "ana@fabrikam.example", "ana")
    assert client.get("/")["Location"].startswith("/sign-in/second-factor/setup/")


def test_a_provider_that_does_not_answer_gets_a_plain_page(persona):
    from tests.accounts.oidc_provider import free_port

    configure(persona, f"http://127.0.0.1:{free_port()}/o")
    client = Client()
    client.post("/sign-in/organisation/", {"email": "ana@fabrikam.example"})
    response = client.get("/sign-in/organisation/start/")
    assert response.status_code == 503
    assert "sign-in is not answering" in response.content.decode()


def test_an_unknown_domain_is_told_to_use_the_password(db):
    response = Client().post("/sign-in/organisation/", {"email": "x@nowhere.example"}, follow=True)
    assert "No organisation signs in with that email address" in response.content.decode()


def test_required_single_sign_on_refuses_the_password(persona):
    configure(persona, "https://login.microsoftonline.com/t/v2.0", required=True)
    member = persona("member")
    response = Client().post(
        "/login/", {"username": member.email, "password": account_factory.PASSWORD}
    )
    assert response.status_code == 200
    assert "signs its people in through its own sign-in" in response.content.decode()
    other = persona("benefits_admin")  # another organisation: passwords as before
    assert (
        Client()
        .post("/login/", {"username": other.email, "password": account_factory.PASSWORD})
        .status_code
        == 302
    )


def test_the_managing_member_saves_the_settings_in_the_portal_audited(persona):
    admin = persona("global_admin")
    client = Client()
    client.force_login(admin.user)
    page = client.get("/organisation/sign-in/").content.decode()
    assert "/sign-in/organisation/callback/" in page
    response = client.post(
        "/organisation/sign-in/",
        {
            "issuer": "https://login.microsoftonline.com/tenant-1/v2.0",
            "client_id": "app-1",
            "client_secret": "secret-1",
            "allowed_domains": "Fabrikam.example, fabrikam.de",
            "required": "on",
        },
    )
    assert response.status_code == 302
    sso = SingleSignOn.objects.get(organisation=admin.organisation)
    assert sso.allowed_domains == ["fabrikam.de", "fabrikam.example"] and sso.required
    event = AuditEvent.objects.get(action="accounts.single_sign_on.saved")
    assert "secret-1" not in str(event.after) and event.after["client_secret_changed"] is True
    member = persona("partner_admin")
    other = Client()
    other.force_login(member.user)
    assert other.get("/organisation/sign-in/").status_code == 403


def test_the_api_twin_reads_and_saves_the_settings(persona, api_as):
    admin = persona("global_admin")
    from tests.conftest import ApiClient

    api = ApiClient(admin.membership)
    path = f"/organisations/{admin.organisation.public_id}/single-sign-on"
    assert api.get(path).json()["configured"] is False
    body = {
        "issuer": "https://login.microsoftonline.com/tenant-2/v2.0",
        "client_id": "app-2",
        "client_secret": "secret-2",
        "allowed_domains": ["fabrikam.example"],
        "required": False,
    }
    saved = api.send("PUT", path, body)
    assert saved.status_code == 200, saved.content
    assert saved.json()["allowed_domains"] == ["fabrikam.example"]
    assert "secret" not in saved.json() or "secret-2" not in str(saved.json())
    bad = api.send("PUT", path, {**body, "allowed_domains": ["not a domain"]})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "single_sign_on_invalid"
    member = ApiClient(persona("member").membership)
    assert member.get(path).status_code == 403
