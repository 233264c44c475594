"""Mixins every app's Django admin shares: operator edits are audited like any other change
(STYLE.md principle 5), and models that only services may write are shown read-only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest

from planserv.audit.events import AuditEventType
from planserv.audit.services import audit_record
from planserv.core.actor import Actor


def _admin_actor(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    if isinstance(actor, Actor):
        return actor
    user = request.user
    return Actor(
        user_id=user.pk,
        email=getattr(user, "email", "admin"),
        organisation_id=None,
        organisation_kind="operator",
        organisation_name="operator admin",
        role="program_admin",
        request_id=getattr(request, "request_id", ""),
    )


_JSON_READY = (str, int, float, bool, dt.date, dt.datetime, dt.time, Decimal, list, dict)


def _plain(value: Any) -> Any:
    """JSON-ready values pass; field types such as django-countries' Country become their text."""
    return value if value is None or isinstance(value, _JSON_READY) else str(value)


def _masked(value: Any) -> Any:
    return f"•••• {str(value)[-4:]}" if value else value


def _fields(obj: models.Model, masked: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row's values; `masked` fields (bank accounts) keep only their last 4 characters."""
    return {
        field.attname: (_masked if field.attname in masked else _plain)(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if not isinstance(field, models.FileField)
    }


class ReadOnlyMixin:
    """An admin (or inline) that shows rows and never adds, changes or deletes them: the model is
    written only by its app's services (lifecycle, ledger and audit move together)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def admin_event(obj: models.Model, verb: str) -> AuditEventType:
    """The event of an admin edit: `<model label>.<created|changed|deleted>`, an enum member for
    each model an AuditedModelAdmin edits (tests/audit/test_events.py checks every admin)."""
    return AuditEventType(f"{obj._meta.label_lower}.{verb}")


class AuditedModelAdmin(admin.ModelAdmin):
    """Writes an audit event with before/after in the same transaction as each admin save;
    `masked_fields` are written masked (payment details are sensitive, R-PAY-1)."""

    masked_fields: tuple[str, ...] = ()

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        from planserv.core import clock

        before = None
        if change and obj.pk is not None:
            previous = type(obj)._default_manager.filter(pk=obj.pk).order_by("pk").first()
            before = _fields(previous, self.masked_fields) if previous is not None else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=_admin_actor(request),
                action=admin_event(obj, "changed" if change else "created"),
                subject=obj,
                at=clock.now(),
                program_date=clock.today(),
                before=before,
                after=_fields(obj, self.masked_fields),
            )

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: Any, change: bool
    ) -> None:
        """An inline's rows (e.g. an offering's competencies) are audited as a change of the
        parent, with the rows before and after (R-PPL-5)."""
        from planserv.core import clock

        parent = form.instance
        rows = formset.model._default_manager.filter(**{formset.fk.name: parent}).order_by("pk")
        before = [_fields(row) for row in rows]
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            after = [_fields(row) for row in rows.all()]
            if after != before:
                label = formset.model._meta.label_lower
                audit_record(
                    actor=_admin_actor(request),
                    action=admin_event(parent, "changed"),
                    subject=parent,
                    at=clock.now(),
                    program_date=clock.today(),
                    before={label: before},
                    after={label: after},
                )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        from planserv.core import clock

        with transaction.atomic():
            audit_record(
                actor=_admin_actor(request),
                action=admin_event(obj, "deleted"),
                subject=obj,
                at=clock.now(),
                program_date=clock.today(),
                before=_fields(obj, self.masked_fields),
            )
            super().delete_model(request, obj)
