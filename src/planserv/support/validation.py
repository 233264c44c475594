"""Input checks shared by the support services: lengths, references, FAQ audiences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from django.utils.translation import gettext as _

from planserv.core.types import OrganisationKind, Role
from planserv.support.errors import SupportInputInvalid

SUBJECT_MIN, SUBJECT_MAX = 3, 200
BODY_MAX = 10_000
REFERENCE_MAX = 40
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/#-]*$")


def _refuse_control_characters(text: str, *, label: str) -> None:
    """NUL and other control characters (tabs and newlines aside) are never text a person typed;
    PostgreSQL cannot store NUL at all."""
    if any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in text):
        raise SupportInputInvalid(
            _("The %(label)s contains control characters; send plain text.") % {"label": label},
            details={"field": label},
        )


def clean_subject(value: str, *, label: str = "subject", limit: int = SUBJECT_MAX) -> str:
    _refuse_control_characters(value or "", label=label)
    text = " ".join((value or "").split())
    if not SUBJECT_MIN <= len(text) <= limit:
        raise SupportInputInvalid(
            _("The %(label)s must be %(SUBJECT_MIN)s to %(limit)s characters; it has %(text)s.")
            % {"label": label, "SUBJECT_MIN": SUBJECT_MIN, "limit": limit, "text": len(text)},
            details={"field": label, "length": len(text), "limit": limit},
        )
    return text


def clean_body(value: str) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    _refuse_control_characters(text, label="message")
    if not text or len(text) > BODY_MAX:
        raise SupportInputInvalid(
            _("The message must be 1 to %(BODY_MAX)s characters; it has %(text)s.")
            % {"BODY_MAX": format(BODY_MAX, ","), "text": format(len(text), ",")},
            details={"field": "message", "length": len(text), "limit": BODY_MAX},
        )
    return text


def clean_reference(value: str | None, *, label: str) -> str:
    """A free reference (a voucher or payment request id), checked for shape only for now."""
    text = (value or "").strip()
    if text and (len(text) > REFERENCE_MAX or not _REFERENCE.match(text)):
        raise SupportInputInvalid(
            _(
                "The %(label)s %(text)r is not a reference: use up to %(REFERENCE_MAX)s letters, "
                "digits and - . / # characters."
            )
            % {"label": label, "text": text[:60], "REFERENCE_MAX": REFERENCE_MAX},
            details={"field": label},
        )
    return text


def clean_audience(kinds: Sequence[str], roles: Sequence[str]) -> tuple[list[str], list[str]]:
    unknown = [k for k in kinds if k not in OrganisationKind.values] + [
        r for r in roles if r not in Role.values
    ]
    if unknown:
        raise SupportInputInvalid(
            _("Unknown organisation kinds or roles for an FAQ audience: %(unknown)s.")
            % {"unknown": ", ".join(unknown)},
            details={"unknown": unknown},
        )
    return sorted(set(kinds)), sorted(set(roles))
