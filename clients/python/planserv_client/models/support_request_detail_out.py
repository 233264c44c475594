from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.support_message_out import SupportMessageOut


T = TypeVar("T", bound="SupportRequestDetailOut")


@_attrs_define
class SupportRequestDetailOut:
    """
    Attributes:
        category (str):
        first_response_at (datetime.datetime | None):
        first_response_seconds (int | None):
        id (int):
        last_requester_message_at (datetime.datetime):
        last_support_message_at (datetime.datetime | None):
        messages (list[SupportMessageOut]):
        open_seconds (int):
        opened_at (datetime.datetime):
        opened_by (str):
        organisation (str):
        organisation_country (str):
        payment_request_id (str):
        queue (str):
        queue_name (str):
        reference (str):
        resolved_at (datetime.datetime | None):
        status (str):
        subject (str):
        voucher_id (str):
        waiting_on_support_seconds (int | None):
    """

    category: str
    first_response_at: datetime.datetime | None
    first_response_seconds: int | None
    id: int
    last_requester_message_at: datetime.datetime
    last_support_message_at: datetime.datetime | None
    messages: list[SupportMessageOut]
    open_seconds: int
    opened_at: datetime.datetime
    opened_by: str
    organisation: str
    organisation_country: str
    payment_request_id: str
    queue: str
    queue_name: str
    reference: str
    resolved_at: datetime.datetime | None
    status: str
    subject: str
    voucher_id: str
    waiting_on_support_seconds: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        first_response_at: None | str
        if isinstance(self.first_response_at, datetime.datetime):
            first_response_at = self.first_response_at.isoformat()
        else:
            first_response_at = self.first_response_at

        first_response_seconds: int | None
        first_response_seconds = self.first_response_seconds

        id = self.id

        last_requester_message_at = self.last_requester_message_at.isoformat()

        last_support_message_at: None | str
        if isinstance(self.last_support_message_at, datetime.datetime):
            last_support_message_at = self.last_support_message_at.isoformat()
        else:
            last_support_message_at = self.last_support_message_at

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        open_seconds = self.open_seconds

        opened_at = self.opened_at.isoformat()

        opened_by = self.opened_by

        organisation = self.organisation

        organisation_country = self.organisation_country

        payment_request_id = self.payment_request_id

        queue = self.queue

        queue_name = self.queue_name

        reference = self.reference

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        status = self.status

        subject = self.subject

        voucher_id = self.voucher_id

        waiting_on_support_seconds: int | None
        waiting_on_support_seconds = self.waiting_on_support_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "first_response_at": first_response_at,
                "first_response_seconds": first_response_seconds,
                "id": id,
                "last_requester_message_at": last_requester_message_at,
                "last_support_message_at": last_support_message_at,
                "messages": messages,
                "open_seconds": open_seconds,
                "opened_at": opened_at,
                "opened_by": opened_by,
                "organisation": organisation,
                "organisation_country": organisation_country,
                "payment_request_id": payment_request_id,
                "queue": queue,
                "queue_name": queue_name,
                "reference": reference,
                "resolved_at": resolved_at,
                "status": status,
                "subject": subject,
                "voucher_id": voucher_id,
                "waiting_on_support_seconds": waiting_on_support_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.support_message_out import SupportMessageOut  # noqa: PLC0415

        d = dict(src_dict)
        category = d.pop("category")

        def _parse_first_response_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_response_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_response_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_response_at = _parse_first_response_at(d.pop("first_response_at"))

        def _parse_first_response_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_response_seconds = _parse_first_response_seconds(d.pop("first_response_seconds"))

        id = d.pop("id")

        last_requester_message_at = datetime.datetime.fromisoformat(d.pop("last_requester_message_at"))

        def _parse_last_support_message_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_support_message_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_support_message_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_support_message_at = _parse_last_support_message_at(d.pop("last_support_message_at"))

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = SupportMessageOut.from_dict(messages_item_data)

            messages.append(messages_item)

        open_seconds = d.pop("open_seconds")

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        opened_by = d.pop("opened_by")

        organisation = d.pop("organisation")

        organisation_country = d.pop("organisation_country")

        payment_request_id = d.pop("payment_request_id")

        queue = d.pop("queue")

        queue_name = d.pop("queue_name")

        reference = d.pop("reference")

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        status = d.pop("status")

        subject = d.pop("subject")

        voucher_id = d.pop("voucher_id")

        def _parse_waiting_on_support_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        waiting_on_support_seconds = _parse_waiting_on_support_seconds(d.pop("waiting_on_support_seconds"))

        support_request_detail_out = cls(
            category=category,
            first_response_at=first_response_at,
            first_response_seconds=first_response_seconds,
            id=id,
            last_requester_message_at=last_requester_message_at,
            last_support_message_at=last_support_message_at,
            messages=messages,
            open_seconds=open_seconds,
            opened_at=opened_at,
            opened_by=opened_by,
            organisation=organisation,
            organisation_country=organisation_country,
            payment_request_id=payment_request_id,
            queue=queue,
            queue_name=queue_name,
            reference=reference,
            resolved_at=resolved_at,
            status=status,
            subject=subject,
            voucher_id=voucher_id,
            waiting_on_support_seconds=waiting_on_support_seconds,
        )

        support_request_detail_out.additional_properties = d
        return support_request_detail_out

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
