from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OutboxMessageOut")


@_attrs_define
class OutboxMessageOut:
    """
    Attributes:
        attempts (int):
        created_at (datetime.datetime):
        dedup_key (str):
        id (int):
        last_error (str):
        message_id (str):
        next_attempt_at (datetime.datetime | None):
        sent_at (datetime.datetime | None):
        status (str):
        subject (str):
        subject_ref (str):
        template (str):
        to_email (str):
    """

    attempts: int
    created_at: datetime.datetime
    dedup_key: str
    id: int
    last_error: str
    message_id: str
    next_attempt_at: datetime.datetime | None
    sent_at: datetime.datetime | None
    status: str
    subject: str
    subject_ref: str
    template: str
    to_email: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        created_at = self.created_at.isoformat()

        dedup_key = self.dedup_key

        id = self.id

        last_error = self.last_error

        message_id = self.message_id

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        status = self.status

        subject = self.subject

        subject_ref = self.subject_ref

        template = self.template

        to_email = self.to_email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "created_at": created_at,
                "dedup_key": dedup_key,
                "id": id,
                "last_error": last_error,
                "message_id": message_id,
                "next_attempt_at": next_attempt_at,
                "sent_at": sent_at,
                "status": status,
                "subject": subject,
                "subject_ref": subject_ref,
                "template": template,
                "to_email": to_email,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dedup_key = d.pop("dedup_key")

        id = d.pop("id")

        last_error = d.pop("last_error")

        message_id = d.pop("message_id")

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        status = d.pop("status")

        subject = d.pop("subject")

        subject_ref = d.pop("subject_ref")

        template = d.pop("template")

        to_email = d.pop("to_email")

        outbox_message_out = cls(
            attempts=attempts,
            created_at=created_at,
            dedup_key=dedup_key,
            id=id,
            last_error=last_error,
            message_id=message_id,
            next_attempt_at=next_attempt_at,
            sent_at=sent_at,
            status=status,
            subject=subject,
            subject_ref=subject_ref,
            template=template,
            to_email=to_email,
        )

        outbox_message_out.additional_properties = d
        return outbox_message_out

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
