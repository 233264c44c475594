from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.flag_out_evidence import FlagOutEvidence


T = TypeVar("T", bound="FlagOut")


@_attrs_define
class FlagOut:
    """
    Attributes:
        code (str):
        evidence (FlagOutEvidence):
        message (str):
        rule (str):
    """

    code: str
    evidence: FlagOutEvidence
    message: str
    rule: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        evidence = self.evidence.to_dict()

        message = self.message

        rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "evidence": evidence,
                "message": message,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flag_out_evidence import FlagOutEvidence  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        evidence = FlagOutEvidence.from_dict(d.pop("evidence"))

        message = d.pop("message")

        rule = d.pop("rule")

        flag_out = cls(
            code=code,
            evidence=evidence,
            message=message,
            rule=rule,
        )

        flag_out.additional_properties = d
        return flag_out

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
