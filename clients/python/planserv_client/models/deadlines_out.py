from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeadlinesOut")


@_attrs_define
class DeadlinesOut:
    """
    Attributes:
        days_to_expiry (int):
        days_to_redeem_by (int):
        expiry_date (datetime.date): Last day the voucher is usable (inclusive).
        last_redemption_date (datetime.date): The program's last redemption day.
        redeem_by (datetime.date): min(expiry_date, last_redemption_date).
        usable (bool):
    """

    days_to_expiry: int
    days_to_redeem_by: int
    expiry_date: datetime.date
    last_redemption_date: datetime.date
    redeem_by: datetime.date
    usable: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days_to_expiry = self.days_to_expiry

        days_to_redeem_by = self.days_to_redeem_by

        expiry_date = self.expiry_date.isoformat()

        last_redemption_date = self.last_redemption_date.isoformat()

        redeem_by = self.redeem_by.isoformat()

        usable = self.usable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days_to_expiry": days_to_expiry,
                "days_to_redeem_by": days_to_redeem_by,
                "expiry_date": expiry_date,
                "last_redemption_date": last_redemption_date,
                "redeem_by": redeem_by,
                "usable": usable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days_to_expiry = d.pop("days_to_expiry")

        days_to_redeem_by = d.pop("days_to_redeem_by")

        expiry_date = datetime.date.fromisoformat(d.pop("expiry_date"))

        last_redemption_date = datetime.date.fromisoformat(d.pop("last_redemption_date"))

        redeem_by = datetime.date.fromisoformat(d.pop("redeem_by"))

        usable = d.pop("usable")

        deadlines_out = cls(
            days_to_expiry=days_to_expiry,
            days_to_redeem_by=days_to_redeem_by,
            expiry_date=expiry_date,
            last_redemption_date=last_redemption_date,
            redeem_by=redeem_by,
            usable=usable,
        )

        deadlines_out.additional_properties = d
        return deadlines_out

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
