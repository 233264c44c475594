from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImpactTotalsOut")


@_attrs_define
class ImpactTotalsOut:
    """
    Attributes:
        date (datetime.date):
        days_removed (int):
        organisations (int):
        payments_at_risk (int):
        vouchers_at_risk (int):
    """

    date: datetime.date
    days_removed: int
    organisations: int
    payments_at_risk: int
    vouchers_at_risk: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        days_removed = self.days_removed

        organisations = self.organisations

        payments_at_risk = self.payments_at_risk

        vouchers_at_risk = self.vouchers_at_risk

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "days_removed": days_removed,
                "organisations": organisations,
                "payments_at_risk": payments_at_risk,
                "vouchers_at_risk": vouchers_at_risk,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        days_removed = d.pop("days_removed")

        organisations = d.pop("organisations")

        payments_at_risk = d.pop("payments_at_risk")

        vouchers_at_risk = d.pop("vouchers_at_risk")

        impact_totals_out = cls(
            date=date,
            days_removed=days_removed,
            organisations=organisations,
            payments_at_risk=payments_at_risk,
            vouchers_at_risk=vouchers_at_risk,
        )

        impact_totals_out.additional_properties = d
        return impact_totals_out

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
