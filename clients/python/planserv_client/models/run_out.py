from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunOut")


@_attrs_define
class RunOut:
    """
    Attributes:
        built_by (str):
        confirmed_on (datetime.date | None):
        count (int):
        currency (str):
        id (str):
        month (str):
        requests (list[str]):
        status (str):
        total (str):
    """

    built_by: str
    confirmed_on: datetime.date | None
    count: int
    currency: str
    id: str
    month: str
    requests: list[str]
    status: str
    total: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        built_by = self.built_by

        confirmed_on: None | str
        if isinstance(self.confirmed_on, datetime.date):
            confirmed_on = self.confirmed_on.isoformat()
        else:
            confirmed_on = self.confirmed_on

        count = self.count

        currency = self.currency

        id = self.id

        month = self.month

        requests = self.requests

        status = self.status

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "built_by": built_by,
                "confirmed_on": confirmed_on,
                "count": count,
                "currency": currency,
                "id": id,
                "month": month,
                "requests": requests,
                "status": status,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        built_by = d.pop("built_by")

        def _parse_confirmed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_on_type_0 = datetime.date.fromisoformat(data)

                return confirmed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        confirmed_on = _parse_confirmed_on(d.pop("confirmed_on"))

        count = d.pop("count")

        currency = d.pop("currency")

        id = d.pop("id")

        month = d.pop("month")

        requests = cast(list[str], d.pop("requests"))

        status = d.pop("status")

        total = d.pop("total")

        run_out = cls(
            built_by=built_by,
            confirmed_on=confirmed_on,
            count=count,
            currency=currency,
            id=id,
            month=month,
            requests=requests,
            status=status,
            total=total,
        )

        run_out.additional_properties = d
        return run_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
