from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EnrollmentSummaryOut")


@_attrs_define
class EnrollmentSummaryOut:
    """
    Attributes:
        enrolled_on (datetime.date):
        id (int):
        last_day (datetime.date):
        renewal_opens_on (datetime.date):
    """

    enrolled_on: datetime.date
    id: int
    last_day: datetime.date
    renewal_opens_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enrolled_on = self.enrolled_on.isoformat()

        id = self.id

        last_day = self.last_day.isoformat()

        renewal_opens_on = self.renewal_opens_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enrolled_on": enrolled_on,
                "id": id,
                "last_day": last_day,
                "renewal_opens_on": renewal_opens_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enrolled_on = datetime.date.fromisoformat(d.pop("enrolled_on"))

        id = d.pop("id")

        last_day = datetime.date.fromisoformat(d.pop("last_day"))

        renewal_opens_on = datetime.date.fromisoformat(d.pop("renewal_opens_on"))

        enrollment_summary_out = cls(
            enrolled_on=enrolled_on,
            id=id,
            last_day=last_day,
            renewal_opens_on=renewal_opens_on,
        )

        enrollment_summary_out.additional_properties = d
        return enrollment_summary_out

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
