from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportIn")


@_attrs_define
class ReportIn:
    """
    Attributes:
        consultant_ids (list[int]):
        delivery_country (str):
        end_date (datetime.date):
        next_steps (str):
        no_extra_fee (bool):
        offsite_days (int):
        onsite_days (int):
        start_date (datetime.date):
        summary (str):
        division (None | str | Unset):
        product_scope (None | str | Unset):
    """

    consultant_ids: list[int]
    delivery_country: str
    end_date: datetime.date
    next_steps: str
    no_extra_fee: bool
    offsite_days: int
    onsite_days: int
    start_date: datetime.date
    summary: str
    division: None | str | Unset = UNSET
    product_scope: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consultant_ids = self.consultant_ids

        delivery_country = self.delivery_country

        end_date = self.end_date.isoformat()

        next_steps = self.next_steps

        no_extra_fee = self.no_extra_fee

        offsite_days = self.offsite_days

        onsite_days = self.onsite_days

        start_date = self.start_date.isoformat()

        summary = self.summary

        division: None | str | Unset
        if isinstance(self.division, Unset):
            division = UNSET
        else:
            division = self.division

        product_scope: None | str | Unset
        if isinstance(self.product_scope, Unset):
            product_scope = UNSET
        else:
            product_scope = self.product_scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consultant_ids": consultant_ids,
                "delivery_country": delivery_country,
                "end_date": end_date,
                "next_steps": next_steps,
                "no_extra_fee": no_extra_fee,
                "offsite_days": offsite_days,
                "onsite_days": onsite_days,
                "start_date": start_date,
                "summary": summary,
            }
        )
        if division is not UNSET:
            field_dict["division"] = division
        if product_scope is not UNSET:
            field_dict["product_scope"] = product_scope

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consultant_ids = cast(list[int], d.pop("consultant_ids"))

        delivery_country = d.pop("delivery_country")

        end_date = datetime.date.fromisoformat(d.pop("end_date"))

        next_steps = d.pop("next_steps")

        no_extra_fee = d.pop("no_extra_fee")

        offsite_days = d.pop("offsite_days")

        onsite_days = d.pop("onsite_days")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        summary = d.pop("summary")

        def _parse_division(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        division = _parse_division(d.pop("division", UNSET))

        def _parse_product_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_scope = _parse_product_scope(d.pop("product_scope", UNSET))

        report_in = cls(
            consultant_ids=consultant_ids,
            delivery_country=delivery_country,
            end_date=end_date,
            next_steps=next_steps,
            no_extra_fee=no_extra_fee,
            offsite_days=offsite_days,
            onsite_days=onsite_days,
            start_date=start_date,
            summary=summary,
            division=division,
            product_scope=product_scope,
        )

        report_in.additional_properties = d
        return report_in

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
