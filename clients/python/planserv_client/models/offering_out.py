from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.competency_requirement_out import CompetencyRequirementOut


T = TypeVar("T", bound="OfferingOut")


@_attrs_define
class OfferingOut:
    """
    Attributes:
        cloud (bool):
        code (str):
        engagement_types (list[str]):
        enrollment_competencies (list[CompetencyRequirementOut]):
        name (str):
        retired (bool):
        targeted_products (str):
    """

    cloud: bool
    code: str
    engagement_types: list[str]
    enrollment_competencies: list[CompetencyRequirementOut]
    name: str
    retired: bool
    targeted_products: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cloud = self.cloud

        code = self.code

        engagement_types = self.engagement_types

        enrollment_competencies = []
        for enrollment_competencies_item_data in self.enrollment_competencies:
            enrollment_competencies_item = enrollment_competencies_item_data.to_dict()
            enrollment_competencies.append(enrollment_competencies_item)

        name = self.name

        retired = self.retired

        targeted_products = self.targeted_products

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cloud": cloud,
                "code": code,
                "engagement_types": engagement_types,
                "enrollment_competencies": enrollment_competencies,
                "name": name,
                "retired": retired,
                "targeted_products": targeted_products,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.competency_requirement_out import CompetencyRequirementOut  # noqa: PLC0415

        d = dict(src_dict)
        cloud = d.pop("cloud")

        code = d.pop("code")

        engagement_types = cast(list[str], d.pop("engagement_types"))

        enrollment_competencies = []
        _enrollment_competencies = d.pop("enrollment_competencies")
        for enrollment_competencies_item_data in _enrollment_competencies:
            enrollment_competencies_item = CompetencyRequirementOut.from_dict(enrollment_competencies_item_data)

            enrollment_competencies.append(enrollment_competencies_item)

        name = d.pop("name")

        retired = d.pop("retired")

        targeted_products = d.pop("targeted_products")

        offering_out = cls(
            cloud=cloud,
            code=code,
            engagement_types=engagement_types,
            enrollment_competencies=enrollment_competencies,
            name=name,
            retired=retired,
            targeted_products=targeted_products,
        )

        offering_out.additional_properties = d
        return offering_out

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
