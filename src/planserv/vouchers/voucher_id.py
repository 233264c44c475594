"""Voucher ids (R-VOU-4): short, read out on the phone, typed from an email.

Eight random characters and a check character from a 19-character alphabet without look-alikes
(no 0/O/Q/D, 1/I/L, 2/Z, 5/S, G, 8/B, U/V/Y), shown as `XXXX-XXXX-C`. The check character makes
the weighted sum (weights 1..9) of all nine characters divisible by 19; because 19 is prime and
the weights are distinct, it catches every single-character typo and every swap of two adjacent
characters, so a mistyped id is refused as "not a valid voucher id" before any lookup.
"""

from __future__ import annotations

import re
import secrets

from django.utils.translation import gettext

from planserv.core.errors import InvalidInput

ALPHABET = "34679ACEFHJKMNPRTWX"
BODY_LENGTH = 8
_INDEX = {character: index for index, character in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-]+")


class InvalidVoucherId(InvalidInput):
    code = "invalid_voucher_id"
    rule = "R-VOU-4"


def _check_character(body: str) -> str:
    base = len(ALPHABET)  # prime
    total = sum((position + 1) * _INDEX[character] for position, character in enumerate(body))
    check_weight = len(body) + 1
    inverse = pow(check_weight, -1, base)
    return ALPHABET[(-total * inverse) % base]


def generate() -> str:
    """A new id in canonical form (no separators), e.g. `7KXR4MWA9`."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + _check_character(body)


def display(canonical: str) -> str:
    return f"{canonical[:4]}-{canonical[4:8]}-{canonical[8:]}"


def parse(text: str) -> str:
    """The canonical id for what a person typed (case, spaces and dashes ignored), or
    InvalidVoucherId (400) when it cannot be a voucher id: wrong length, a character not in the
    alphabet, or a wrong check character."""
    candidate = _SEPARATORS.sub("", str(text)).upper()
    expected = BODY_LENGTH + 1
    if len(candidate) != expected or any(character not in _INDEX for character in candidate):
        raise InvalidVoucherId(
            gettext(
                "%(text)r is not a valid voucher id: a voucher id has %(expected)s letters and "
                "digits, like 7KXR-4MWA-9, and never the easily confused 0, O, 1, I or L "
                "(R-VOU-4)."
            )
            % {"text": text, "expected": expected},
            details={"voucher_id": str(text)[:40]},
        )
    if _check_character(candidate[:BODY_LENGTH]) != candidate[BODY_LENGTH]:
        raise InvalidVoucherId(
            gettext(
                "%(text)r is not a valid voucher id: its check character does not match, so a "
                "character was probably mistyped (R-VOU-4)."
            )
            % {"text": text},
            details={"voucher_id": str(text)[:40]},
        )
    return candidate
