from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LogoIn")


@_attrs_define
class LogoIn:
    """The image as base64 (PNG, JPEG, GIF or WebP, at most 1 MB once decoded).

    Attributes:
        content_base64 (str):
        filename (str | Unset):  Default: 'logo'.
    """

    content_base64: str
    filename: str | Unset = "logo"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_base64 = self.content_base64

        filename = self.filename

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_base64": content_base64,
            }
        )
        if filename is not UNSET:
            field_dict["filename"] = filename

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_base64 = d.pop("content_base64")

        filename = d.pop("filename", UNSET)

        logo_in = cls(
            content_base64=content_base64,
            filename=filename,
        )

        logo_in.additional_properties = d
        return logo_in

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
