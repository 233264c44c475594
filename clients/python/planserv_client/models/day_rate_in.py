from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DayRateIn")


@_attrs_define
class DayRateIn:
    """
    Attributes:
        amount (float | str):
        country (str):
        currency (str):
        effective_from (datetime.date):
        note (str | Unset):  Default: ''.
    """

    amount: float | str
    country: str
    currency: str
    effective_from: datetime.date
    note: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount: float | str
        amount = self.amount

        country = self.country

        currency = self.currency

        effective_from = self.effective_from.isoformat()

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "country": country,
                "currency": currency,
                "effective_from": effective_from,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        country = d.pop("country")

        currency = d.pop("currency")

        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        note = d.pop("note", UNSET)

        day_rate_in = cls(
            amount=amount,
            country=country,
            currency=currency,
            effective_from=effective_from,
            note=note,
        )

        day_rate_in.additional_properties = d
        return day_rate_in

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
