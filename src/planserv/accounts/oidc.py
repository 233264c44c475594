"""mozilla-django-oidc, per organisation (R-PPL-2): the authentication backend that finishes an
OpenID Connect sign-in with the organisation the sign-in started for (its issuer, client id and
secret, from `SingleSignOn`), checks the ID token's RS256 signature against the provider's
published keys, its issuer and audience, and matches the person by verified email.

The library reads its settings through `get_settings`; here they come from the organisation.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from planserv.accounts.models import SingleSignOn, User
from planserv.accounts.single_sign_on import (
    DISCOVERY_TIMEOUT_SECONDS,
    ProviderConfiguration,
    member_for_claims,
)

SESSION_ORGANISATION = "sso_organisation_id"
CALLBACK_URL_NAME = "portal:sso_callback"
SCOPES = "openid email profile"


def library_settings(sso: SingleSignOn, provider: ProviderConfiguration) -> dict[str, Any]:
    """The mozilla-django-oidc settings of one organisation's sign-in."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": provider.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": provider.token_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": provider.jwks_uri,
        "OIDC_OP_USER_ENDPOINT": None,
        "OIDC_RP_CLIENT_ID": sso.client_id,
        "OIDC_RP_CLIENT_SECRET": sso.client_secret,
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": SCOPES,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_USE_NONCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_TIMEOUT": DISCOVERY_TIMEOUT_SECONDS,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {"prompt": "select_account"},
    }


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates only a callback request the portal prepared (`prepare`); every other
    authenticate() call (the password form) passes by."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()
        self.library: dict[str, Any] = {}
        self.sso: SingleSignOn | None = None
        self.provider: ProviderConfiguration | None = None

    def get_settings(self, attr: str, *args: Any) -> Any:
        if attr in self.library:
            return self.library[attr]
        from mozilla_django_oidc.utils import import_from_settings

        return import_from_settings(attr, *args)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        prepared = getattr(request, "sso_prepared", None) if request is not None else None
        if prepared is None or "code_verifier" not in kwargs:
            return None
        self.sso, self.provider = prepared
        self.library = library_settings(self.sso, self.provider)
        for name in (
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_RP_SIGN_ALGO",
        ):
            setattr(self, name, self.library[name])
        self.OIDC_RP_IDP_SIGN_KEY = None
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks the signature, expiry and nonce; the issuer and audience too."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        assert self.provider is not None and self.sso is not None
        if payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.sso.client_id not in audiences:
            raise SuspiciousOperation("The ID token is for another application.")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The signed ID token's claims (Entra ID puts email and xms_edov there)."""
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return True  # member_for_claims decides, with a reason

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        assert self.sso is not None
        user, reason = member_for_claims(self.sso, payload)
        if user is None:
            self.request.sso_refusal = reason
        return user

    def get_user(self, user_id: int) -> User | None:
        try:
            return User.objects.get(pk=user_id)
        except User.DoesNotExist:
            return None
