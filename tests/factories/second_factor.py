"""The second factor in tests (R-PPL-3): a person's authenticator app with a known key, the code
it shows, and a test client's session that passed it, as a finished sign-in leaves them."""

from __future__ import annotations

import time
from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# RFC 6238's test key (hex): every app device made here has it.
KEY = "3132333435363738393031323334353637383930"


def app_device(user: Any) -> TOTPDevice:
    """The person's confirmed authenticator app (made with KEY when they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", key=KEY)
    return device


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now, or the next step's when this step's was used (django-otp
    accepts one step ahead and never the same step twice)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():06d}"


def code_for_key(hex_or_base32: str) -> str:
    """The code an app shows for a key read off the setup page (base32, with spaces)."""
    from base64 import b32decode

    secret = b32decode(hex_or_base32.replace(" ", ""))
    totp = TOTP(secret, 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def pass_second_factor(client: Any, user: Any) -> None:
    """Mark a test client's signed-in session as having passed the second factor."""
    device = app_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def enter_code(client: Any, user: Any) -> Any:
    """After a password sign-in: enter the app's code on the second factor page (the person gets
    an app with KEY when they have none), as a person does."""
    device = app_device(user)
    response = client.post("/sign-in/second-factor/", {"code": code_for(device), "next": "/"})
    assert response.status_code == 302, response.content[:500]
    return response
