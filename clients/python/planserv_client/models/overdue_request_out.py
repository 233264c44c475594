from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OverdueRequestOut")


@_attrs_define
class OverdueRequestOut:
    """
    Attributes:
        firm (str):
        id (str):
        status (str):
        waiting_business_days (int):
    """

    firm: str
    id: str
    status: str
    waiting_business_days: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        firm = self.firm

        id = self.id

        status = self.status

        waiting_business_days = self.waiting_business_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "firm": firm,
                "id": id,
                "status": status,
                "waiting_business_days": waiting_business_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        firm = d.pop("firm")

        id = d.pop("id")

        status = d.pop("status")

        waiting_business_days = d.pop("waiting_business_days")

        overdue_request_out = cls(
            firm=firm,
            id=id,
            status=status,
            waiting_business_days=waiting_business_days,
        )

        overdue_request_out.additional_properties = d
        return overdue_request_out

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
