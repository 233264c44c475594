"""Language and time zone of a request, and a person's preferences for both (docs/i18n.md).

- Portal pages: the signed-in person's profile preference, else the language cookie (set by the
  switcher), else `Accept-Language`, else English. Django's LocaleMiddleware handles the cookie and
  the header; PreferredLanguageMiddleware (after authentication) applies the preference.
- The API (/api/): the request's `Accept-Language` only, never the profile or a cookie, so an
  integration gets its error sentences in the language it asks for.
- Timestamps are shown in the person's time zone, else the program's (core/clock.py); rule dates
  stay program dates whatever the zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from planserv.accounts.models import User
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput

API_PREFIX = "/api/"


class InvalidPreference(InvalidInput):
    code = "invalid_preference"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def supported_language(code: str | None) -> str | None:
    """The shipped language for a code ("de-AT" → "de"), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def language_from_accept(header: str) -> str:
    """The first shipped language an `Accept-Language` header asks for, else LANGUAGE_CODE."""
    for code, _quality in parse_accept_lang_header(header or ""):
        if code == "*":
            break
        found = supported_language(code)
        if found:
            return found
    return settings.LANGUAGE_CODE


def time_zone_names() -> list[str]:
    """Every IANA zone a person may choose, sorted (the program's zone among them)."""
    return sorted(name for name in available_timezones() if "/" in name or name == "UTC")


def is_time_zone(name: str) -> bool:
    if not name or name not in available_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def user_time_zone(user: object) -> ZoneInfo:
    """The zone timestamps are shown in for this person: their preference, else the program's."""
    name = getattr(user, "time_zone", "") or ""
    return ZoneInfo(name if is_time_zone(name) else settings.PROGRAM_TIME_ZONE)


def user_language(user: object) -> str | None:
    """The person's preferred shipped language, or None (then the browser decides)."""
    return supported_language(getattr(user, "language", "") or None)


class EarlyLanguageMiddleware:
    """Before the guards (admission, body and input checks), which may answer an API request on
    their own: /api gets its Accept-Language at once, every other path starts from English (no
    language left over from the thread's previous request). LocaleMiddleware decides later."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            translation.activate(language_from_accept(request.META.get("HTTP_ACCEPT_LANGUAGE", "")))
        else:
            translation.activate(settings.LANGUAGE_CODE)
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """After AuthenticationMiddleware: the profile's language and time zone for portal pages;
    `Accept-Language` alone for the API (its bearer token is read later, by the API)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            language = language_from_accept(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
            translation.activate(language)
            request.LANGUAGE_CODE = language
            timezone.activate(ZoneInfo(settings.PROGRAM_TIME_ZONE))
        else:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
            preferred = user_language(user) if signed_in else None
            if preferred:
                translation.activate(preferred)
                request.LANGUAGE_CODE = preferred
            timezone.activate(user_time_zone(user if signed_in else None))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


@transaction.atomic
def preferences_update(
    *,
    user: User,
    language: str | None = None,
    time_zone: str | None = None,
    actor: Actor,
    at: dt.datetime,
    today: dt.date,
) -> User:
    """Change a person's language ("" = the browser's) and/or time zone ("" = the program's);
    audited. None leaves a preference as it is. Raises InvalidPreference."""
    user = User.objects.select_for_update().get(pk=user.pk)
    changes: dict[str, str] = {}
    if language is not None:
        language = language.strip()
        if language and language not in language_codes():
            raise InvalidPreference(
                _("Choose one of the languages offered: %(languages)s.")
                % {"languages": ", ".join(language_codes())}
            )
        changes["language"] = language
    if time_zone is not None:
        time_zone = time_zone.strip()
        if time_zone and not is_time_zone(time_zone):
            raise InvalidPreference(
                _("%(zone)s is not a time zone. Choose one such as Europe/Berlin or Asia/Tokyo.")
                % {"zone": time_zone[:64]}
            )
        changes["time_zone"] = time_zone
    changed = {key: value for key, value in changes.items() if getattr(user, key) != value}
    if not changed:
        return user
    before = {key: getattr(user, key) for key in changed}
    for key, value in changed.items():
        setattr(user, key, value)
    user.save(update_fields=list(changed))
    audit_record(
        actor=actor,
        action=AuditEventType.PREFERENCES_CHANGED,
        subject=user,
        at=at,
        program_date=today,
        subject_label=user.email,
        before=before,
        after=changed,
    )
    return user
