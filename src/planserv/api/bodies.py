"""Operations whose body is JSON, or form fields with files (multipart/form-data).

Integrators send JSON when there is nothing to attach, and multipart when there is; both are
validated by the same schema and documented in the OpenAPI document. Used by operations that
take attachments (support requests and replies).
"""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from ninja import Schema
from ninja.errors import ValidationError

from planserv.api.guard import BodyRefused, load_json

S = TypeVar("S", bound=Schema)
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    """The schema with local `$ref`s replaced by their definitions (OpenAPI has no `$defs`)."""
    if isinstance(node, dict):
        reference = node.get("$ref", "")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            return _inline(definitions[reference.removeprefix("#/$defs/")], definitions)
        return {key: _inline(value, definitions) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    return node


def json_or_form_body(schema: type[Schema], *, files_field: str) -> dict[str, Any]:
    """`openapi_extra` documenting the body as JSON or as form fields plus repeated files."""
    document = schema.model_json_schema()
    fields = _inline(document, document.get("$defs", {}))
    fields.pop("title", None)
    files = {"type": "array", "items": {"type": "string", "format": "binary"}}
    with_files = {**fields, "properties": {**fields.get("properties", {}), files_field: files}}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": fields},
                "multipart/form-data": {"schema": with_files},
            },
        }
    }


def parse_json_or_form(
    request: HttpRequest, schema: type[S], *, files_field: str
) -> tuple[S, list[UploadedFile]]:
    """The validated body and the uploaded files (none for JSON); malformed input is a 400."""
    content_type = (request.content_type or "").lower()
    if content_type in FORM_TYPES:
        data: Any = {key: request.POST.get(key) for key in request.POST}
        files = list(request.FILES.getlist(files_field))
    else:
        try:
            data = load_json(request.body or b"null")
        except BodyRefused as refused:
            raise ValidationError([{"loc": ["body"], "msg": refused.message}]) from None
        files = []
    try:
        return schema.model_validate(data), files
    except pydantic.ValidationError as error:
        raise ValidationError(
            [{"loc": ["body", *e["loc"]], "msg": e["msg"]} for e in error.errors()]
        ) from None
