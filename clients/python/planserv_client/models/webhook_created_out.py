from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookCreatedOut")


@_attrs_define
class WebhookCreatedOut:
    """
    Attributes:
        created_at (datetime.datetime):
        created_by (str):
        description (str):
        events (list[str]):
        id (int):
        secret (str): The signing secret (Standard Webhooks `whsec_…`); keep it: it is shown again only to the
            organisation's managers.
        status (str):
        status_reason (str):
        url (str):
        waiting (int): Deliveries not yet delivered (pending or failed).
    """

    created_at: datetime.datetime
    created_by: str
    description: str
    events: list[str]
    id: int
    secret: str
    status: str
    status_reason: str
    url: str
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        description = self.description

        events = self.events

        id = self.id

        secret = self.secret

        status = self.status

        status_reason = self.status_reason

        url = self.url

        waiting = self.waiting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "description": description,
                "events": events,
                "id": id,
                "secret": secret,
                "status": status,
                "status_reason": status_reason,
                "url": url,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        description = d.pop("description")

        events = cast(list[str], d.pop("events"))

        id = d.pop("id")

        secret = d.pop("secret")

        status = d.pop("status")

        status_reason = d.pop("status_reason")

        url = d.pop("url")

        waiting = d.pop("waiting")

        webhook_created_out = cls(
            created_at=created_at,
            created_by=created_by,
            description=description,
            events=events,
            id=id,
            secret=secret,
            status=status,
            status_reason=status_reason,
            url=url,
            waiting=waiting,
        )

        webhook_created_out.additional_properties = d
        return webhook_created_out

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
