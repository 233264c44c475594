from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.flag_out import FlagOut
    from ..models.transition_out import TransitionOut


T = TypeVar("T", bound="RequestDetailOut")


@_attrs_define
class RequestDetailOut:
    """
    Attributes:
        amount (str):
        answer (str):
        approved_on (datetime.date | None):
        currency (str):
        day_rate (str):
        days (int):
        delivery_country (str):
        denial_reason (str):
        filed_on (datetime.date):
        flag_count (int):
        flags (list[FlagOut]):
        history (list[TransitionOut]):
        id (str):
        last_request_date (datetime.date):
        location_id (str):
        partner_id (str):
        question (str):
        run_id (None | str):
        status (str):
        voucher_id (str):
    """

    amount: str
    answer: str
    approved_on: datetime.date | None
    currency: str
    day_rate: str
    days: int
    delivery_country: str
    denial_reason: str
    filed_on: datetime.date
    flag_count: int
    flags: list[FlagOut]
    history: list[TransitionOut]
    id: str
    last_request_date: datetime.date
    location_id: str
    partner_id: str
    question: str
    run_id: None | str
    status: str
    voucher_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        answer = self.answer

        approved_on: None | str
        if isinstance(self.approved_on, datetime.date):
            approved_on = self.approved_on.isoformat()
        else:
            approved_on = self.approved_on

        currency = self.currency

        day_rate = self.day_rate

        days = self.days

        delivery_country = self.delivery_country

        denial_reason = self.denial_reason

        filed_on = self.filed_on.isoformat()

        flag_count = self.flag_count

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.to_dict()
            flags.append(flags_item)

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        id = self.id

        last_request_date = self.last_request_date.isoformat()

        location_id = self.location_id

        partner_id = self.partner_id

        question = self.question

        run_id: None | str
        run_id = self.run_id

        status = self.status

        voucher_id = self.voucher_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "answer": answer,
                "approved_on": approved_on,
                "currency": currency,
                "day_rate": day_rate,
                "days": days,
                "delivery_country": delivery_country,
                "denial_reason": denial_reason,
                "filed_on": filed_on,
                "flag_count": flag_count,
                "flags": flags,
                "history": history,
                "id": id,
                "last_request_date": last_request_date,
                "location_id": location_id,
                "partner_id": partner_id,
                "question": question,
                "run_id": run_id,
                "status": status,
                "voucher_id": voucher_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flag_out import FlagOut  # noqa: PLC0415
        from ..models.transition_out import TransitionOut  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        answer = d.pop("answer")

        def _parse_approved_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_on_type_0 = datetime.date.fromisoformat(data)

                return approved_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        approved_on = _parse_approved_on(d.pop("approved_on"))

        currency = d.pop("currency")

        day_rate = d.pop("day_rate")

        days = d.pop("days")

        delivery_country = d.pop("delivery_country")

        denial_reason = d.pop("denial_reason")

        filed_on = datetime.date.fromisoformat(d.pop("filed_on"))

        flag_count = d.pop("flag_count")

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = FlagOut.from_dict(flags_item_data)

            flags.append(flags_item)

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = TransitionOut.from_dict(history_item_data)

            history.append(history_item)

        id = d.pop("id")

        last_request_date = datetime.date.fromisoformat(d.pop("last_request_date"))

        location_id = d.pop("location_id")

        partner_id = d.pop("partner_id")

        question = d.pop("question")

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        status = d.pop("status")

        voucher_id = d.pop("voucher_id")

        request_detail_out = cls(
            amount=amount,
            answer=answer,
            approved_on=approved_on,
            currency=currency,
            day_rate=day_rate,
            days=days,
            delivery_country=delivery_country,
            denial_reason=denial_reason,
            filed_on=filed_on,
            flag_count=flag_count,
            flags=flags,
            history=history,
            id=id,
            last_request_date=last_request_date,
            location_id=location_id,
            partner_id=partner_id,
            question=question,
            run_id=run_id,
            status=status,
            voucher_id=voucher_id,
        )

        request_detail_out.additional_properties = d
        return request_detail_out

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
