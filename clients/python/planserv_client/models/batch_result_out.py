from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BatchResultOut")


@_attrs_define
class BatchResultOut:
    """
    Attributes:
        code (str):
        message (str):
        redeemed (bool):
        rule (None | str):
        voucher_id (str):
    """

    code: str
    message: str
    redeemed: bool
    rule: None | str
    voucher_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        redeemed = self.redeemed

        rule: None | str
        rule = self.rule

        voucher_id = self.voucher_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "redeemed": redeemed,
                "rule": rule,
                "voucher_id": voucher_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        redeemed = d.pop("redeemed")

        def _parse_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule = _parse_rule(d.pop("rule"))

        voucher_id = d.pop("voucher_id")

        batch_result_out = cls(
            code=code,
            message=message,
            redeemed=redeemed,
            rule=rule,
            voucher_id=voucher_id,
        )

        batch_result_out.additional_properties = d
        return batch_result_out

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
