"""Who sees which slice of a report (R-ROLE-1): operators see the whole program; a customer sees
its own agreements and vouchers; a partner firm sees the vouchers it holds and its payments."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from planserv.accounts.models import Organisation
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, NotFound
from planserv.core.types import OrganisationKind, Role

OPERATOR_READERS = (Role.PROGRAM_ADMIN, Role.PAYMENT_REVIEWER, Role.SUPPORT, Role.AUDITOR)


@dataclass(frozen=True)
class ReportScope:
    """`customer_id` / `partner_id` None and `everything` True: the whole program."""

    everything: bool
    customer_id: int | None = None
    partner_id: int | None = None

    @property
    def is_customer(self) -> bool:
        return self.customer_id is not None

    @property
    def is_partner(self) -> bool:
        return self.partner_id is not None


def report_scope(actor: Actor) -> ReportScope:
    """The slice `actor` may read: every operator role reads everything (the auditor too)."""
    if actor.is_operator and (actor.is_system or actor.role in OPERATOR_READERS):
        return ReportScope(everything=True)
    if actor.is_customer and actor.organisation_id is not None:
        return ReportScope(everything=False, customer_id=actor.organisation_id)
    if actor.is_partner and actor.organisation_id is not None:
        return ReportScope(everything=False, partner_id=actor.organisation_id)
    raise Forbidden(_("Your role may not read reports (R-ROLE-1)."))


def require_operator(actor: Actor, *, report: str) -> None:
    """Program-wide reports (the dashboard) are for the operator's roles only."""
    if not (actor.is_operator and (actor.is_system or actor.role in OPERATOR_READERS)):
        raise Forbidden(
            _(
                "The %(report)s covers the whole program: only the operator's roles may read it "
                "(R-ROLE-1)."
            )
            % {"report": report},
            details={"required_roles": list(OPERATOR_READERS), "role": actor.role},
        )


def access_organisation_for_reports(
    *, actor: Actor, public_id: str, kind: str | None = None
) -> Organisation:
    """The organisation a report is about: operators may name any; others only their own (a
    foreign one is answered as not found, R-ROLE-1)."""
    scope = report_scope(actor)
    organisation = Organisation.objects.filter(public_id=public_id).first()
    kinds = (kind,) if kind else (OrganisationKind.CUSTOMER, OrganisationKind.PARTNER)
    if organisation is None or organisation.kind not in kinds:
        raise NotFound(
            _("No organisation %(public_id)r is visible to you.") % {"public_id": public_id}
        )
    if not scope.everything and organisation.pk != actor.organisation_id:
        raise NotFound(
            _("No organisation %(public_id)r is visible to you.") % {"public_id": public_id}
        )
    return organisation
