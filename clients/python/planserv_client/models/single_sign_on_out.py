from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SingleSignOnOut")


@_attrs_define
class SingleSignOnOut:
    """
    Attributes:
        configured (bool):
        organisation (str):
        redirect_uri (str): Register this address with the provider.
        allowed_domains (list[str] | Unset):
        client_id (str | Unset):  Default: ''.
        issuer (str | Unset):  Default: ''.
        required (bool | Unset):  Default: False.
    """

    configured: bool
    organisation: str
    redirect_uri: str
    allowed_domains: list[str] | Unset = UNSET
    client_id: str | Unset = ""
    issuer: str | Unset = ""
    required: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        configured = self.configured

        organisation = self.organisation

        redirect_uri = self.redirect_uri

        allowed_domains: list[str] | Unset = UNSET
        if not isinstance(self.allowed_domains, Unset):
            allowed_domains = self.allowed_domains

        client_id = self.client_id

        issuer = self.issuer

        required = self.required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "configured": configured,
                "organisation": organisation,
                "redirect_uri": redirect_uri,
            }
        )
        if allowed_domains is not UNSET:
            field_dict["allowed_domains"] = allowed_domains
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if issuer is not UNSET:
            field_dict["issuer"] = issuer
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        configured = d.pop("configured")

        organisation = d.pop("organisation")

        redirect_uri = d.pop("redirect_uri")

        allowed_domains = cast(list[str], d.pop("allowed_domains", UNSET))

        client_id = d.pop("client_id", UNSET)

        issuer = d.pop("issuer", UNSET)

        required = d.pop("required", UNSET)

        single_sign_on_out = cls(
            configured=configured,
            organisation=organisation,
            redirect_uri=redirect_uri,
            allowed_domains=allowed_domains,
            client_id=client_id,
            issuer=issuer,
            required=required,
        )

        single_sign_on_out.additional_properties = d
        return single_sign_on_out

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
