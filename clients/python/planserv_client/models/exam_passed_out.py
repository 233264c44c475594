from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExamPassedOut")


@_attrs_define
class ExamPassedOut:
    """
    Attributes:
        competency (str):
        exam (str):
        name (str):
        passed_on (datetime.date):
    """

    competency: str
    exam: str
    name: str
    passed_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        competency = self.competency

        exam = self.exam

        name = self.name

        passed_on = self.passed_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "competency": competency,
                "exam": exam,
                "name": name,
                "passed_on": passed_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        competency = d.pop("competency")

        exam = d.pop("exam")

        name = d.pop("name")

        passed_on = datetime.date.fromisoformat(d.pop("passed_on"))

        exam_passed_out = cls(
            competency=competency,
            exam=exam,
            name=name,
            passed_on=passed_on,
        )

        exam_passed_out.additional_properties = d
        return exam_passed_out

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
