from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExamClaimIn")


@_attrs_define
class ExamClaimIn:
    """
    Attributes:
        exam (str):
        passed_on (datetime.date):
        evidence_base64 (str | Unset):  Default: ''.
        evidence_filename (str | Unset):  Default: ''.
        reference (str | Unset):  Default: ''.
    """

    exam: str
    passed_on: datetime.date
    evidence_base64: str | Unset = ""
    evidence_filename: str | Unset = ""
    reference: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exam = self.exam

        passed_on = self.passed_on.isoformat()

        evidence_base64 = self.evidence_base64

        evidence_filename = self.evidence_filename

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exam": exam,
                "passed_on": passed_on,
            }
        )
        if evidence_base64 is not UNSET:
            field_dict["evidence_base64"] = evidence_base64
        if evidence_filename is not UNSET:
            field_dict["evidence_filename"] = evidence_filename
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        exam = d.pop("exam")

        passed_on = datetime.date.fromisoformat(d.pop("passed_on"))

        evidence_base64 = d.pop("evidence_base64", UNSET)

        evidence_filename = d.pop("evidence_filename", UNSET)

        reference = d.pop("reference", UNSET)

        exam_claim_in = cls(
            exam=exam,
            passed_on=passed_on,
            evidence_base64=evidence_base64,
            evidence_filename=evidence_filename,
            reference=reference,
        )

        exam_claim_in.additional_properties = d
        return exam_claim_in

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
