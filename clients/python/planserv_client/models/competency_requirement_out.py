from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CompetencyRequirementOut")


@_attrs_define
class CompetencyRequirementOut:
    """
    Attributes:
        competency (str):
        competency_name (str):
        minimum_level (str):
    """

    competency: str
    competency_name: str
    minimum_level: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        competency = self.competency

        competency_name = self.competency_name

        minimum_level = self.minimum_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "competency": competency,
                "competency_name": competency_name,
                "minimum_level": minimum_level,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        competency = d.pop("competency")

        competency_name = d.pop("competency_name")

        minimum_level = d.pop("minimum_level")

        competency_requirement_out = cls(
            competency=competency,
            competency_name=competency_name,
            minimum_level=minimum_level,
        )

        competency_requirement_out.additional_properties = d
        return competency_requirement_out

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
