from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.open_support_request_files_body_support_category import OpenSupportRequestFilesBodySupportCategory
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="OpenSupportRequestFilesBody")


@_attrs_define
class OpenSupportRequestFilesBody:
    """
    Attributes:
        category (OpenSupportRequestFilesBodySupportCategory):
        message (str):
        subject (str):
        attachments (list[File] | Unset):
        payment_request_id (str | Unset):  Default: ''.
        voucher_id (str | Unset):  Default: ''.
    """

    category: OpenSupportRequestFilesBodySupportCategory
    message: str
    subject: str
    attachments: list[File] | Unset = UNSET
    payment_request_id: str | Unset = ""
    voucher_id: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        message = self.message

        subject = self.subject

        attachments: list[FileTypes] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_tuple()

                attachments.append(attachments_item)

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
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if payment_request_id is not UNSET:
            field_dict["payment_request_id"] = payment_request_id
        if voucher_id is not UNSET:
            field_dict["voucher_id"] = voucher_id

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("category", (None, str(self.category.value).encode(), "text/plain")))

        files.append(("message", (None, str(self.message).encode(), "text/plain")))

        files.append(("subject", (None, str(self.subject).encode(), "text/plain")))

        if not isinstance(self.attachments, Unset):
            for attachments_item_element in self.attachments:
                files.append(("attachments", attachments_item_element.to_tuple()))

        if not isinstance(self.payment_request_id, Unset):
            files.append(("payment_request_id", (None, str(self.payment_request_id).encode(), "text/plain")))

        if not isinstance(self.voucher_id, Unset):
            files.append(("voucher_id", (None, str(self.voucher_id).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = OpenSupportRequestFilesBodySupportCategory(d.pop("category"))

        message = d.pop("message")

        subject = d.pop("subject")

        _attachments = d.pop("attachments", UNSET)
        attachments: list[File] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = File(payload=BytesIO(attachments_item_data))

                attachments.append(attachments_item)

        payment_request_id = d.pop("payment_request_id", UNSET)

        voucher_id = d.pop("voucher_id", UNSET)

        open_support_request_files_body = cls(
            category=category,
            message=message,
            subject=subject,
            attachments=attachments,
            payment_request_id=payment_request_id,
            voucher_id=voucher_id,
        )

        open_support_request_files_body.additional_properties = d
        return open_support_request_files_body

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
