from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompetencyClaimIn")


@_attrs_define
class CompetencyClaimIn:
    """
    Attributes:
        competency (str):
        earned_on (datetime.date):
        expires_on (datetime.date):
        level (str):
        evidence_base64 (str | Unset):  Default: ''.
        evidence_filename (str | Unset):  Default: ''.
        reference (str | Unset):  Default: ''.
    """

    competency: str
    earned_on: datetime.date
    expires_on: datetime.date
    level: str
    evidence_base64: str | Unset = ""
    evidence_filename: str | Unset = ""
    reference: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        competency = self.competency

        earned_on = self.earned_on.isoformat()

        expires_on = self.expires_on.isoformat()

        level = self.level

        evidence_base64 = self.evidence_base64

        evidence_filename = self.evidence_filename

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "competency": competency,
                "earned_on": earned_on,
                "expires_on": expires_on,
                "level": level,
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
        competency = d.pop("competency")

        earned_on = datetime.date.fromisoformat(d.pop("earned_on"))

        expires_on = datetime.date.fromisoformat(d.pop("expires_on"))

        level = d.pop("level")

        evidence_base64 = d.pop("evidence_base64", UNSET)

        evidence_filename = d.pop("evidence_filename", UNSET)

        reference = d.pop("reference", UNSET)

        competency_claim_in = cls(
            competency=competency,
            earned_on=earned_on,
            expires_on=expires_on,
            level=level,
            evidence_base64=evidence_base64,
            evidence_filename=evidence_filename,
            reference=reference,
        )

        competency_claim_in.additional_properties = d
        return competency_claim_in

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
