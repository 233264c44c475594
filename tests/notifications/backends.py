"""Email backends for tests: a relay that refuses a message, and one that is unreachable."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

refused_addresses: set[str] = set()
delivered: list[EmailMessage] = []


class RefusingBackend(BaseEmailBackend):
    """Accepts every message except those to an address in `refused_addresses` (a 550)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            if set(message.to) & refused_addresses:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
            delivered.append(message)
        return len(email_messages)


class UnreachableBackend(BaseEmailBackend):
    """The relay cannot be reached at all."""

    def open(self) -> bool:
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError(111, "Connection refused")
