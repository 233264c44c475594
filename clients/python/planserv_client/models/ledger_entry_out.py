from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LedgerEntryOut")


@_attrs_define
class LedgerEntryOut:
    """
    Attributes:
        cause (str):
        cause_id (str):
        days (int):
        destination (str):
        effective_date (datetime.date):
        id (int):
        memo (str):
        recorded_at (datetime.datetime):
        reverses (int | None):
        source (str):
    """

    cause: str
    cause_id: str
    days: int
    destination: str
    effective_date: datetime.date
    id: int
    memo: str
    recorded_at: datetime.datetime
    reverses: int | None
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cause = self.cause

        cause_id = self.cause_id

        days = self.days

        destination = self.destination

        effective_date = self.effective_date.isoformat()

        id = self.id

        memo = self.memo

        recorded_at = self.recorded_at.isoformat()

        reverses: int | None
        reverses = self.reverses

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cause": cause,
                "cause_id": cause_id,
                "days": days,
                "destination": destination,
                "effective_date": effective_date,
                "id": id,
                "memo": memo,
                "recorded_at": recorded_at,
                "reverses": reverses,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cause = d.pop("cause")

        cause_id = d.pop("cause_id")

        days = d.pop("days")

        destination = d.pop("destination")

        effective_date = datetime.date.fromisoformat(d.pop("effective_date"))

        id = d.pop("id")

        memo = d.pop("memo")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_reverses(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reverses = _parse_reverses(d.pop("reverses"))

        source = d.pop("source")

        ledger_entry_out = cls(
            cause=cause,
            cause_id=cause_id,
            days=days,
            destination=destination,
            effective_date=effective_date,
            id=id,
            memo=memo,
            recorded_at=recorded_at,
            reverses=reverses,
            source=source,
        )

        ledger_entry_out.additional_properties = d
        return ledger_entry_out

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
