from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditQuery")


@_attrs_define
class AuditQuery:
    """
    Attributes:
        action (str | Unset):  Default: ''.
        actor (str | Unset):  Default: ''.
        date_from (datetime.date | None | Unset):
        date_to (datetime.date | None | Unset):
        organisation (str | Unset):  Default: ''.
        organisation_id (int | None | Unset):
        subject_id (str | Unset):  Default: ''.
        subject_type (str | Unset):  Default: ''.
    """

    action: str | Unset = ""
    actor: str | Unset = ""
    date_from: datetime.date | None | Unset = UNSET
    date_to: datetime.date | None | Unset = UNSET
    organisation: str | Unset = ""
    organisation_id: int | None | Unset = UNSET
    subject_id: str | Unset = ""
    subject_type: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        date_from: None | str | Unset
        if isinstance(self.date_from, Unset):
            date_from = UNSET
        elif isinstance(self.date_from, datetime.date):
            date_from = self.date_from.isoformat()
        else:
            date_from = self.date_from

        date_to: None | str | Unset
        if isinstance(self.date_to, Unset):
            date_to = UNSET
        elif isinstance(self.date_to, datetime.date):
            date_to = self.date_to.isoformat()
        else:
            date_to = self.date_to

        organisation = self.organisation

        organisation_id: int | None | Unset
        if isinstance(self.organisation_id, Unset):
            organisation_id = UNSET
        else:
            organisation_id = self.organisation_id

        subject_id = self.subject_id

        subject_type = self.subject_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if actor is not UNSET:
            field_dict["actor"] = actor
        if date_from is not UNSET:
            field_dict["date_from"] = date_from
        if date_to is not UNSET:
            field_dict["date_to"] = date_to
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if organisation_id is not UNSET:
            field_dict["organisation_id"] = organisation_id
        if subject_id is not UNSET:
            field_dict["subject_id"] = subject_id
        if subject_type is not UNSET:
            field_dict["subject_type"] = subject_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action", UNSET)

        actor = d.pop("actor", UNSET)

        def _parse_date_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_from_type_0 = datetime.date.fromisoformat(data)

                return date_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date_from = _parse_date_from(d.pop("date_from", UNSET))

        def _parse_date_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_to_type_0 = datetime.date.fromisoformat(data)

                return date_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date_to = _parse_date_to(d.pop("date_to", UNSET))

        organisation = d.pop("organisation", UNSET)

        def _parse_organisation_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id", UNSET))

        subject_id = d.pop("subject_id", UNSET)

        subject_type = d.pop("subject_type", UNSET)

        audit_query = cls(
            action=action,
            actor=actor,
            date_from=date_from,
            date_to=date_to,
            organisation=organisation,
            organisation_id=organisation_id,
            subject_id=subject_id,
            subject_type=subject_type,
        )

        audit_query.additional_properties = d
        return audit_query

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
