from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.open_support_request_json_body_support_category import OpenSupportRequestJsonBodySupportCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="OpenSupportRequestJsonBody")


@_attrs_define
class OpenSupportRequestJsonBody:
    """
    Attributes:
        category (OpenSupportRequestJsonBodySupportCategory):
        message (str):
        subject (str):
        payment_request_id (str | Unset):  Default: ''.
        voucher_id (str | Unset):  Default: ''.
    """

    category: OpenSupportRequestJsonBodySupportCategory
    message: str
    subject: str
    payment_request_id: str | Unset = ""
    voucher_id: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        message = self.message

        subject = self.subject

        payment_request_id = self.payment_request_id

        voucher_id = self.voucher_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "message": message,
                "subject": subject,
            }
        )
        if payment_request_id is not UNSET:
            field_dict["payment_request_id"] = payment_request_id
        if voucher_id is not UNSET:
            field_dict["voucher_id"] = voucher_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = OpenSupportRequestJsonBodySupportCategory(d.pop("category"))

        message = d.pop("message")

        subject = d.pop("subject")

        payment_request_id = d.pop("payment_request_id", UNSET)

        voucher_id = d.pop("voucher_id", UNSET)

        open_support_request_json_body = cls(
            category=category,
            message=message,
            subject=subject,
            payment_request_id=payment_request_id,
            voucher_id=voucher_id,
        )

        open_support_request_json_body.additional_properties = d
        return open_support_request_json_body

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
