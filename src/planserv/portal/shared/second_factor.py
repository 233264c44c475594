"""The second factor's pages (R-PPL-3): set up an authenticator app (QR code and the secret as
text, then ten recovery codes), the code asked after signing in, turning it off on the profile
page, and the managing member's reset of a person's lost factor."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from planserv.accounts.errors import SecondFactorCodeWrong
from planserv.accounts.middleware import SECOND_FACTOR_PENDING_KEY
from planserv.accounts.second_factor import (
    has_second_factor,
    is_managing,
    may_reset_for,
    must_use_second_factor,
    pending_app_device,
    second_factor_disable,
    second_factor_enroll,
    second_factor_reset,
    second_factor_verify,
)
from planserv.accounts.selectors import members_with_second_factor
from planserv.core import clock
from planserv.core.actor import Actor
from planserv.core.errors import DomainError
from planserv.portal.decorators import actor_of, portal_view, user_of

# A sign-in step shows no menu or organisation switcher: none of it opens before the factor.
SIGN_IN_STEP: dict[str, object] = {"navigation": [], "memberships": [], "active_membership": None}


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label=gettext_lazy("Code"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _actor(request: HttpRequest) -> Actor:
    """The signed-in person's actor; a person without a membership yet acts as themselves."""
    actor = getattr(request, "actor", None)
    if isinstance(actor, Actor):
        return actor
    user = user_of(request)
    return Actor(
        user_id=user.pk,
        email=user.email,
        organisation_id=None,
        organisation_kind=None,
        organisation_name="",
        role=None,
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the secret), confirm with a code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = user_of(request)
    if has_second_factor(user):
        messages.info(request, _("Your second factor is already on."))
        return redirect(_next(request))
    device = pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolled = second_factor_enroll(
                user=user,
                device_id=device.pk,
                code=form.cleaned_data["code"],
                actor=_actor(request),
                at=clock.now(),
                today=clock.today(),
            )
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            django_otp.login(request, enrolled.device)
            request.session[SECOND_FACTOR_PENDING_KEY] = False
            context = {"codes": enrolled.recovery_codes, "next": _next(request), **SIGN_IN_STEP}
            return render(request, "portal/common/second_factor_codes.html", context)
    return render(
        request,
        "portal/common/second_factor_setup.html",
        _setup_context(request, device, form),
        status=400 if form.errors else 200,
    )


def _setup_context(request: HttpRequest, device: TOTPDevice, form: CodeForm) -> dict[str, object]:
    qr = segno.make(device.config_url, error="m")
    return {
        "form": form,
        "qr": qr.svg_data_uri(scale=5, border=2, dark="#111"),
        "secret": _grouped(b32encode(device.bin_key).decode()),
        "required": must_use_second_factor(user_of(request)),
        "next": _next(request),
        **SIGN_IN_STEP,
    }


def verify(request: HttpRequest) -> HttpResponse:
    """After the password (or single sign-on): a code from the app, or a recovery code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = user_of(request)
    if not has_second_factor(user):
        return redirect(
            f"{reverse('portal:second_factor_setup')}?{urlencode({'next': _next(request)})}"
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = second_factor_verify(
                user=user,
                code=form.cleaned_data["code"],
                actor=_actor(request),
                at=clock.now(),
                today=clock.today(),
            )
        except SecondFactorCodeWrong as error:
            form.add_error("code", error.message)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            django_otp.login(request, verified.device)
            request.session[SECOND_FACTOR_PENDING_KEY] = False
            if verified.used_recovery_code:
                messages.warning(
                    request,
                    _("You used a recovery code; %(count)s are left. Each works once.")
                    % {"count": verified.recovery_codes_left},
                )
            return redirect(_next(request))
    return render(
        request,
        "portal/common/second_factor_verify.html",
        {"form": form, "next": _next(request), **SIGN_IN_STEP},
        status=400 if form.errors else 200,
    )


@require_POST
@portal_view()
def disable(request: HttpRequest) -> HttpResponse:
    """Turn one's own second factor off (not for program staff)."""
    try:
        second_factor_disable(
            user=user_of(request), actor=actor_of(request), at=clock.now(), today=clock.today()
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your second factor is off. You can turn it on again here."))
    return redirect("portal:profile")


@portal_view()
def reset(request: HttpRequest) -> HttpResponse:
    """The managing member (or a program admin) resets a member's lost second factor."""
    actor = actor_of(request)
    members = [m for m in members_with_second_factor(actor=actor) if may_reset_for(actor, m)]
    if request.method == "POST":
        chosen = next((m for m in members if str(m.pk) == request.POST.get("member")), None)
        if chosen is None:
            messages.error(request, _("Choose a person from the list."))
        else:
            try:
                second_factor_reset(
                    membership=chosen, actor=actor, at=clock.now(), today=clock.today()
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "The second factor of %(email)s is reset. They set up a new one "
                        "at their next sign-in."
                    )
                    % {"email": chosen.user.email},
                )
                return redirect("portal:second_factor_reset")
    may_reset = is_managing(actor)
    return render(
        request,
        "portal/common/second_factor_reset.html",
        {"members": members, "may_reset": may_reset},
        status=200 if may_reset else 403,
    )


def second_factor_status(request: HttpRequest) -> dict[str, bool]:
    """The profile page's second factor section."""
    user = user_of(request)
    actor = getattr(request, "actor", None)
    return {
        "on": has_second_factor(user),
        "required": must_use_second_factor(user),
        "may_reset": isinstance(actor, Actor) and is_managing(actor),
    }


def second_factor_step(request: HttpRequest) -> HttpResponse:
    """Send the person to enter a code (or set the factor up), then back to this page."""
    name = "portal:second_factor_verify"
    if not has_second_factor(user_of(request)):
        name = "portal:second_factor_setup"
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
