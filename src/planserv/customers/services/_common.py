"""Small helpers shared by the customer services."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.core.errors import InvalidInput
from planserv.customers.errors import AgreementNotFound, ReasonRequired
from planserv.customers.models import LicensingAgreement
from planserv.customers.selectors import bands_by_pool, coverage_of  # noqa: F401  (re-exported)


def require_reason(reason: str, *, action: str) -> str:
    cleaned = " ".join((reason or "").split())
    if any(not character.isprintable() for character in cleaned):
        raise InvalidInput(_("The reason may hold text only, no control characters."))
    if len(cleaned) < 3:
        raise ReasonRequired(
            _("Say why you %(action)s: a reason of a few words is recorded.") % {"action": action}
        )
    return cleaned[:300]


def require_own_agreement(actor: Actor, agreement: LicensingAgreement) -> None:
    """A customer acts only on its own agreements (R-ROLE-1): a foreign one is not found."""
    if actor.is_customer and agreement.customer_id != actor.organisation_id:
        raise AgreementNotFound(
            _("There is no agreement %(licensing_id)s for you.")
            % {"licensing_id": agreement.licensing_id}
        )


def request_key(given: str | None) -> str:
    return given or uuid.uuid4().hex
