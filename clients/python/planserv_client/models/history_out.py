from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HistoryOut")


@_attrs_define
class HistoryOut:
    """
    Attributes:
        action (str):
        actor (str):
        at (datetime.datetime):
        detail (str):
        organisation (str):
        program_date (datetime.date):
        title (str):
    """

    action: str
    actor: str
    at: datetime.datetime
    detail: str
    organisation: str
    program_date: datetime.date
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        at = self.at.isoformat()

        detail = self.detail

        organisation = self.organisation

        program_date = self.program_date.isoformat()

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "at": at,
                "detail": detail,
                "organisation": organisation,
                "program_date": program_date,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        detail = d.pop("detail")

        organisation = d.pop("organisation")

        program_date = datetime.date.fromisoformat(d.pop("program_date"))

        title = d.pop("title")

        history_out = cls(
            action=action,
            actor=actor,
            at=at,
            detail=detail,
            organisation=organisation,
            program_date=program_date,
            title=title,
        )

        history_out.additional_properties = d
        return history_out

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
