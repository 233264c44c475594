from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EngagementTypeRefOut")


@_attrs_define
class EngagementTypeRefOut:
    """
    Attributes:
        code (str):
        is_cloud (bool):
        name (str):
        offering (str):
    """

    code: str
    is_cloud: bool
    name: str
    offering: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        is_cloud = self.is_cloud

        name = self.name

        offering = self.offering

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "is_cloud": is_cloud,
                "name": name,
                "offering": offering,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        is_cloud = d.pop("is_cloud")

        name = d.pop("name")

        offering = d.pop("offering")

        engagement_type_ref_out = cls(
            code=code,
            is_cloud=is_cloud,
            name=name,
            offering=offering,
        )

        engagement_type_ref_out.additional_properties = d
        return engagement_type_ref_out

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
