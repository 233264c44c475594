"""Language and time zone (docs/i18n.md): the switcher in every page's header and the profile
page's preferences. Plain forms, no JavaScript needed.

The switcher sets the language cookie for anyone; for a signed-in person it also saves the
preference (audited), so the next sign-in on another device opens in the same language.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from planserv.accounts.language import (
    InvalidPreference,
    language_codes,
    preferences_update,
    time_zone_names,
)
from planserv.accounts.models import User
from planserv.core import clock
from planserv.core.actor import Actor


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _actor(request: HttpRequest, user: User) -> Actor:
    actor = getattr(request, "actor", None)
    if isinstance(actor, Actor):
        return actor
    return Actor(
        user_id=user.pk,
        email=user.email,
        organisation_id=None,
        organisation_kind=None,
        organisation_name="",
        role=None,
        request_id=getattr(request, "request_id", ""),
    )


def _set_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """The header's language switcher: back to the page it was on, in the chosen language."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_next(request))
    if language not in language_codes():
        return response
    _set_cookie(response, language)
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        preferences_update(
            user=user,
            language=language,
            actor=_actor(request, user),
            at=clock.now(),
            today=clock.today(),
        )
    return response


def _time_zone_choices() -> list[tuple[str, object]]:
    program = settings.PROGRAM_TIME_ZONE
    return [("", gettext_lazy("The program's time zone"))] + [
        (name, name.replace("_", " ")) for name in time_zone_names() if name != program
    ]


def _language_choices() -> list[tuple[str, object]]:
    return [("", gettext_lazy("The browser's language")), *settings.LANGUAGES]


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=_language_choices, required=False
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone"),
        choices=_time_zone_choices,
        required=False,
        help_text=gettext_lazy(
            "Times of day (sent, created, recorded) are shown in this zone. Rule dates such as "
            "expiry dates and deadlines are program dates and stay the same everywhere."
        ),
    )


def preferences_form(user: object) -> PreferencesForm:
    return PreferencesForm(
        initial={
            "language": getattr(user, "language", ""),
            "time_zone": getattr(user, "time_zone", ""),
        }
    )


@require_POST
def preferences_save(request: HttpRequest) -> HttpResponse:
    """The profile page's preferences form."""
    user = request.user
    if not (isinstance(user, User) and user.is_authenticated):
        return redirect("portal:login")
    form = PreferencesForm(request.POST)
    response = HttpResponseRedirect(reverse("portal:profile") + "#preferences")
    if not form.is_valid():
        messages.error(request, _("Choose a language and a time zone from the lists."))
        return response
    try:
        preferences_update(
            user=user,
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"],
            actor=_actor(request, user),
            at=clock.now(),
            today=clock.today(),
        )
    except InvalidPreference as error:
        messages.error(request, str(error.message))
        return response
    language = form.cleaned_data["language"]
    if language:
        _set_cookie(response, language)
        translation.activate(language)
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
    messages.success(request, _("Your preferences are saved."))
    return response
