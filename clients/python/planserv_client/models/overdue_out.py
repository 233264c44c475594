from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.overdue_request_out import OverdueRequestOut


T = TypeVar("T", bound="OverdueOut")


@_attrs_define
class OverdueOut:
    """
    Attributes:
        limit_business_days (int):
        overdue (list[OverdueRequestOut]):
        overdue_count (int):
        runs_open_past_their_month (list[str]):
    """

    limit_business_days: int
    overdue: list[OverdueRequestOut]
    overdue_count: int
    runs_open_past_their_month: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        limit_business_days = self.limit_business_days

        overdue = []
        for overdue_item_data in self.overdue:
            overdue_item = overdue_item_data.to_dict()
            overdue.append(overdue_item)

        overdue_count = self.overdue_count

        runs_open_past_their_month = self.runs_open_past_their_month

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "limit_business_days": limit_business_days,
                "overdue": overdue,
                "overdue_count": overdue_count,
                "runs_open_past_their_month": runs_open_past_their_month,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.overdue_request_out import OverdueRequestOut  # noqa: PLC0415

        d = dict(src_dict)
        limit_business_days = d.pop("limit_business_days")

        overdue = []
        _overdue = d.pop("overdue")
        for overdue_item_data in _overdue:
            overdue_item = OverdueRequestOut.from_dict(overdue_item_data)

            overdue.append(overdue_item)

        overdue_count = d.pop("overdue_count")

        runs_open_past_their_month = cast(list[str], d.pop("runs_open_past_their_month"))

        overdue_out = cls(
            limit_business_days=limit_business_days,
            overdue=overdue,
            overdue_count=overdue_count,
            runs_open_past_their_month=runs_open_past_their_month,
        )

        overdue_out.additional_properties = d
        return overdue_out

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
