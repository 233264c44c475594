"""Start the test OpenID Connect provider: `python -m tests.oidc_provider.serve PORT DB CONFIG`.

CONFIG is a JSON file: {"client_id", "client_secret", "redirect_uri", "users": [{"username",
"email", "password", "first_name"}]}. Makes a fresh RSA key, migrates the SQLite file, registers
the client (confidential, authorization code, RS256, PKCE required, no consent screen) and the
people, then serves on 127.0.0.1:PORT until stopped."""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    port, database, config_path = sys.argv[1], sys.argv[2], sys.argv[3]
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    os.environ["OIDC_PROVIDER_RSA_KEY"] = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    os.environ["OIDC_PROVIDER_DB"] = database
    os.environ["OIDC_PROVIDER_ISSUER"] = f"http://127.0.0.1:{port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    with open(config_path, encoding="utf-8") as handle:
        config = json.load(handle)
    call_command("migrate", verbosity=0)
    for person in config["users"]:
        User.objects.create_user(
            username=person["username"],
            email=person["email"],
            password=person["password"],
            first_name=person.get("first_name", ""),
        )
    Application.objects.create(
        name="planserv",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=config["redirect_uri"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main()
