"""The operators' CSV import of agreements: a dry run first (per-row result, error file), then
the import of the rows that are valid. Re-importing the same file changes nothing: a row whose
agreement exists with the same values is `unchanged`; one that exists with other values is an
error (an import never changes an agreement)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from planserv.accounts.models import Organisation
from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor
from planserv.core.types import OrganisationKind, Role
from planserv.customers.errors import ImportAlreadyCommitted
from planserv.customers.importing import ParsedRow, decode_upload, parse_agreements_csv
from planserv.customers.models import AgreementImport, ImportStatus, LicensingAgreement
from planserv.customers.services._common import coverage_of
from planserv.customers.services.agreements import agreement_create, agreement_validate

CREATE, CREATED, UNCHANGED, ERROR = "create", "created", "unchanged", "error"


def _differences(agreement: LicensingAgreement, row: ParsedRow) -> list[str]:
    draft = row.draft
    mine = {
        "customer": agreement.customer.public_id,
        "agreement_type": agreement.agreement_type,
        "start_date": agreement.start_date,
        "end_date": agreement.end_date,
        "coverage": coverage_of(agreement),
    }
    theirs = {
        "customer": draft.customer,
        "agreement_type": draft.agreement_type,
        "start_date": draft.start_date,
        "end_date": draft.end_date,
        "coverage": draft.coverage,
    }
    return [name for name in mine if mine[name] != theirs[name]]


def _evaluate(rows: list[ParsedRow]) -> list[dict[str, Any]]:
    """The outcome of every row against the database now (a few queries for the whole file)."""
    customers = {
        org.public_id: org
        for org in Organisation.objects.filter(public_id__in={row.draft.customer for row in rows})
    }
    existing = {
        agreement.licensing_id: agreement
        for agreement in LicensingAgreement.objects.filter(
            licensing_id__in={row.draft.licensing_id for row in rows}
        )
        .select_related("customer")
        .prefetch_related("coverage_lines")
    }
    seen: dict[str, int] = {}
    results = []
    for row in rows:
        draft = row.draft
        problems = list(row.problems)
        customer = customers.get(draft.customer)
        if customer is None or customer.kind != OrganisationKind.CUSTOMER:
            problems.append(f"there is no customer {draft.customer!r}")
        elif not problems:
            problems += agreement_validate(
                customer=customer,
                licensing_id=draft.licensing_id,
                agreement_type=draft.agreement_type,
                start_date=draft.start_date,
                end_date=draft.end_date,
                coverage=draft.coverage,
            )
        if draft.licensing_id in seen:
            problems.append(f"the licensing id is also on line {seen[draft.licensing_id]}")
        seen.setdefault(draft.licensing_id, row.line)
        outcome, message = CREATE, "will be created"
        if problems:
            outcome, message = ERROR, "; ".join(problems)
        elif draft.licensing_id in existing:
            different = _differences(existing[draft.licensing_id], row)
            if different:
                outcome = ERROR
                message = (
                    "the agreement exists with other values ("
                    + ", ".join(different)
                    + "); an import never changes an agreement"
                )
            else:
                outcome, message = UNCHANGED, "exists with the same values"
        results.append(
            {
                "line": row.line,
                "licensing_id": draft.licensing_id,
                "outcome": outcome,
                "message": message,
            }
        )
    return results


@transaction.atomic
def agreement_import_check(
    *, file_name: str, data: bytes, actor: Actor, today: dt.date, at: dt.datetime
) -> AgreementImport:
    """Dry run: parse and check every row, store the upload with its per-row results, change no
    agreement. Raises Forbidden, ImportFileInvalid (size, encoding, header, row count)."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("import licensing agreements"))
    content = decode_upload(data)
    results = _evaluate(parse_agreements_csv(content))
    record = AgreementImport.objects.create(
        file_name=(file_name or "agreements.csv")[:200],
        content=content,
        content_sha256=hashlib.sha256(data).hexdigest(),
        status=ImportStatus.CHECKED,
        results=results,
        created_at=at,
        created_by_label=actor.email,
    )
    audit_record(
        actor=actor,
        action=AuditEventType.AGREEMENT_IMPORT_CHECKED,
        subject=record,
        at=at,
        program_date=today,
        after=import_summary(record),
    )
    return record


@transaction.atomic
def agreement_import_commit(
    *, agreement_import: AgreementImport, actor: Actor, today: dt.date, at: dt.datetime
) -> AgreementImport:
    """Create the agreements of every row that is valid now (rows are checked again); errors and
    unchanged rows are left alone. Raises Forbidden, ImportAlreadyCommitted."""
    actor.require_role(Role.PROGRAM_ADMIN, action=_("import licensing agreements"))
    record = AgreementImport.objects.select_for_update().get(pk=agreement_import.pk)
    if record.status == ImportStatus.COMMITTED:
        raise ImportAlreadyCommitted(
            _(
                "The file %(file_name)s was already imported; upload it again to check it "
                "against the agreements as they are now."
            )
            % {"file_name": record.file_name}
        )
    rows = {row.line: row for row in parse_agreements_csv(record.content)}
    results = _evaluate(list(rows.values()))
    customers = {
        org.public_id: org
        for org in Organisation.objects.filter(
            public_id__in={
                rows[r["line"]].draft.customer for r in results if r["outcome"] == CREATE
            }
        )
    }
    for result in results:
        if result["outcome"] != CREATE:
            continue
        draft = rows[result["line"]].draft
        assert draft.start_date is not None and draft.end_date is not None  # checked above
        agreement_create(
            customer=customers[draft.customer],
            licensing_id=draft.licensing_id,
            agreement_type=draft.agreement_type,
            start_date=draft.start_date,
            end_date=draft.end_date,
            coverage=draft.coverage,
            actor=actor,
            today=today,
            at=at,
        )
        result.update(outcome=CREATED, message="created")
    record.status = ImportStatus.COMMITTED
    record.results = results
    record.committed_at = at
    record.save(update_fields=["status", "results", "committed_at"])
    audit_record(
        actor=actor,
        action=AuditEventType.AGREEMENT_IMPORT_COMMITTED,
        subject=record,
        at=at,
        program_date=today,
        after=import_summary(record),
    )
    return record


def import_summary(record: AgreementImport) -> dict[str, int]:
    """Rows per outcome."""
    summary = dict.fromkeys((CREATE, CREATED, UNCHANGED, ERROR), 0)
    for result in record.results:
        summary[result["outcome"]] += 1
    return summary
