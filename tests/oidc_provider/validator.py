from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class EmailValidator(OAuth2Validator):
    """Puts the person's email (confirmed unless the first name says "unverified") and name
    into the ID token, as Entra ID does with the email scope."""

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "email": user.email,
            "email_verified": user.first_name != "unverified",
            "name": user.get_full_name() or user.email,
        }
