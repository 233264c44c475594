from __future__ import annotations

import datetime
from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="FileCompletionReportMultiPartBodyParams")


@_attrs_define
class FileCompletionReportMultiPartBodyParams:
    """
    Attributes:
        consultant_ids (list[int]):
        delivery_country (str):
        end_date (datetime.date):
        next_steps (str):
        no_extra_fee (bool):
        offsite_days (int):
        onsite_days (int):
        start_date (datetime.date):
        summary (str):
        division (None | str | Unset):
        files (list[File] | Unset):
        product_scope (None | str | Unset):
    """

    consultant_ids: list[int]
    delivery_country: str
    end_date: datetime.date
    next_steps: str
    no_extra_fee: bool
    offsite_days: int
    onsite_days: int
    start_date: datetime.date
    summary: str
    division: None | str | Unset = UNSET
    files: list[File] | Unset = UNSET
    product_scope: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consultant_ids = self.consultant_ids

        delivery_country = self.delivery_country

        end_date = self.end_date.isoformat()

        next_steps = self.next_steps

        no_extra_fee = self.no_extra_fee

        offsite_days = self.offsite_days

        onsite_days = self.onsite_days

        start_date = self.start_date.isoformat()

        summary = self.summary

        division: None | str | Unset
        if isinstance(self.division, Unset):
            division = UNSET
        else:
            division = self.division

        files: list[FileTypes] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_tuple()

                files.append(files_item)

        product_scope: None | str | Unset
        if isinstance(self.product_scope, Unset):
            product_scope = UNSET
        else:
            product_scope = self.product_scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consultant_ids": consultant_ids,
                "delivery_country": delivery_country,
                "end_date": end_date,
                "next_steps": next_steps,
                "no_extra_fee": no_extra_fee,
                "offsite_days": offsite_days,
                "onsite_days": onsite_days,
                "start_date": start_date,
                "summary": summary,
            }
        )
        if division is not UNSET:
            field_dict["division"] = division
        if files is not UNSET:
            field_dict["files"] = files
        if product_scope is not UNSET:
            field_dict["product_scope"] = product_scope

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for consultant_ids_item_element in self.consultant_ids:
            files.append(("consultant_ids", (None, str(consultant_ids_item_element).encode(), "text/plain")))

        files.append(("delivery_country", (None, str(self.delivery_country).encode(), "text/plain")))

        files.append(("end_date", (None, self.end_date.isoformat().encode(), "text/plain")))

        files.append(("next_steps", (None, str(self.next_steps).encode(), "text/plain")))

        files.append(("no_extra_fee", (None, str(self.no_extra_fee).encode(), "text/plain")))

        files.append(("offsite_days", (None, str(self.offsite_days).encode(), "text/plain")))

        files.append(("onsite_days", (None, str(self.onsite_days).encode(), "text/plain")))

        files.append(("start_date", (None, self.start_date.isoformat().encode(), "text/plain")))

        files.append(("summary", (None, str(self.summary).encode(), "text/plain")))

        if not isinstance(self.division, Unset):
            if isinstance(self.division, str):
                files.append(("division", (None, str(self.division).encode(), "text/plain")))
            else:
                files.append(("division", (None, str(self.division).encode(), "text/plain")))

        if not isinstance(self.files, Unset):
            for files_item_element in self.files:
                files.append(("files", files_item_element.to_tuple()))

        if not isinstance(self.product_scope, Unset):
            if isinstance(self.product_scope, str):
                files.append(("product_scope", (None, str(self.product_scope).encode(), "text/plain")))
            else:
                files.append(("product_scope", (None, str(self.product_scope).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consultant_ids = cast(list[int], d.pop("consultant_ids"))

        delivery_country = d.pop("delivery_country")

        end_date = datetime.date.fromisoformat(d.pop("end_date"))

        next_steps = d.pop("next_steps")

        no_extra_fee = d.pop("no_extra_fee")

        offsite_days = d.pop("offsite_days")

        onsite_days = d.pop("onsite_days")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        summary = d.pop("summary")

        def _parse_division(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        division = _parse_division(d.pop("division", UNSET))

        _files = d.pop("files", UNSET)
        files: list[File] | Unset = UNSET
        if _files is not UNSET:
            files = []
            for files_item_data in _files:
                files_item = File(payload=BytesIO(files_item_data))

                files.append(files_item)

        def _parse_product_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_scope = _parse_product_scope(d.pop("product_scope", UNSET))

        file_completion_report_multi_part_body_params = cls(
            consultant_ids=consultant_ids,
            delivery_country=delivery_country,
            end_date=end_date,
            next_steps=next_steps,
            no_extra_fee=no_extra_fee,
            offsite_days=offsite_days,
            onsite_days=onsite_days,
            start_date=start_date,
            summary=summary,
            division=division,
            files=files,
            product_scope=product_scope,
        )

        file_completion_report_multi_part_body_params.additional_properties = d
        return file_completion_report_multi_part_body_params

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
