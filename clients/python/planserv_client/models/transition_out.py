from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TransitionOut")


@_attrs_define
class TransitionOut:
    """
    Attributes:
        at (datetime.datetime):
        by (str):
        from_status (str):
        note (str):
        on (datetime.date):
        to_status (str):
    """

    at: datetime.datetime
    by: str
    from_status: str
    note: str
    on: datetime.date
    to_status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        by = self.by

        from_status = self.from_status

        note = self.note

        on = self.on.isoformat()

        to_status = self.to_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "by": by,
                "from_status": from_status,
                "note": note,
                "on": on,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        by = d.pop("by")

        from_status = d.pop("from_status")

        note = d.pop("note")

        on = datetime.date.fromisoformat(d.pop("on"))

        to_status = d.pop("to_status")

        transition_out = cls(
            at=at,
            by=by,
            from_status=from_status,
            note=note,
            on=on,
            to_status=to_status,
        )

        transition_out.additional_properties = d
        return transition_out

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
