"""The OpenAPI document's rules (docs/api.md, "Documenting an operation").

Every operation declares `operation_id=` (camelCase, unique) and `summary=` on its router
decorator, and has an example: `@example(...)` under the decorator gives one by hand; otherwise
one is built from the response schema (field examples and defaults first, then a value of the
field's type). Mutating operations declare the `Idempotency-Key` header. Schema names must be
unique: a second model with a name already taken is recorded in `collisions` (a test keeps it
empty), never silently replaced. `tests/api/test_openapi.py` enforces all of it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

F = TypeVar("F", bound=Callable[..., Any])
MUTATING = ("post", "put", "patch", "delete")
IDEMPOTENCY_HEADER: dict[str, Any] = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Any 1 to 200 printable characters, unique per request: a repeat with the "
    "same key and body answers the first response again and does nothing else (kept 7 days).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
    "example": "3f0c2f9e-4d7a-4b2e-9a51-7e0f3c1d2b6a",
}
_EXAMPLE_ATTRIBUTE = "__planserv_example__"


def example(value: Any, *, status: int | None = None) -> Callable[[F], F]:
    """The example answer of an operation (its success status unless `status` is given)."""

    def mark(view: F) -> F:
        setattr(view, _EXAMPLE_ATTRIBUTE, (status, value))
        return view

    return mark


_STRINGS = {
    "date": "2021-06-15",
    "date-time": "2021-06-15T09:00:00Z",
    "email": "pm@contoso.example",
    "uri": "https://contoso.example/",
    "binary": "",
}


def _by_name(name: str) -> Any:
    lowered = name.lower()
    if "email" in lowered:
        return "pm@contoso.example"
    if lowered.endswith("country") or lowered == "currency":
        return "DE" if lowered.endswith("country") else "EUR"
    if lowered == "voucher_id":
        return "7KXR4MWA9"
    if lowered == "licensing_id":
        return "LA-1000001"
    return None


class _Builder:
    """A value for a JSON schema: examples and defaults first, then the type's simplest value."""

    def __init__(self, components: dict[str, Any]) -> None:
        self.components = components

    def build(self, schema: dict[str, Any], name: str = "", depth: int = 0) -> Any:
        if depth > 12:
            return None
        if "$ref" in schema:
            target = self.components.get(schema["$ref"].rsplit("/", 1)[-1], {})
            return self.build(target, name, depth + 1)
        for key in ("example", "default", "const"):
            if key in schema and schema[key] is not None:
                return copy.deepcopy(schema[key])
        if schema.get("examples"):
            return copy.deepcopy(schema["examples"][0])
        if "enum" in schema:
            return schema["enum"][0]
        for key in ("anyOf", "oneOf", "allOf"):
            options = [o for o in schema.get(key, []) if o.get("type") != "null"]
            if options:
                return self.build(options[0], name, depth + 1)
            if key in schema:
                return None
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        if kind == "object" or "properties" in schema:
            return {
                key: self.build(value, key, depth + 1)
                for key, value in schema.get("properties", {}).items()
            }
        if kind == "array":
            return [self.build(schema.get("items", {}), name, depth + 1)]
        if kind == "integer":
            return max(int(schema.get("minimum", 1)), 1)
        if kind == "number":
            return 1.0
        if kind == "boolean":
            return True
        if kind == "string":
            by_name = _by_name(name)
            if by_name is not None:
                return by_name
            return _STRINGS.get(schema.get("format", ""), name or "text")
        return None


class DocumentedSchema(OpenAPISchema):
    """ninja's document with the rules above applied to every operation."""

    def __init__(self, api: NinjaAPI, path_prefix: str) -> None:
        self.collisions: list[str] = []
        self._examples: list[tuple[dict[str, Any], int | None, Any]] = []
        super().__init__(api, path_prefix)
        builder = _Builder(self.schemas)
        for details, status, value in self._examples:
            _place_examples(details, status, value, builder)
        self._examples.clear()

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                self.collisions.append(name)
        super().add_schema_definitions(definitions)

    def operation_details(self, operation: Operation) -> dict[str, Any]:
        details: dict[str, Any] = super().operation_details(operation)
        details["responses"] = _merged_responses(details["responses"])
        if any(method.lower() in MUTATING for method in operation.methods):
            names = {(p.get("in"), p.get("name")) for p in details.get("parameters", [])}
            if ("header", IDEMPOTENCY_HEADER["name"]) not in names:
                details.setdefault("parameters", []).append(dict(IDEMPOTENCY_HEADER))
        status, value = getattr(operation.view_func, _EXAMPLE_ATTRIBUTE, (None, None))
        self._examples.append((details, status, value))
        return details


def _merged_responses(responses: dict[Any, Any]) -> dict[str, Any]:
    """One entry per status: ninja keeps the `response=` statuses as integers and
    `openapi_extra` ones as strings, which would print two "200" keys; the extra one wins."""
    merged = {
        str(status): value
        for status, value in responses.items()
        if not (isinstance(status, int) and str(status) in responses)
    }
    return dict(sorted(merged.items()))


def _place_examples(
    details: dict[str, Any], status: int | None, value: Any, builder: _Builder
) -> None:
    """The operation's example on its success response, and one on its JSON request body."""
    responses = details["responses"]
    key = str(status) if status is not None else min(k for k in responses if k.startswith("2"))
    response = responses[key] = dict(responses[key])
    content = response.setdefault("content", {})
    for media_type, body in list(content.items()):
        body = content[media_type] = dict(body)
        if media_type == "application/json":
            body["example"] = value if value is not None else builder.build(body["schema"])
        elif "example" not in body:
            body["example"] = "" if "binary" in str(body.get("schema")) else "…"
    if not content:
        response["content"] = {"application/json": {"example": value}}
    request = details.get("requestBody", {}).get("content", {}).get("application/json")
    if request is not None and "example" not in request:
        request["example"] = builder.build(request.get("schema", {}))


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return DocumentedSchema(self, path_prefix)
