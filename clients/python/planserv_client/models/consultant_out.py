from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exam_passed_out import ExamPassedOut


T = TypeVar("T", bound="ConsultantOut")


@_attrs_define
class ConsultantOut:
    """
    Attributes:
        email (str):
        exams (list[ExamPassedOut]):
        id (int):
        name (str):
    """

    email: str
    exams: list[ExamPassedOut]
    id: int
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        exams = []
        for exams_item_data in self.exams:
            exams_item = exams_item_data.to_dict()
            exams.append(exams_item)

        id = self.id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "exams": exams,
                "id": id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exam_passed_out import ExamPassedOut  # noqa: PLC0415

        d = dict(src_dict)
        email = d.pop("email")

        exams = []
        _exams = d.pop("exams")
        for exams_item_data in _exams:
            exams_item = ExamPassedOut.from_dict(exams_item_data)

            exams.append(exams_item)

        id = d.pop("id")

        name = d.pop("name")

        consultant_out = cls(
            email=email,
            exams=exams,
            id=id,
            name=name,
        )

        consultant_out.additional_properties = d
        return consultant_out

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
