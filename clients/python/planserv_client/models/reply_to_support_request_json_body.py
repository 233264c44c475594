from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reply_to_support_request_json_body_support_status import ReplyToSupportRequestJsonBodySupportStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReplyToSupportRequestJsonBody")


@_attrs_define
class ReplyToSupportRequestJsonBody:
    """
    Attributes:
        body (str):
        then_status (None | ReplyToSupportRequestJsonBodySupportStatus | Unset):
    """

    body: str
    then_status: None | ReplyToSupportRequestJsonBodySupportStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        then_status: None | str | Unset
        if isinstance(self.then_status, Unset):
            then_status = UNSET
        elif isinstance(self.then_status, ReplyToSupportRequestJsonBodySupportStatus):
            then_status = self.then_status.value
        else:
            then_status = self.then_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
            }
        )
        if then_status is not UNSET:
            field_dict["then_status"] = then_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        def _parse_then_status(data: object) -> None | ReplyToSupportRequestJsonBodySupportStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                then_status_support_status = ReplyToSupportRequestJsonBodySupportStatus(data)

                return then_status_support_status
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReplyToSupportRequestJsonBodySupportStatus | Unset, data)

        then_status = _parse_then_status(d.pop("then_status", UNSET))

        reply_to_support_request_json_body = cls(
            body=body,
            then_status=then_status,
        )

        reply_to_support_request_json_body.additional_properties = d
        return reply_to_support_request_json_body

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
