"""Issue 20, item 1: the OpenAPI document is valid and documents every operation
(docs/api.md, "Documenting an operation")."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from ninja import Router, Schema
from openapi_spec_validator import validate

from planserv.api.main import api
from planserv.api.openapi import DocumentedAPI

MUTATING = {"post", "put", "patch", "delete"}


def _document_text() -> str:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.content.decode()


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicated, f"duplicated mapping keys {duplicated}"
    return dict(pairs)


def _operations(document: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads(_document_text(), object_pairs_hook=_no_duplicate_keys)


def test_the_served_document_has_no_duplicated_keys_and_passes_the_validator(document):
    validate(document)
    report = document["paths"]["/api/v1/reports/dashboard"]["get"]["responses"]
    assert set(report["200"]["content"]) == {"application/json", "text/csv"}


def test_every_operation_has_an_explicit_unique_camel_case_operation_id(document):
    ids = [operation["operationId"] for _, _, operation in _operations(document)]
    assert len(ids) == len(set(ids))
    generated = [i for i in ids if not re.fullmatch(r"[a-z][A-Za-z0-9]+", i)]
    assert generated == [], "give these operations operation_id= (camelCase)"


def test_every_operation_has_a_written_summary_not_the_function_name(document):
    for method, path, operation in _operations(document):
        summary = operation.get("summary", "")
        assert summary and summary[0].isupper() and len(summary) <= 80, (method, path)
    for route in api._get_bound_routers():
        for path_view in route.path_operations.values():
            for operation in path_view.operations:
                view = operation.view_func.__name__
                assert operation.summary != view.replace("_", " ").title(), (
                    f"{view}: give it summary="
                )


def test_every_operation_has_an_example_of_its_answer(document):
    for method, path, operation in _operations(document):
        success = [k for k in operation["responses"] if k.startswith("2")]
        assert success, (method, path)
        content = operation["responses"][success[0]]["content"]
        assert all("example" in body for body in content.values()), (method, path)
        request = operation.get("requestBody", {}).get("content", {}).get("application/json")
        assert request is None or "example" in request, (method, path)


def test_hand_written_examples_are_placed_on_their_operation(document):
    answer = document["paths"]["/api/v1/vouchers/validate"]["post"]["responses"]["200"]
    assert answer["content"]["application/json"]["example"]["display_id"] == "7KXR-4MWA-9"


def test_every_write_declares_the_idempotency_key_header_and_reads_none(document):
    for method, path, operation in _operations(document):
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        assert ("Idempotency-Key" in headers) == (method in MUTATING), (method, path)


def test_every_operation_documents_the_rate_limit_answer(document):
    for method, path, operation in _operations(document):
        assert "429" in operation["responses"], (method, path)


def test_schema_names_are_unique_in_the_served_document():
    assert api.get_openapi_schema().collisions == []


def test_a_second_schema_with_a_taken_name_is_reported_not_silently_replaced():
    class ReportOut(Schema):  # the reports' shape
        title: str

    first = ReportOut

    class ReportOut(Schema):  # type: ignore[no-redef]  # a voucher's report: same name
        receipt_number: str

    router = Router()

    @router.get("/a", response=first, operation_id="a", summary="A")
    def a(request):  # pragma: no cover - never called
        return None

    @router.get("/b", response=ReportOut, operation_id="b", summary="B")
    def b(request):  # pragma: no cover - never called
        return None

    probe = DocumentedAPI(urls_namespace="collision-probe")
    probe.add_router("", router)
    assert probe.get_openapi_schema(path_prefix="/").collisions == ["ReportOut"]
