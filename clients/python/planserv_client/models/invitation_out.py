from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InvitationOut")


@_attrs_define
class InvitationOut:
    """
    Attributes:
        accepted_at (datetime.datetime | None):
        email (str):
        expires_at (datetime.datetime):
        full_name (str):
        id (int):
        revoked_at (datetime.datetime | None):
        roles (list[str]):
        sent_at (datetime.datetime):
    """

    accepted_at: datetime.datetime | None
    email: str
    expires_at: datetime.datetime
    full_name: str
    id: int
    revoked_at: datetime.datetime | None
    roles: list[str]
    sent_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        email = self.email

        expires_at = self.expires_at.isoformat()

        full_name = self.full_name

        id = self.id

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        roles = self.roles

        sent_at = self.sent_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted_at": accepted_at,
                "email": email,
                "expires_at": expires_at,
                "full_name": full_name,
                "id": id,
                "revoked_at": revoked_at,
                "roles": roles,
                "sent_at": sent_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        email = d.pop("email")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        full_name = d.pop("full_name")

        id = d.pop("id")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        roles = cast(list[str], d.pop("roles"))

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        invitation_out = cls(
            accepted_at=accepted_at,
            email=email,
            expires_at=expires_at,
            full_name=full_name,
            id=id,
            revoked_at=revoked_at,
            roles=roles,
            sent_at=sent_at,
        )

        invitation_out.additional_properties = d
        return invitation_out

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
