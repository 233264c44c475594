"""Issue 24: which language and time zone a request gets, and the ways to choose them: the
header's switcher (anonymous: the cookie; signed in: also the saved preference), the profile's
preferences, Accept-Language for the portal and, alone, for the API; e-mail in the recipient's
language; timestamps in the person's zone with program dates said to be program dates."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from planserv.accounts.language import (
    InvalidPreference,
    language_from_accept,
    preferences_update,
)
from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from planserv.core import formatting
from planserv.notifications.messages import PasswordChangedMessage, Recipient, render, send
from planserv.notifications.models import OutboxMessage
from tests.factories import accounts as account_factory

pytestmark = pytest.mark.django_db
COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:  # type: ignore[no-untyped-def]
    found = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert found, "no <html lang>"
    return found.group(1)


def signed_in(persona, role: str = "benefits_admin", **preferences: str):  # type: ignore[no-untyped-def]
    member = persona(role)
    user = member.membership.user
    if preferences:
        for key, value in preferences.items():
            setattr(user, key, value)
        user.save()
    client = Client()
    client.force_login(user)
    return client, user


class TestAcceptLanguage:
    def test_the_first_shipped_language_asked_for_wins(self):
        assert language_from_accept("ja,en;q=0.5") == "ja"
        assert language_from_accept("pt-BR,de-AT;q=0.8,en;q=0.5") == "de"
        assert language_from_accept("pt-BR") == "en"
        assert language_from_accept("") == "en"

    def test_an_anonymous_page_follows_the_browser(self):
        response = Client().get("/login/", headers={"Accept-Language": "de-DE,de;q=0.9"})
        assert response.status_code == 200
        assert html_lang(response) == "de"
        assert "Zum Inhalt springen" in response.content.decode()
        assert response["Content-Language"] == "de"

    def test_english_stays_the_default(self):
        response = Client().get("/login/")
        assert html_lang(response) == "en"
        assert "Skip to content" in response.content.decode()


class TestSwitcher:
    def test_every_page_has_a_switcher_that_works_without_javascript(self):
        page = Client().get("/login/").content.decode()
        form = re.search(r'<form method="post" action="/language/"[^>]*>(.*?)</form>', page, re.S)
        assert form, "no language form posting to /language/"
        assert 'name="language"' in form.group(1) and '<input type="submit"' in form.group(1)
        for code, name in settings.LANGUAGES:
            assert f'value="{code}"' in form.group(1) and name in form.group(1)

    def test_anonymous_choice_sets_the_cookie_and_returns_to_the_page(self):
        client = Client()
        response = client.post("/language/", {"language": "ja", "next": "/login/"})
        assert response.status_code == 302 and response["Location"] == "/login/"
        assert response.cookies[COOKIE].value == "ja"
        page = client.get("/login/")
        assert html_lang(page) == "ja"
        assert "コンテンツへスキップ" in page.content.decode()

    def test_unknown_language_and_foreign_next_change_nothing(self):
        response = Client().post("/language/", {"language": "xx", "next": "https://evil.example/"})
        assert response["Location"] == "/"
        assert COOKIE not in response.cookies

    def test_signed_in_choice_is_saved_as_the_preference_and_audited(self, persona):
        client, user = signed_in(persona)
        response = client.post("/language/", {"language": "fr", "next": "/profile/"})
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.language == "fr"
        event = AuditEvent.objects.get(action=AuditEventType.PREFERENCES_CHANGED)
        assert event.after == {"language": "fr"} and event.before == {"language": ""}
        assert html_lang(client.get("/profile/")) == "fr"


class TestPreference:
    def test_the_profile_preference_beats_cookie_and_browser(self, persona):
        client, _user = signed_in(persona, language="es")
        client.cookies[COOKIE] = "de"
        response = client.get("/profile/", headers={"Accept-Language": "ja"})
        assert html_lang(response) == "es"
        assert "Saltar" not in response.content.decode()  # (English source: "Skip to content")
        assert "Ir al contenido" in response.content.decode()

    def test_without_a_preference_the_browser_decides(self, persona):
        client, _user = signed_in(persona)
        assert html_lang(client.get("/profile/", headers={"Accept-Language": "de"})) == "de"

    def test_the_profile_form_saves_language_and_time_zone(self, persona):
        client, user = signed_in(persona)
        page = client.get("/profile/").content.decode()
        assert 'id="preferences"' in page and 'name="time_zone"' in page
        response = client.post(
            "/profile/preferences/", {"language": "de", "time_zone": "Asia/Tokyo"}
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert (user.language, user.time_zone) == ("de", "Asia/Tokyo")
        assert response.cookies[COOKIE].value == "de"
        event = AuditEvent.objects.get(action=AuditEventType.PREFERENCES_CHANGED)
        assert event.after == {"language": "de", "time_zone": "Asia/Tokyo"}
        page = client.get("/profile/").content.decode()
        assert "Sprache und Zeitzone" in page
        assert '<option value="Asia/Tokyo" selected>' in page

    def test_a_wrong_zone_or_language_is_refused_in_plain_words(self, persona):
        user = persona("benefits_admin").membership.user
        translation.activate("en")
        with pytest.raises(InvalidPreference, match="not a time zone"):
            preferences_update(
                user=user,
                time_zone="Mars/Olympus",
                actor=account_factory.SYSTEM,
                at=account_factory.AT,
                today=account_factory.TODAY,
            )
        with pytest.raises(InvalidPreference, match="languages offered"):
            preferences_update(
                user=user,
                language="tlh",
                actor=account_factory.SYSTEM,
                at=account_factory.AT,
                today=account_factory.TODAY,
            )
        assert not AuditEvent.objects.filter(action=AuditEventType.PREFERENCES_CHANGED).exists()


class TestApi:
    def test_error_messages_follow_accept_language_not_the_profile(self, api_as):
        api = api_as("benefits_admin")
        me = api.get("/me").json()
        from planserv.accounts.models import User

        User.objects.filter(email=me["email"]).update(language="fr")
        response = api.client.generic(
            "PATCH",
            "/api/v1/me",
            '{"language": "tlh"}',
            content_type="application/json",
            headers={**api._headers(None), "Accept-Language": "de"},
        )
        assert response.status_code == 400
        body = response.json()["error"]
        assert body["code"] == "invalid_preference"
        assert body["message"] == "Wählen Sie eine der angebotenen Sprachen: en, de, fr, es, ja."
        assert response["Content-Language"] == "de"
        english = api.send("PATCH", "/me", {"language": "tlh"}).json()["error"]["message"]
        assert english == "Choose one of the languages offered: en, de, fr, es, ja."

    def test_the_guards_before_the_session_already_speak_the_requests_language(self, rf):
        """The admission, body and input guards may answer /api before LocaleMiddleware runs."""
        from django.http import HttpResponse

        from planserv.accounts.language import EarlyLanguageMiddleware

        seen = []
        middleware = EarlyLanguageMiddleware(
            lambda request: seen.append(translation.get_language()) or HttpResponse()
        )
        translation.activate("fr")  # left over from an earlier request in this thread
        middleware(rf.post("/api/v1/vouchers/validate", headers={"Accept-Language": "ja"}))
        middleware(rf.get("/login/", headers={"Accept-Language": "ja"}))
        assert seen == ["ja", "en"]  # the portal's choice is LocaleMiddleware's, later

    def test_me_reads_and_changes_the_preferences(self, api_as):
        api = api_as("global_admin")
        assert api.get("/me").json()["language"] == ""
        response = api.send("PATCH", "/me", {"language": "ja", "time_zone": "Asia/Tokyo"})
        assert response.status_code == 200, response.content
        assert (response.json()["language"], response.json()["time_zone"]) == ("ja", "Asia/Tokyo")
        assert AuditEvent.objects.filter(action=AuditEventType.PREFERENCES_CHANGED).count() == 1


class TestTimeZone:
    def test_timestamps_are_shown_in_the_persons_zone(self, persona):
        client, _user = signed_in(persona, time_zone="Asia/Tokyo")
        page = client.get("/profile/").content.decode()
        token_time = account_factory.AT  # the fixtures create nothing else at this instant
        assert "Asia/Tokyo" in page  # the dates note names the zone of the times
        assert 'data-testid="program-dates-note"' in page
        assert settings.PROGRAM_TIME_ZONE in page
        with timezone.override(ZoneInfo("Asia/Tokyo")):
            assert formatting.timestamp(token_time) == "6 January 2020 18:00"

    def test_the_default_zone_is_the_programs(self, persona):
        client, _user = signed_in(persona)
        page = client.get("/profile/").content.decode()
        note = re.search(r'data-testid="program-dates-note">(.*?)</small>', page, re.S)
        assert note and settings.PROGRAM_TIME_ZONE in note.group(1)

    def test_timestamp_follows_zone_and_language_while_dates_stay_program_dates(self, settings):
        settings.PROGRAM_TIME_ZONE = "America/Los_Angeles"
        instant = dt.datetime(2021, 6, 15, 23, 30, tzinfo=dt.UTC)
        with timezone.override(ZoneInfo("Europe/Berlin")), translation.override("de"):
            assert formatting.timestamp(instant) == "16. Juni 2021 01:30"
            assert formatting.long_date(instant) == "15. Juni 2021"  # the program's day
        with timezone.override(ZoneInfo("Asia/Tokyo")), translation.override("ja"):
            assert formatting.timestamp(instant) == "2021年6月16日 08:30"


class TestMoney:
    @pytest.mark.parametrize(
        ("language", "text"),
        [
            ("en", "€4,750.00"),
            ("de", "4.750,00\xa0€"),
            ("fr", "4\u202f750,00\xa0€"),
            ("es", "4.750,00\xa0€"),
            ("ja", "€4,750.00"),
        ],
    )
    def test_money_and_numbers_follow_the_active_language(self, language, text):
        from decimal import Decimal

        with translation.override(language):
            assert formatting.money(Decimal("4750"), "EUR") == text
        with translation.override("de"):
            assert formatting.number(Decimal("12345.5")) == "12.345,5"


class TestEmail:
    def test_an_email_is_rendered_in_the_recipients_language(self, persona):
        german = persona("benefits_admin").membership.user
        german.language = "de"
        german.save()
        english = persona("project_manager").membership.user
        changed = dt.datetime(2020, 1, 6, 9, 0, tzinfo=dt.UTC)
        with translation.override("ja"):  # the sender's language plays no part
            send(
                PasswordChangedMessage(
                    recipients=[
                        Recipient.of_user(german, None),
                        Recipient.of_user(english, None),
                    ],
                    changed_at=changed,
                    user_id=german.pk,
                ),
                at=changed,
            )
        to_german = OutboxMessage.objects.get(to_email=german.email)
        to_english = OutboxMessage.objects.get(to_email=english.email)
        assert "Januar" in to_german.body_text and "January" not in to_german.body_text
        assert "January" in to_english.body_text
        # Times in the program's zone, which the e-mail names (America/Los_Angeles: 01:00).
        assert "6 Januar 2020 01:00" in to_german.body_text
        recipient = Recipient.of_user(german, None)
        preview = render(
            PasswordChangedMessage(recipients=[recipient], changed_at=changed, user_id=german.pk),
            recipient,
        )
        assert preview.text == to_german.body_text
