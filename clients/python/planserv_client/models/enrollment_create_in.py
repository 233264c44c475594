from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EnrollmentCreateIn")


@_attrs_define
class EnrollmentCreateIn:
    """
    Attributes:
        accept (bool):
        agreement_version (str):
        offering (str):
    """

    accept: bool
    agreement_version: str
    offering: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accept = self.accept

        agreement_version = self.agreement_version

        offering = self.offering

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accept": accept,
                "agreement_version": agreement_version,
                "offering": offering,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accept = d.pop("accept")

        agreement_version = d.pop("agreement_version")

        offering = d.pop("offering")

        enrollment_create_in = cls(
            accept=accept,
            agreement_version=agreement_version,
            offering=offering,
        )

        enrollment_create_in.additional_properties = d
        return enrollment_create_in

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
