from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ref_out import RefOut


T = TypeVar("T", bound="ReservationOut")


@_attrs_define
class ReservationOut:
    """
    Attributes:
        delivery_country (str):
        location_id (str):
        partner (RefOut):
        reserved_on (datetime.date):
        start_date (datetime.date):
    """

    delivery_country: str
    location_id: str
    partner: RefOut
    reserved_on: datetime.date
    start_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_country = self.delivery_country

        location_id = self.location_id

        partner = self.partner.to_dict()

        reserved_on = self.reserved_on.isoformat()

        start_date = self.start_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_country": delivery_country,
                "location_id": location_id,
                "partner": partner,
                "reserved_on": reserved_on,
                "start_date": start_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ref_out import RefOut  # noqa: PLC0415

        d = dict(src_dict)
        delivery_country = d.pop("delivery_country")

        location_id = d.pop("location_id")

        partner = RefOut.from_dict(d.pop("partner"))

        reserved_on = datetime.date.fromisoformat(d.pop("reserved_on"))

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        reservation_out = cls(
            delivery_country=delivery_country,
            location_id=location_id,
            partner=partner,
            reserved_on=reserved_on,
            start_date=start_date,
        )

        reservation_out.additional_properties = d
        return reservation_out

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
