from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.engagement_type_eligibility_out import EngagementTypeEligibilityOut
    from ..models.enrollment_summary_out import EnrollmentSummaryOut
    from ..models.requirement_out import RequirementOut


T = TypeVar("T", bound="OfferingEligibilityOut")


@_attrs_define
class OfferingEligibilityOut:
    """
    Attributes:
        can_enroll (bool):
        can_renew (bool):
        cloud (bool):
        code (str):
        engagement_types (list[EngagementTypeEligibilityOut]):
        enrolled (bool):
        enrollment (EnrollmentSummaryOut | None):
        enrollment_requirement (RequirementOut):
        name (str):
        retired (bool):
    """

    can_enroll: bool
    can_renew: bool
    cloud: bool
    code: str
    engagement_types: list[EngagementTypeEligibilityOut]
    enrolled: bool
    enrollment: EnrollmentSummaryOut | None
    enrollment_requirement: RequirementOut
    name: str
    retired: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.enrollment_summary_out import EnrollmentSummaryOut  # noqa: PLC0415

        can_enroll = self.can_enroll

        can_renew = self.can_renew

        cloud = self.cloud

        code = self.code

        engagement_types = []
        for engagement_types_item_data in self.engagement_types:
            engagement_types_item = engagement_types_item_data.to_dict()
            engagement_types.append(engagement_types_item)

        enrolled = self.enrolled

        enrollment: dict[str, Any] | None
        if isinstance(self.enrollment, EnrollmentSummaryOut):
            enrollment = self.enrollment.to_dict()
        else:
            enrollment = self.enrollment

        enrollment_requirement = self.enrollment_requirement.to_dict()

        name = self.name

        retired = self.retired

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "can_enroll": can_enroll,
                "can_renew": can_renew,
                "cloud": cloud,
                "code": code,
                "engagement_types": engagement_types,
                "enrolled": enrolled,
                "enrollment": enrollment,
                "enrollment_requirement": enrollment_requirement,
                "name": name,
                "retired": retired,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.engagement_type_eligibility_out import EngagementTypeEligibilityOut  # noqa: PLC0415
        from ..models.enrollment_summary_out import EnrollmentSummaryOut  # noqa: PLC0415
        from ..models.requirement_out import RequirementOut  # noqa: PLC0415

        d = dict(src_dict)
        can_enroll = d.pop("can_enroll")

        can_renew = d.pop("can_renew")

        cloud = d.pop("cloud")

        code = d.pop("code")

        engagement_types = []
        _engagement_types = d.pop("engagement_types")
        for engagement_types_item_data in _engagement_types:
            engagement_types_item = EngagementTypeEligibilityOut.from_dict(engagement_types_item_data)

            engagement_types.append(engagement_types_item)

        enrolled = d.pop("enrolled")

        def _parse_enrollment(data: object) -> EnrollmentSummaryOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                enrollment_type_0 = EnrollmentSummaryOut.from_dict(data)

                return enrollment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EnrollmentSummaryOut | None, data)

        enrollment = _parse_enrollment(d.pop("enrollment"))

        enrollment_requirement = RequirementOut.from_dict(d.pop("enrollment_requirement"))

        name = d.pop("name")

        retired = d.pop("retired")

        offering_eligibility_out = cls(
            can_enroll=can_enroll,
            can_renew=can_renew,
            cloud=cloud,
            code=code,
            engagement_types=engagement_types,
            enrolled=enrolled,
            enrollment=enrollment,
            enrollment_requirement=enrollment_requirement,
            name=name,
            retired=retired,
        )

        offering_eligibility_out.additional_properties = d
        return offering_eligibility_out

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
