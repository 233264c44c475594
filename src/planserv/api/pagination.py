"""Cursor pagination (api.md, "Lists"): `?cursor=&limit=`, limit ≤ 200, stable order by key."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Schema

from planserv.core.errors import InvalidInput

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
M = TypeVar("M", bound=Model)
T = TypeVar("T")


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None


def _encode(values: Sequence[Any]) -> str:
    raw = json.dumps([str(value) for value in values]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, width: int) -> list[str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidInput(
            _("The cursor is not valid; use next_cursor from a previous page.")
        ) from None
    if not isinstance(values, list) or len(values) != width:
        raise InvalidInput(_("The cursor is not valid; use next_cursor from a previous page."))
    return [str(value) for value in values]


def cursor_paginate(
    queryset: QuerySet[M],
    *,
    cursor: str | None,
    limit: int | None,
    order: tuple[str, ...] = ("-id",),
    serialize: Callable[[M], Any] | None = None,
) -> dict[str, Any]:
    """One page in the given unique order (the last field must be unique, e.g. id)."""
    size = DEFAULT_LIMIT if limit is None else limit
    if size < 1 or size > MAX_LIMIT:
        raise InvalidInput(
            _("limit must be between 1 and %(MAX_LIMIT)s.") % {"MAX_LIMIT": MAX_LIMIT},
            details={"limit": limit},
        )
    fields = [name.lstrip("-") for name in order]
    queryset = queryset.order_by(*order)
    if cursor:
        values = _typed(queryset.model, fields, _decode(cursor, len(fields)))
        condition = Q()
        for index, name in enumerate(order):
            field = fields[index]
            lookup = "lt" if name.startswith("-") else "gt"
            step = Q(**{f"{field}__{lookup}": values[index]})
            for previous in range(index):
                step &= Q(**{fields[previous]: values[previous]})
            condition |= step
        queryset = queryset.filter(condition)
    rows = list(queryset[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if has_more and rows:
        last = rows[-1]
        next_cursor = _encode([_attr(last, field) for field in fields])
    return {
        "items": [serialize(row) for row in rows] if serialize else rows,
        "next_cursor": next_cursor,
    }


def _typed(model: type[Model], fields: list[str], values: list[str]) -> list[Any]:
    """Each cursor value converted by its model field, so a crafted cursor is a 400, not a 500."""
    typed = []
    for path, value in zip(fields, values, strict=True):
        field: Any = None
        current: Any = model
        for part in path.split("__"):
            field = current._meta.get_field(part)
            current = field.related_model or current
        target = field.target_field if field.is_relation else field
        try:
            typed.append(target.to_python(value))
        except (ValidationError, ValueError, TypeError):
            raise InvalidInput(
                _("The cursor is not valid; use next_cursor from a previous page.")
            ) from None
    return typed


def _attr(instance: Model, path: str) -> Any:
    value: Any = instance
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def offset_window(*, cursor: str | None, limit: int | None) -> tuple[int, int]:
    """(offset, size) of one page of a computed, ranked list (a report's long table): the same
    `?cursor=&limit=` as the lists, the cursor carrying the position instead of a key."""
    size = DEFAULT_LIMIT if limit is None else limit
    if size < 1 or size > MAX_LIMIT:
        raise InvalidInput(
            _("limit must be between 1 and %(max)s.") % {"max": MAX_LIMIT}, details={"limit": limit}
        )
    if not cursor:
        return 0, size
    (text,) = _decode(cursor, 1)
    if not text.isdigit() or len(text) > 9:
        raise InvalidInput(_("The cursor is not valid; use next_cursor from a previous page."))
    return int(text), size


def offset_cursor(offset: int) -> str:
    """The cursor of the page that starts at `offset`."""
    return _encode([offset])
