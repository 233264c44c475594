from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClockOut")


@_attrs_define
class ClockOut:
    """
    Attributes:
        pinned (bool):
        sandbox (bool):
        time_zone (str):
        today (datetime.date):
    """

    pinned: bool
    sandbox: bool
    time_zone: str
    today: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pinned = self.pinned

        sandbox = self.sandbox

        time_zone = self.time_zone

        today = self.today.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pinned": pinned,
                "sandbox": sandbox,
                "time_zone": time_zone,
                "today": today,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pinned = d.pop("pinned")

        sandbox = d.pop("sandbox")

        time_zone = d.pop("time_zone")

        today = datetime.date.fromisoformat(d.pop("today"))

        clock_out = cls(
            pinned=pinned,
            sandbox=sandbox,
            time_zone=time_zone,
            today=today,
        )

        clock_out.additional_properties = d
        return clock_out

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
