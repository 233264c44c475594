from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DirectoryCompetencyOut")


@_attrs_define
class DirectoryCompetencyOut:
    """
    Attributes:
        competency (str):
        expires_on (datetime.date):
        level (str):
        name (str):
    """

    competency: str
    expires_on: datetime.date
    level: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        competency = self.competency

        expires_on = self.expires_on.isoformat()

        level = self.level

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "competency": competency,
                "expires_on": expires_on,
                "level": level,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        competency = d.pop("competency")

        expires_on = datetime.date.fromisoformat(d.pop("expires_on"))

        level = d.pop("level")

        name = d.pop("name")

        directory_competency_out = cls(
            competency=competency,
            expires_on=expires_on,
            level=level,
            name=name,
        )

        directory_competency_out.additional_properties = d
        return directory_competency_out

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
