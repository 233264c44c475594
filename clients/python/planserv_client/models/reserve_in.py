from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReserveIn")


@_attrs_define
class ReserveIn:
    """
    Attributes:
        accept_terms (bool):
        email (str):
        location_id (str):
        start_date (datetime.date):
        delivery_country (None | str | Unset): Defaults to the customer's country.
    """

    accept_terms: bool
    email: str
    location_id: str
    start_date: datetime.date
    delivery_country: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accept_terms = self.accept_terms

        email = self.email

        location_id = self.location_id

        start_date = self.start_date.isoformat()

        delivery_country: None | str | Unset
        if isinstance(self.delivery_country, Unset):
            delivery_country = UNSET
        else:
            delivery_country = self.delivery_country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accept_terms": accept_terms,
                "email": email,
                "location_id": location_id,
                "start_date": start_date,
            }
        )
        if delivery_country is not UNSET:
            field_dict["delivery_country"] = delivery_country

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accept_terms = d.pop("accept_terms")

        email = d.pop("email")

        location_id = d.pop("location_id")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        def _parse_delivery_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delivery_country = _parse_delivery_country(d.pop("delivery_country", UNSET))

        reserve_in = cls(
            accept_terms=accept_terms,
            email=email,
            location_id=location_id,
            start_date=start_date,
            delivery_country=delivery_country,
        )

        reserve_in.additional_properties = d
        return reserve_in

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
