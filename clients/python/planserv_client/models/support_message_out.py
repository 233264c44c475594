from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.support_attachment_out import SupportAttachmentOut


T = TypeVar("T", bound="SupportMessageOut")


@_attrs_define
class SupportMessageOut:
    """
    Attributes:
        attachments (list[SupportAttachmentOut]):
        author (str):
        body (str):
        created_at (datetime.datetime):
        id (int):
        side (str):
    """

    attachments: list[SupportAttachmentOut]
    author: str
    body: str
    created_at: datetime.datetime
    id: int
    side: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachments = []
        for attachments_item_data in self.attachments:
            attachments_item = attachments_item_data.to_dict()
            attachments.append(attachments_item)

        author = self.author

        body = self.body

        created_at = self.created_at.isoformat()

        id = self.id

        side = self.side

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachments": attachments,
                "author": author,
                "body": body,
                "created_at": created_at,
                "id": id,
                "side": side,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.support_attachment_out import SupportAttachmentOut  # noqa: PLC0415

        d = dict(src_dict)
        attachments = []
        _attachments = d.pop("attachments")
        for attachments_item_data in _attachments:
            attachments_item = SupportAttachmentOut.from_dict(attachments_item_data)

            attachments.append(attachments_item)

        author = d.pop("author")

        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        side = d.pop("side")

        support_message_out = cls(
            attachments=attachments,
            author=author,
            body=body,
            created_at=created_at,
            id=id,
            side=side,
        )

        support_message_out.additional_properties = d
        return support_message_out

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
