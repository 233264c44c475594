from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeliverableOut")


@_attrs_define
class DeliverableOut:
    """
    Attributes:
        api_path (str): API path (bearer token) that serves the file: GET
            /api/v1/vouchers/{voucher_id}/deliverables/{id}.
        content_type (str):
        download_path (str): Portal path (session login) that serves the file.
        id (int):
        name (str):
        size (int):
    """

    api_path: str
    content_type: str
    download_path: str
    id: int
    name: str
    size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_path = self.api_path

        content_type = self.content_type

        download_path = self.download_path

        id = self.id

        name = self.name

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_path": api_path,
                "content_type": content_type,
                "download_path": download_path,
                "id": id,
                "name": name,
                "size": size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_path = d.pop("api_path")

        content_type = d.pop("content_type")

        download_path = d.pop("download_path")

        id = d.pop("id")

        name = d.pop("name")

        size = d.pop("size")

        deliverable_out = cls(
            api_path=api_path,
            content_type=content_type,
            download_path=download_path,
            id=id,
            name=name,
            size=size,
        )

        deliverable_out.additional_properties = d
        return deliverable_out

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
