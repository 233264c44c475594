from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.requirement_out import RequirementOut


T = TypeVar("T", bound="EngagementTypeEligibilityOut")


@_attrs_define
class EngagementTypeEligibilityOut:
    """
    Attributes:
        code (str):
        eligible (bool):
        name (str):
        ready_to_deliver (bool):
        requirements (list[RequirementOut]):
    """

    code: str
    eligible: bool
    name: str
    ready_to_deliver: bool
    requirements: list[RequirementOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        eligible = self.eligible

        name = self.name

        ready_to_deliver = self.ready_to_deliver

        requirements = []
        for requirements_item_data in self.requirements:
            requirements_item = requirements_item_data.to_dict()
            requirements.append(requirements_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "eligible": eligible,
                "name": name,
                "ready_to_deliver": ready_to_deliver,
                "requirements": requirements,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.requirement_out import RequirementOut  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        eligible = d.pop("eligible")

        name = d.pop("name")

        ready_to_deliver = d.pop("ready_to_deliver")

        requirements = []
        _requirements = d.pop("requirements")
        for requirements_item_data in _requirements:
            requirements_item = RequirementOut.from_dict(requirements_item_data)

            requirements.append(requirements_item)

        engagement_type_eligibility_out = cls(
            code=code,
            eligible=eligible,
            name=name,
            ready_to_deliver=ready_to_deliver,
            requirements=requirements,
        )

        engagement_type_eligibility_out.additional_properties = d
        return engagement_type_eligibility_out

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
