from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BulkItemOut")


@_attrs_define
class BulkItemOut:
    """
    Attributes:
        after (str):
        before (str):
        code (str):
        customer (str):
        message (str):
        outcome (str): change (would change, in a dry run) or refused
        voucher_id (str):
    """

    after: str
    before: str
    code: str
    customer: str
    message: str
    outcome: str
    voucher_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        after = self.after

        before = self.before

        code = self.code

        customer = self.customer

        message = self.message

        outcome = self.outcome

        voucher_id = self.voucher_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after": after,
                "before": before,
                "code": code,
                "customer": customer,
                "message": message,
                "outcome": outcome,
                "voucher_id": voucher_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        after = d.pop("after")

        before = d.pop("before")

        code = d.pop("code")

        customer = d.pop("customer")

        message = d.pop("message")

        outcome = d.pop("outcome")

        voucher_id = d.pop("voucher_id")

        bulk_item_out = cls(
            after=after,
            before=before,
            code=code,
            customer=customer,
            message=message,
            outcome=outcome,
            voucher_id=voucher_id,
        )

        bulk_item_out.additional_properties = d
        return bulk_item_out

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
