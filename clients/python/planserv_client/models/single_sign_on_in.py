from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SingleSignOnIn")


@_attrs_define
class SingleSignOnIn:
    """
    Attributes:
        allowed_domains (list[str]):
        client_id (str):
        issuer (str):
        client_secret (str | Unset): Empty keeps the stored secret. Default: ''.
        required (bool | Unset):  Default: False.
    """

    allowed_domains: list[str]
    client_id: str
    issuer: str
    client_secret: str | Unset = ""
    required: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed_domains = self.allowed_domains

        client_id = self.client_id

        issuer = self.issuer

        client_secret = self.client_secret

        required = self.required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed_domains": allowed_domains,
                "client_id": client_id,
                "issuer": issuer,
            }
        )
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_domains = cast(list[str], d.pop("allowed_domains"))

        client_id = d.pop("client_id")

        issuer = d.pop("issuer")

        client_secret = d.pop("client_secret", UNSET)

        required = d.pop("required", UNSET)

        single_sign_on_in = cls(
            allowed_domains=allowed_domains,
            client_id=client_id,
            issuer=issuer,
            client_secret=client_secret,
            required=required,
        )

        single_sign_on_in.additional_properties = d
        return single_sign_on_in

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
