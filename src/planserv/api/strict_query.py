"""REL-15: a query parameter the operation does not declare is a 400, never silently ignored
(`?occurred_from=2021-13-45` on a list that filters by `date_from` must not answer everything).

ninja builds one query model per operation from `param_cls._model`; planserv's is this stricter
one, installed when `planserv.api` is first imported (before any router is built).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import ValidationError
from ninja.params import models as param_models


class StrictQueryModel(param_models.QueryModel):
    @classmethod
    def get_request_data(cls, request: HttpRequest, api: Any, path_params: Any) -> Any:
        flatten_map = getattr(cls, "__ninja_flatten_map__", None) or {}
        known = set(flatten_map) | {field.alias or name for name, field in cls.model_fields.items()}
        unknown = sorted(set(request.GET) - known)
        if unknown:
            raise ValidationError(
                [
                    {
                        "loc": ["query", name],
                        "msg": "unknown query parameter; accepted: " + ", ".join(sorted(known)),
                    }
                    for name in unknown
                ]
            )
        return super().get_request_data(request, api, path_params)


def install() -> None:
    param_models.Query._model = StrictQueryModel
