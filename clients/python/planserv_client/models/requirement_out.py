from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RequirementOut")


@_attrs_define
class RequirementOut:
    """
    Attributes:
        action (str):
        key (str):
        label (str):
        met (bool):
        reason (str):
        rule (str):
    """

    action: str
    key: str
    label: str
    met: bool
    reason: str
    rule: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        key = self.key

        label = self.label

        met = self.met

        reason = self.reason

        rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "key": key,
                "label": label,
                "met": met,
                "reason": reason,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        key = d.pop("key")

        label = d.pop("label")

        met = d.pop("met")

        reason = d.pop("reason")

        rule = d.pop("rule")

        requirement_out = cls(
            action=action,
            key=key,
            label=label,
            met=met,
            reason=reason,
            rule=rule,
        )

        requirement_out.additional_properties = d
        return requirement_out

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
