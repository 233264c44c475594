from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DetailsChangeIn")


@_attrs_define
class DetailsChangeIn:
    """
    Attributes:
        bic (str):
        country (str):
        currency (str):
        iban (str):
        legal_name (str):
        tax_id (str):
    """

    bic: str
    country: str
    currency: str
    iban: str
    legal_name: str
    tax_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bic = self.bic

        country = self.country

        currency = self.currency

        iban = self.iban

        legal_name = self.legal_name

        tax_id = self.tax_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bic": bic,
                "country": country,
                "currency": currency,
                "iban": iban,
                "legal_name": legal_name,
                "tax_id": tax_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bic = d.pop("bic")

        country = d.pop("country")

        currency = d.pop("currency")

        iban = d.pop("iban")

        legal_name = d.pop("legal_name")

        tax_id = d.pop("tax_id")

        details_change_in = cls(
            bic=bic,
            country=country,
            currency=currency,
            iban=iban,
            legal_name=legal_name,
            tax_id=tax_id,
        )

        details_change_in.additional_properties = d
        return details_change_in

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
