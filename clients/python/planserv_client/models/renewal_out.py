from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RenewalOut")


@_attrs_define
class RenewalOut:
    """
    Attributes:
        agreement_version (str):
        last_day (datetime.date):
        previous_last_day (datetime.date):
        renewed_on (datetime.date):
    """

    agreement_version: str
    last_day: datetime.date
    previous_last_day: datetime.date
    renewed_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_version = self.agreement_version

        last_day = self.last_day.isoformat()

        previous_last_day = self.previous_last_day.isoformat()

        renewed_on = self.renewed_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_version": agreement_version,
                "last_day": last_day,
                "previous_last_day": previous_last_day,
                "renewed_on": renewed_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agreement_version = d.pop("agreement_version")

        last_day = datetime.date.fromisoformat(d.pop("last_day"))

        previous_last_day = datetime.date.fromisoformat(d.pop("previous_last_day"))

        renewed_on = datetime.date.fromisoformat(d.pop("renewed_on"))

        renewal_out = cls(
            agreement_version=agreement_version,
            last_day=last_day,
            previous_last_day=previous_last_day,
            renewed_on=renewed_on,
        )

        renewal_out.additional_properties = d
        return renewal_out

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
