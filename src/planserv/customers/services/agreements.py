"""Creating and activating licensing agreements (domain.md 4.1, R-ACT-1)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.formatting import long_date
from planserv.core.types import OrganisationKind, Role
from planserv.customers.errors import AgreementInvalid, AlreadyActivated, LicensingIdTaken
from planserv.customers.ledger.accounts import ALL_KINDS
from planserv.customers.models import (
    AgreementType,
    CoverageLine,
    LedgerAccount,
    LicensingAgreement,
)
from planserv.customers.services._common import require_own_agreement
from planserv.customers.services.accruals import accruals_catch_up
from planserv.program.models import ProductPool

LICENSING_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,39}$")
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
MAX_QUANTITY = 100_000_000


def normalise_licensing_id(value: str) -> str:
    return (value or "").strip().upper()


def agreement_validate(
    *,
    customer: Organisation | None,
    licensing_id: str,
    agreement_type: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    coverage: Mapping[str, int],
) -> list[str]:
    """Every problem of a new agreement's fields, as sentences (empty: valid)."""
    problems = []
    if customer is None or customer.kind != OrganisationKind.CUSTOMER:
        problems.append(_("the customer must be a customer organisation"))
    if not LICENSING_ID.match(licensing_id):
        problems.append(
            _("the licensing id %(licensing_id)r must be 3 to 40 letters, digits or dashes")
            % {"licensing_id": licensing_id[:50]}
        )
    if agreement_type not in AgreementType.values:
        problems.append(
            _("the agreement type %(agreement_type)r is not one of %(types)s")
            % {"agreement_type": agreement_type[:30], "types": ", ".join(AgreementType.values)}
        )
    if start_date is None or end_date is None:
        problems.append(_("the start and end dates are required"))
    elif end_date < start_date:
        problems.append(
            _("the end date %(end_date)s is before the start date %(start_date)s")
            % {"end_date": end_date, "start_date": start_date}
        )
    elif start_date < EARLIEST or end_date > LATEST:
        problems.append(
            _("the dates must lie between %(EARLIEST)s and %(LATEST)s")
            % {"EARLIEST": EARLIEST, "LATEST": LATEST}
        )
    if not coverage:
        problems.append(_("the agreement needs SA coverage in at least one product pool"))
    for pool, quantity in coverage.items():
        if pool not in ProductPool.values:
            problems.append(
                _("%(pool)r is not a product pool (%(pools)s)")
                % {"pool": pool[:30], "pools": ", ".join(ProductPool.values)}
            )
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            problems.append(
                _("the %(pool)s quantity must be a whole number above zero") % {"pool": pool}
            )
        elif quantity > MAX_QUANTITY:
            problems.append(
                _("the %(pool)s quantity must be at most %(MAX_QUANTITY)s")
                % {"pool": pool, "MAX_QUANTITY": format(MAX_QUANTITY, ",")}
            )
    return problems


@transaction.atomic
def agreement_create(
    *,
    customer: Organisation,
    licensing_id: str,
    agreement_type: str,
    start_date: dt.date,
    end_date: dt.date,
    coverage: Mapping[str, int],
    actor: Actor,
    today: dt.date,
    at: dt.datetime,
) -> LicensingAgreement:
    """Create an agreement with its coverage and ledger accounts, and post the accrual of every
    coverage year already begun (R-ACC-1). Raises Forbidden, AgreementInvalid, LicensingIdTaken."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("create licensing agreements"))
    licensing_id = normalise_licensing_id(licensing_id)
    problems = agreement_validate(
        customer=customer,
        licensing_id=licensing_id,
        agreement_type=agreement_type,
        start_date=start_date,
        end_date=end_date,
        coverage=coverage,
    )
    if problems:
        raise AgreementInvalid(
            _("The agreement cannot be created: %(problems)s.") % {"problems": "; ".join(problems)},
            details={"problems": problems},
        )
    if LicensingAgreement.objects.filter(licensing_id=licensing_id).exists():
        raise LicensingIdTaken(
            _("An agreement with licensing id %(licensing_id)s already exists.")
            % {"licensing_id": licensing_id}
        )
    agreement = LicensingAgreement.objects.create(
        customer=customer,
        licensing_id=licensing_id,
        agreement_type=agreement_type,
        start_date=start_date,
        end_date=end_date,
        created_at=at,
    )
    CoverageLine.objects.bulk_create(
        CoverageLine(agreement=agreement, product_pool=pool, quantity=quantity)
        for pool, quantity in sorted(coverage.items())
    )
    LedgerAccount.objects.bulk_create(
        LedgerAccount(agreement=agreement, kind=kind, balance=0) for kind in ALL_KINDS
    )
    audit_record(
        actor=actor,
        action=AuditEventType.AGREEMENT_CREATED,
        subject=agreement,
        at=at,
        program_date=today,
        organisation_id=customer.pk,
        organisation_label=customer.name,
        after={
            "customer": customer.public_id,
            "licensing_id": licensing_id,
            "agreement_type": agreement_type,
            "start_date": start_date,
            "end_date": end_date,
            "coverage": dict(sorted(coverage.items())),
        },
    )
    accruals_catch_up(agreement=agreement, actor=actor, today=today, at=at)
    return agreement


@transaction.atomic
def agreement_activate(
    *, agreement: LicensingAgreement, actor: Actor, today: dt.date, at: dt.datetime
) -> LicensingAgreement:
    """A benefits_admin activates Planning Services on the agreement (R-ACT-1), once.
    Raises Forbidden, AgreementNotFound (foreign), AlreadyActivated."""
    actor.require_role(Role.BENEFITS_ADMIN, action=_("activate the Planning Services benefit"))
    require_own_agreement(actor, agreement)
    agreement = (
        LicensingAgreement.objects.select_for_update()
        .select_related("customer")
        .get(pk=agreement.pk)
    )
    if agreement.activated_on is not None:
        raise AlreadyActivated(
            _(
                "Planning Services were already activated on agreement %(licensing_id)s on "
                "%(activated_on)s by %(activated_by_label)s (R-ACT-1)."
            )
            % {
                "licensing_id": agreement.licensing_id,
                "activated_on": long_date(agreement.activated_on),
                "activated_by_label": agreement.activated_by_label,
            },
            details={"activated_on": agreement.activated_on.isoformat()},
        )
    agreement.activated_on = today
    agreement.activated_at = at
    agreement.activated_by_id = actor.user_id
    agreement.activated_by_label = actor.email
    agreement.save(
        update_fields=["activated_on", "activated_at", "activated_by", "activated_by_label"]
    )
    audit_record(
        actor=actor,
        action=AuditEventType.AGREEMENT_ACTIVATED,
        subject=agreement,
        at=at,
        program_date=today,
        organisation_id=agreement.customer_id,
        organisation_label=agreement.customer.name,
        before={"activated_on": None},
        after={"activated_on": today, "activated_by": actor.email},
    )
    return agreement
