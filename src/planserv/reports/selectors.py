"""The reports of domain.md section 9, for an actor: the API and the portal call these and only
translate the `Report` they get (tables → JSON, CSV, HTML and charts).

Every report is read-only and scoped (R-ROLE-1): operators (program admin, payment reviewer,
support, auditor) read the whole program; a customer its own agreements and vouchers; a partner
firm the vouchers it holds and its payments. A foreign organisation is not found.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, InvalidInput
from planserv.core.types import OrganisationKind
from planserv.program.calendar import calendar_get
from planserv.reports import dashboard, funnel, retirement, slices
from planserv.reports.scope import access_organisation_for_reports, report_scope, require_operator
from planserv.reports.tables import Report, Table

FUNNEL_GROUPS = funnel.GROUPS


def report_dashboard(*, actor: Actor, today: dt.date) -> Report:
    require_operator(actor, report="program dashboard")
    return dashboard.dashboard(as_of=today)


def report_funnel(*, actor: Actor, today: dt.date, group_by: str = "agreement") -> Report:
    return funnel.funnel(
        scope=report_scope(actor), as_of=today, calendar=calendar_get(), group_by=group_by
    )


def report_retirement_impact(
    *, actor: Actor, today: dt.date, milestone_key: str | None = None
) -> Report:
    return retirement.retirement_impact(
        scope=report_scope(actor),
        as_of=today,
        calendar=calendar_get(),
        milestone_key=milestone_key,
    )


def report_retirement_organisation(
    *, actor: Actor, today: dt.date, milestone_key: str, organisation_id: str
) -> Report:
    organisation = access_organisation_for_reports(actor=actor, public_id=organisation_id)
    return retirement.retirement_organisation(
        scope=report_scope(actor),
        as_of=today,
        calendar=calendar_get(),
        milestone_key=milestone_key,
        organisation=organisation,
    )


def _slice_organisation(actor: Actor, organisation_id: str | None, kind: str) -> str:
    scope = report_scope(actor)
    if scope.everything:
        if not organisation_id:
            raise InvalidInput(
                _("Name the organisation: ?organisation=<its public id>."),
                details={"parameter": "organisation"},
            )
        return organisation_id
    if actor.organisation_kind != kind:
        raise Forbidden(_("This report belongs to the %(kind)s side (R-ROLE-1).") % {"kind": kind})
    return organisation_id or _own_public_id(actor)


def _own_public_id(actor: Actor) -> str:
    from planserv.accounts.models import Organisation

    assert actor.organisation_id is not None  # report_scope refused actors without one
    return str(
        Organisation.objects.filter(pk=actor.organisation_id).values_list("public_id", flat=True)[0]
    )


def report_customer(*, actor: Actor, today: dt.date, organisation_id: str | None = None) -> Report:
    public_id = _slice_organisation(actor, organisation_id, OrganisationKind.CUSTOMER)
    organisation = access_organisation_for_reports(
        actor=actor, public_id=public_id, kind=OrganisationKind.CUSTOMER
    )
    return slices.customer_slice(organisation=organisation, as_of=today, calendar=calendar_get())


def report_partner(*, actor: Actor, today: dt.date, organisation_id: str | None = None) -> Report:
    public_id = _slice_organisation(actor, organisation_id, OrganisationKind.PARTNER)
    organisation = access_organisation_for_reports(
        actor=actor, public_id=public_id, kind=OrganisationKind.PARTNER
    )
    return slices.partner_slice(organisation=organisation, as_of=today, calendar=calendar_get())


def report_table(report: Report, key: str | None) -> Table:
    """The table a CSV export is of: `key`, or the report's first table."""
    if not key:
        return report.tables[0]
    try:
        return report.table(key)
    except KeyError:
        raise InvalidInput(
            _("This report has no table %(key)r; it has: %(tables)s.")
            % {"key": key, "tables": ", ".join(t.key for t in report.tables)},
            details={"tables": [t.key for t in report.tables]},
        ) from None
