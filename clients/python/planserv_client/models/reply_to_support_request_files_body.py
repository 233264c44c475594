from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.reply_to_support_request_files_body_support_status import ReplyToSupportRequestFilesBodySupportStatus
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="ReplyToSupportRequestFilesBody")


@_attrs_define
class ReplyToSupportRequestFilesBody:
    """
    Attributes:
        body (str):
        attachments (list[File] | Unset):
        then_status (None | ReplyToSupportRequestFilesBodySupportStatus | Unset):
    """

    body: str
    attachments: list[File] | Unset = UNSET
    then_status: None | ReplyToSupportRequestFilesBodySupportStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        attachments: list[FileTypes] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_tuple()

                attachments.append(attachments_item)

        then_status: None | str | Unset
        if isinstance(self.then_status, Unset):
            then_status = UNSET
        elif isinstance(self.then_status, ReplyToSupportRequestFilesBodySupportStatus):
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
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if then_status is not UNSET:
            field_dict["then_status"] = then_status

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("body", (None, str(self.body).encode(), "text/plain")))

        if not isinstance(self.attachments, Unset):
            for attachments_item_element in self.attachments:
                files.append(("attachments", attachments_item_element.to_tuple()))

        if not isinstance(self.then_status, Unset):
            if isinstance(self.then_status, ReplyToSupportRequestFilesBodySupportStatus):
                files.append(("then_status", (None, str(self.then_status.value).encode(), "text/plain")))
            else:
                files.append(("then_status", (None, str(self.then_status).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        _attachments = d.pop("attachments", UNSET)
        attachments: list[File] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = File(payload=BytesIO(attachments_item_data))

                attachments.append(attachments_item)

        def _parse_then_status(data: object) -> None | ReplyToSupportRequestFilesBodySupportStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                then_status_support_status = ReplyToSupportRequestFilesBodySupportStatus(data)

                return then_status_support_status
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReplyToSupportRequestFilesBodySupportStatus | Unset, data)

        then_status = _parse_then_status(d.pop("then_status", UNSET))

        reply_to_support_request_files_body = cls(
            body=body,
            attachments=attachments,
            then_status=then_status,
        )

        reply_to_support_request_files_body.additional_properties = d
        return reply_to_support_request_files_body

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
