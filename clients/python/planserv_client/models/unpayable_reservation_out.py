from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnpayableReservationOut")


@_attrs_define
class UnpayableReservationOut:
    """
    Attributes:
        customer (str):
        delivery_country (str):
        partner (str):
        status (str):
        voucher_id (str):
    """

    customer: str
    delivery_country: str
    partner: str
    status: str
    voucher_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer

        delivery_country = self.delivery_country

        partner = self.partner

        status = self.status

        voucher_id = self.voucher_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "customer": customer,
                "delivery_country": delivery_country,
                "partner": partner,
                "status": status,
                "voucher_id": voucher_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer = d.pop("customer")

        delivery_country = d.pop("delivery_country")

        partner = d.pop("partner")

        status = d.pop("status")

        voucher_id = d.pop("voucher_id")

        unpayable_reservation_out = cls(
            customer=customer,
            delivery_country=delivery_country,
            partner=partner,
            status=status,
            voucher_id=voucher_id,
        )

        unpayable_reservation_out.additional_properties = d
        return unpayable_reservation_out

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
