"""Every audited action is an AuditEventType member (STYLE.md section 7): no free-string action in
src/, no member that nothing writes, one payload class per typed event type."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

import planserv
from planserv.audit.admin_mixins import AuditedModelAdmin, admin_event
from planserv.audit.events import PAYLOADS, AuditEventType, AuditPayload

SRC = Path(planserv.__file__).parent
WRITERS = {"audit_record", "audit_voucher", "_audit", "_audit_run"}


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in WRITERS:
                    found.append((f"{path.relative_to(SRC)}:{node.lineno}", node))
    return found


def _member_names_used() -> set[str]:
    used = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "AuditEventType"
            ):
                used.add(node.attr)
    return used


def _payload_classes() -> list[type[AuditPayload]]:
    for module in pkgutil.walk_packages(planserv.__path__, "planserv."):
        if module.name.endswith(".events"):
            importlib.import_module(module.name)
    pending, found = list(AuditPayload.__subclasses__()), []
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if "event_type" in cls.__dict__:
            found.append(cls)
    return found


def _admin_request():  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return request


class TestEveryActionIsAMember:
    def test_no_audit_write_in_src_passes_a_free_string_action(self):
        calls = _calls()
        assert len(calls) > 40  # the scan sees the writers
        free = [
            where
            for where, call in calls
            for value in [*call.args, *(kw.value for kw in call.keywords if kw.arg == "action")]
            if isinstance(value, ast.JoinedStr | ast.BinOp)
            or (
                isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and "." in value.value
            )
        ]
        assert free == []

    def test_every_member_named_in_src_exists_and_every_service_member_is_written(self):
        used = _member_names_used()
        assert used - set(AuditEventType.names) == set()
        typed = {cls.event_type.name for cls in _payload_classes()}
        unwritten = {
            name
            for name in AuditEventType.names
            if not name.startswith("ADMIN_") and name not in used | typed
        }
        assert unwritten == set()

    def test_the_values_are_unique_so_no_member_is_an_alias(self):
        assert len(set(AuditEventType.values)) == len(AuditEventType.names)

    @pytest.mark.django_db
    def test_every_admin_edit_the_admin_allows_is_a_member(self):
        request, expected = _admin_request(), set()
        for model, model_admin in admin.site._registry.items():
            if not isinstance(model_admin, AuditedModelAdmin):
                continue
            allowed = {
                "created": model_admin.has_add_permission(request),
                "changed": model_admin.has_change_permission(request),
                "deleted": model_admin.has_delete_permission(request),
            }
            for verb in [verb for verb, permitted in allowed.items() if permitted]:
                expected.add(admin_event(model(), verb))  # raises ValueError if not a member
        assert len(expected) > 30
        admin_members = {m for m in AuditEventType if m.name.startswith("ADMIN_")}
        assert admin_members - expected == set()  # no member left for an admin that is gone

    def test_an_unknown_admin_edit_is_refused_rather_than_written_as_a_free_string(self):
        model = get_user_model()
        with pytest.raises(ValueError):
            admin_event(model(), "changed")


class TestPayloadRegistry:
    def test_each_payload_class_is_the_registered_one_for_its_type(self):
        classes = _payload_classes()
        assert {cls.event_type: cls for cls in classes} == PAYLOADS
        assert len(classes) == len(PAYLOADS) >= 9
