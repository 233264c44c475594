from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.competency_requirement_out import CompetencyRequirementOut


T = TypeVar("T", bound="EngagementTypeOut")


@_attrs_define
class EngagementTypeOut:
    """
    Attributes:
        cloud (bool):
        code (str):
        deliverable_kinds (list[str]):
        exams (list[str]):
        name (str):
        offering (str):
        qualifying_competencies (list[CompetencyRequirementOut]):
        retired (bool):
        service_levels (list[int]):
    """

    cloud: bool
    code: str
    deliverable_kinds: list[str]
    exams: list[str]
    name: str
    offering: str
    qualifying_competencies: list[CompetencyRequirementOut]
    retired: bool
    service_levels: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cloud = self.cloud

        code = self.code

        deliverable_kinds = self.deliverable_kinds

        exams = self.exams

        name = self.name

        offering = self.offering

        qualifying_competencies = []
        for qualifying_competencies_item_data in self.qualifying_competencies:
            qualifying_competencies_item = qualifying_competencies_item_data.to_dict()
            qualifying_competencies.append(qualifying_competencies_item)

        retired = self.retired

        service_levels = self.service_levels

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cloud": cloud,
                "code": code,
                "deliverable_kinds": deliverable_kinds,
                "exams": exams,
                "name": name,
                "offering": offering,
                "qualifying_competencies": qualifying_competencies,
                "retired": retired,
                "service_levels": service_levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.competency_requirement_out import CompetencyRequirementOut  # noqa: PLC0415

        d = dict(src_dict)
        cloud = d.pop("cloud")

        code = d.pop("code")

        deliverable_kinds = cast(list[str], d.pop("deliverable_kinds"))

        exams = cast(list[str], d.pop("exams"))

        name = d.pop("name")

        offering = d.pop("offering")

        qualifying_competencies = []
        _qualifying_competencies = d.pop("qualifying_competencies")
        for qualifying_competencies_item_data in _qualifying_competencies:
            qualifying_competencies_item = CompetencyRequirementOut.from_dict(qualifying_competencies_item_data)

            qualifying_competencies.append(qualifying_competencies_item)

        retired = d.pop("retired")

        service_levels = cast(list[int], d.pop("service_levels"))

        engagement_type_out = cls(
            cloud=cloud,
            code=code,
            deliverable_kinds=deliverable_kinds,
            exams=exams,
            name=name,
            offering=offering,
            qualifying_competencies=qualifying_competencies,
            retired=retired,
            service_levels=service_levels,
        )

        engagement_type_out.additional_properties = d
        return engagement_type_out

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
