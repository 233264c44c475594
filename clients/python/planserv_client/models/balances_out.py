from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BalancesOut")


@_attrs_define
class BalancesOut:
    """Balance per ledger account. `issued` and `training_issued` are the program-side sources:
    minus the days they gave out.

        Attributes:
            available (int):
            consumed (int):
            forfeited (int):
            held (int):
            issued (int):
            removed (int):
            training (int):
            training_converted (int):
            training_issued (int):
    """

    available: int
    consumed: int
    forfeited: int
    held: int
    issued: int
    removed: int
    training: int
    training_converted: int
    training_issued: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        consumed = self.consumed

        forfeited = self.forfeited

        held = self.held

        issued = self.issued

        removed = self.removed

        training = self.training

        training_converted = self.training_converted

        training_issued = self.training_issued

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "consumed": consumed,
                "forfeited": forfeited,
                "held": held,
                "issued": issued,
                "removed": removed,
                "training": training,
                "training_converted": training_converted,
                "training_issued": training_issued,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        available = d.pop("available")

        consumed = d.pop("consumed")

        forfeited = d.pop("forfeited")

        held = d.pop("held")

        issued = d.pop("issued")

        removed = d.pop("removed")

        training = d.pop("training")

        training_converted = d.pop("training_converted")

        training_issued = d.pop("training_issued")

        balances_out = cls(
            available=available,
            consumed=consumed,
            forfeited=forfeited,
            held=held,
            issued=issued,
            removed=removed,
            training=training,
            training_converted=training_converted,
            training_issued=training_issued,
        )

        balances_out.additional_properties = d
        return balances_out

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
