from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunConfirmIn")


@_attrs_define
class RunConfirmIn:
    """
    Attributes:
        expected_count (int | None | Unset): The count the confirming reviewer checked (refused if changed).
        expected_total (float | None | str | Unset): The total the confirming reviewer checked (refused if changed).
    """

    expected_count: int | None | Unset = UNSET
    expected_total: float | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expected_count: int | None | Unset
        if isinstance(self.expected_count, Unset):
            expected_count = UNSET
        else:
            expected_count = self.expected_count

        expected_total: float | None | str | Unset
        if isinstance(self.expected_total, Unset):
            expected_total = UNSET
        else:
            expected_total = self.expected_total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expected_count is not UNSET:
            field_dict["expected_count"] = expected_count
        if expected_total is not UNSET:
            field_dict["expected_total"] = expected_total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_expected_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_count = _parse_expected_count(d.pop("expected_count", UNSET))

        def _parse_expected_total(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        expected_total = _parse_expected_total(d.pop("expected_total", UNSET))

        run_confirm_in = cls(
            expected_count=expected_count,
            expected_total=expected_total,
        )

        run_confirm_in.additional_properties = d
        return run_confirm_in

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
