"""People and access pages (R-PPL-1, R-PPL-2, R-PPL-4): people, invitation acceptance, password
reset and change; support acting for a firm never reaches people or payment details."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from planserv.accounts.acting import support_acting_start
from planserv.accounts.middleware import ACTING_KEY, SESSION_KEY
from planserv.accounts.models import Invitation, Membership, User
from planserv.accounts.selectors import actor_for_membership
from planserv.core import clock
from planserv.notifications.models import OutboxMessage
from tests.factories import accounts as account_factory

NEW_PASSWORD = "plum-tree-harbour-42"


def _client(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = membership.pk
    session.save()
    return client


def _link(template: str, to: str) -> str:
    mail = OutboxMessage.objects.filter(template=template, to_email=to).order_by("-pk").first()
    assert mail is not None
    found = re.search(r"https?://[^/\s]+(/\S+)", mail.body_text)
    assert found is not None
    return found.group(1)


@pytest.mark.django_db
class TestPeoplePages:
    def test_the_managing_role_sees_members_and_invites(self, persona):
        manager = persona("global_admin").membership
        colleague = persona("partner_admin").membership
        client = _client(manager)
        page = client.get("/people/")
        assert page.status_code == 200
        assert colleague.user.email in page.content.decode()
        assert b"Partner admin" in page.content
        response = client.post(
            "/people/invite/", {"email": "new@example.test", "roles": ["partner_admin"]}
        )
        assert response.status_code == 302
        assert Invitation.objects.get().email == "new@example.test"
        assert b"new@example.test" in client.get("/people/").content

    def test_another_role_gets_403_and_no_menu_item(self, persona):
        client = _client(persona("partner_admin").membership)
        assert client.get("/people/").status_code == 403
        assert b'href="/people/"' not in client.get("/").content

    def test_demoting_the_last_manager_says_why_in_plain_words_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        client = _client(manager)
        response = client.post(f"/people/{manager.user_id}/", {"roles": ["member"]})
        text = response.content.decode()
        assert response.status_code == 400
        assert "last global admin" in text
        assert "R-PPL" not in text
        assert Membership.objects.get(pk=manager.pk).is_active

    def test_support_acting_for_the_firm_cannot_open_people_or_bank_details_r_ppl_4(self, persona):
        support = persona("support").membership
        firm = persona("global_admin").organisation
        session = support_acting_start(
            actor=actor_for_membership(support),
            organisation=firm,
            role="global_admin",
            reason="helping them finish the steps",
            at=clock.real_now(),
            today=account_factory.TODAY,
        )
        client = _client(support)
        stored = client.session
        stored[ACTING_KEY] = session.pk
        stored.save()
        for path in ("/people/", "/partner/payments/register/"):
            response = client.get(path)
            assert response.status_code == 403, path
            assert b"only its own members can" in response.content
        assert b'href="/people/"' not in client.get("/").content
        assert client.get("/partner/profile/edit/").status_code == 200  # a program step


@pytest.mark.django_db
class TestAcceptInvitation:
    def test_a_new_person_chooses_a_password_and_is_signed_in(self, persona):
        manager = persona("global_admin").membership
        _client(manager).post(
            "/people/invite/", {"email": "dana@example.test", "roles": ["partner_admin"]}
        )
        path = _link("invitation", "dana@example.test")
        client = Client()
        assert b"Join Contoso Consulting" in client.get(path).content
        response = client.post(
            path,
            {"full_name": "Dana Park", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
        )
        assert response.status_code == 302 and response["Location"] == "/"
        home = client.get("/")
        assert home.status_code == 200
        assert User.objects.get(email="dana@example.test").full_name == "Dana Park"
        gone = Client().get(path)
        assert gone.status_code == 410
        assert b"does not work any more" in gone.content

    def test_a_weak_password_is_refused_in_plain_words(self, persona):
        manager = persona("global_admin").membership
        _client(manager).post(
            "/people/invite/", {"email": "dana@example.test", "roles": ["member"]}
        )
        path = _link("invitation", "dana@example.test")
        response = Client().post(
            path, {"full_name": "Dana", "password": "123", "password_again": "123"}
        )
        assert response.status_code == 200
        assert b"too short" in response.content
        assert not User.objects.filter(email="dana@example.test").exists()

    def test_an_existing_account_is_linked_and_asked_to_sign_in(self, persona):
        manager = persona("global_admin").membership
        other = account_factory.member(account_factory.organisation("customer"), "benefits_admin")
        _client(manager).post("/people/invite/", {"email": other.user.email, "roles": ["member"]})
        path = _link("invitation", other.user.email)
        response = Client().post(path, {})
        assert response.status_code == 302 and response["Location"] == "/login/"
        assert Membership.objects.filter(
            user=other.user, organisation=manager.organisation, role="member"
        ).exists()


@pytest.mark.django_db
class TestPasswordPages:
    def test_login_page_links_to_the_reset(self, db):
        assert b'href="/password/reset/"' in Client().get("/login/").content

    def test_the_answer_is_the_same_for_known_and_unknown_addresses_r_ppl_2(self, persona):
        user = persona("member").user
        answers = []
        for address in (user.email, "nobody@example.test"):
            client = Client()
            response = client.post("/password/reset/", {"email": address}, follow=True)
            answers.append((response.status_code, response.redirect_chain, _flash(response)))
        assert answers[0] == answers[1]
        assert OutboxMessage.objects.filter(template="password_reset").count() == 1

    def test_the_link_sets_a_new_password_once_r_ppl_2(self, persona):
        user = persona("member").user
        Client().post("/password/reset/", {"email": user.email})
        path = _link("password_reset", user.email)
        response = Client().post(path, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert Client().get(path).status_code == 410

    def test_password_change_on_the_profile_page_r_ppl_2(self, persona):
        membership = persona("member").membership
        client = _client(membership)
        assert b"Change the password" in client.get("/profile/").content
        response = client.post(
            "/profile/password/",
            {
                "current": account_factory.PASSWORD,
                "password": NEW_PASSWORD,
                "password_again": NEW_PASSWORD,
            },
            follow=True,
        )
        assert "Your password is changed." in _flash(response)
        assert client.get("/profile/").status_code == 200  # still signed in
        membership.user.refresh_from_db()
        assert membership.user.check_password(NEW_PASSWORD)


def _flash(response: object) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""  # type: ignore[attr-defined]
