from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.balances_out import BalancesOut


T = TypeVar("T", bound="ConversionOut")


@_attrs_define
class ConversionOut:
    """
    Attributes:
        balances (BalancesOut): Balance per ledger account. `issued` and `training_issued` are the program-side sources:
            minus the days they gave out.
        converted_on (datetime.date):
        id (int):
        licensing_id (str):
        planning_days (int):
        training_days (int):
        training_days_per_planning_day (int):
    """

    balances: BalancesOut
    converted_on: datetime.date
    id: int
    licensing_id: str
    planning_days: int
    training_days: int
    training_days_per_planning_day: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balances = self.balances.to_dict()

        converted_on = self.converted_on.isoformat()

        id = self.id

        licensing_id = self.licensing_id

        planning_days = self.planning_days

        training_days = self.training_days

        training_days_per_planning_day = self.training_days_per_planning_day

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "balances": balances,
                "converted_on": converted_on,
                "id": id,
                "licensing_id": licensing_id,
                "planning_days": planning_days,
                "training_days": training_days,
                "training_days_per_planning_day": training_days_per_planning_day,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balances_out import BalancesOut  # noqa: PLC0415

        d = dict(src_dict)
        balances = BalancesOut.from_dict(d.pop("balances"))

        converted_on = datetime.date.fromisoformat(d.pop("converted_on"))

        id = d.pop("id")

        licensing_id = d.pop("licensing_id")

        planning_days = d.pop("planning_days")

        training_days = d.pop("training_days")

        training_days_per_planning_day = d.pop("training_days_per_planning_day")

        conversion_out = cls(
            balances=balances,
            converted_on=converted_on,
            id=id,
            licensing_id=licensing_id,
            planning_days=planning_days,
            training_days=training_days,
            training_days_per_planning_day=training_days_per_planning_day,
        )

        conversion_out.additional_properties = d
        return conversion_out

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
