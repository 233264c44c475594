"""Single sign-on pages (R-PPL-2): "Sign in with your organisation" (the email picks the
organisation by its domain), the start and the callback of the OpenID Connect sign-in through
mozilla-django-oidc's views, and the organisation's settings page for its managing member."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import requests
from django import forms
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from planserv.accounts.models import SingleSignOn
from planserv.accounts.oidc import SESSION_ORGANISATION, library_settings
from planserv.accounts.single_sign_on import (
    ProviderUnavailable,
    SingleSignOnInput,
    may_edit_single_sign_on,
    provider_configuration,
    single_sign_on_for_email,
    single_sign_on_save,
)
from planserv.core import clock
from planserv.core.errors import DomainError
from planserv.portal.decorators import actor_of, membership_of, portal_view

UNAVAILABLE = "portal/common/sso_unavailable.html"


class EmailForm(forms.Form):
    email = forms.EmailField(max_length=254)


@require_POST
def begin(request: HttpRequest) -> HttpResponse:
    """The email's domain picks the organisation; its provider signs the person in."""
    form = EmailForm(request.POST)
    sso = single_sign_on_for_email(form.cleaned_data["email"]) if form.is_valid() else None
    if sso is None:
        messages.error(
            request,
            _("No organisation signs in with that email address here. Sign in with your password."),
        )
        return redirect("portal:login")
    request.session[SESSION_ORGANISATION] = sso.organisation_id
    next_url = request.POST.get("next", "")
    start = reverse("portal:sso_start")
    if next_url.startswith("/") and not next_url.startswith("//"):
        start = f"{start}?{urlencode({'next': next_url})}"
    # A page with a link, not a redirect: the login form may only post to this site (CSP
    # form-action), and the way on to the provider is a navigation the person chooses.
    context = {"organisation": sso.organisation, "start": start, "provider": sso.issuer}
    return render(request, "portal/common/sso_continue.html", context)


def _chosen(request: HttpRequest) -> SingleSignOn | None:
    organisation_id = request.session.get(SESSION_ORGANISATION)
    return (
        SingleSignOn.objects.select_related("organisation")
        .filter(organisation_id=organisation_id or 0)
        .first()
    )


def _unavailable(request: HttpRequest, sso: SingleSignOn) -> HttpResponse:
    return render(request, UNAVAILABLE, {"organisation": sso.organisation}, status=503)


class StartView(OIDCAuthenticationRequestView):
    """Redirects to the organisation's provider: authorization code with PKCE (S256)."""

    def __init__(self, **kwargs: Any) -> None:
        self.library: dict[str, Any] = {}
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get_settings(self, attr: str, *args: Any) -> Any:
        if attr in self.library:
            return self.library[attr]
        from mozilla_django_oidc.utils import import_from_settings

        return import_from_settings(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        sso = _chosen(request)
        if sso is None:
            return redirect("portal:login")
        try:
            provider = provider_configuration(sso)
        except ProviderUnavailable:
            return _unavailable(request, sso)
        self.library = library_settings(sso, provider)
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = sso.client_id
        response: HttpResponse = super().get(request)
        return response


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the person back with a code: exchanged for tokens, the ID token's
    signature, issuer, audience, expiry and nonce checked, the person matched by email."""

    def get(self, request: HttpRequest) -> HttpResponse:
        sso = _chosen(request)
        if sso is None:
            return redirect("portal:login")
        self.sso = sso
        try:
            request.sso_prepared = (sso, provider_configuration(sso))  # type: ignore[attr-defined]
            response: HttpResponse = super().get(request)
        except (ProviderUnavailable, requests.RequestException):
            return _unavailable(request, sso)
        except SuspiciousOperation:
            return self._refused(request, _("The sign-in could not be checked. Please try again."))
        return response

    @property
    def success_url(self) -> str:
        next_url = self.request.session.get("oidc_login_next") or ""
        return next_url if next_url.startswith("/") and not next_url.startswith("//") else "/"

    def login_failure(self) -> HttpResponse:
        reason = getattr(self.request, "sso_refusal", "") or (
            _("Your organisation's sign-in did not let you in. Please try again.")
        )
        return self._refused(self.request, reason)

    def _refused(self, request: HttpRequest, reason: str) -> HttpResponse:
        context = {"organisation": self.sso.organisation, "reason": reason}
        return render(request, "portal/common/sso_refused.html", context, status=403)


class SettingsForm(forms.Form):
    issuer = forms.CharField(
        max_length=300,
        label=gettext_lazy("Issuer"),
        help_text=gettext_lazy(
            "For Microsoft Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0"
        ),
    )
    client_id = forms.CharField(max_length=200, label=gettext_lazy("Client id (application id)"))
    client_secret = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.PasswordInput,
        label=gettext_lazy("Client secret"),
        help_text=gettext_lazy("Leave empty to keep the stored secret."),
    )
    allowed_domains = forms.CharField(
        max_length=1000,
        label=gettext_lazy("Email domains"),
        help_text=gettext_lazy("Separated by spaces or commas, e.g. fabrikam.com fabrikam.de"),
    )
    required = forms.BooleanField(
        required=False,
        label=gettext_lazy("Members must sign in through the organisation (no passwords)"),
    )


@portal_view()
def settings_page(request: HttpRequest) -> HttpResponse:
    """The organisation's single sign-on settings (its managing member, or a program admin)."""
    actor = actor_of(request)
    organisation = membership_of(request).organisation
    if not may_edit_single_sign_on(actor, organisation):
        return render(
            request,
            "portal/common/forbidden.html",
            {"reason": _("Only your organisation's managing member may change its sign-in.")},
            status=403,
        )
    existing = SingleSignOn.objects.filter(organisation=organisation).first()
    initial = {}
    if existing is not None:
        initial = {
            "issuer": existing.issuer,
            "client_id": existing.client_id,
            "allowed_domains": " ".join(existing.allowed_domains),
            "required": existing.required,
        }
    form = SettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            single_sign_on_save(
                organisation=organisation,
                data=SingleSignOnInput(
                    issuer=data["issuer"],
                    client_id=data["client_id"],
                    client_secret=data["client_secret"],
                    allowed_domains=tuple(data["allowed_domains"].replace(",", " ").split()),
                    required=data["required"],
                ),
                actor=actor,
                at=clock.now(),
                today=clock.today(),
            )
        except DomainError as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(
                request, _("Single sign-on of %(name)s saved.") % {"name": organisation.name}
            )
            return redirect("portal:sso_settings")
    context = {"form": form, "existing": existing, "organisation": organisation}
    return render(request, "portal/common/sso_settings.html", context, status=status)
