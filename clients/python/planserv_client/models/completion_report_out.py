from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deliverable_out import DeliverableOut


T = TypeVar("T", bound="CompletionReportOut")


@_attrs_define
class CompletionReportOut:
    """
    Attributes:
        consultants (list[str]):
        deliverables (list[DeliverableOut]):
        delivery_country (str):
        division (str):
        end_date (datetime.date):
        next_steps (str):
        no_extra_fee_attested (bool):
        offsite_days (int):
        offsite_waiver (None | str):
        onsite_days (int):
        product_scope (str):
        receipt_number (str):
        start_date (datetime.date):
        submitted_on (datetime.date):
        summary (str):
    """

    consultants: list[str]
    deliverables: list[DeliverableOut]
    delivery_country: str
    division: str
    end_date: datetime.date
    next_steps: str
    no_extra_fee_attested: bool
    offsite_days: int
    offsite_waiver: None | str
    onsite_days: int
    product_scope: str
    receipt_number: str
    start_date: datetime.date
    submitted_on: datetime.date
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consultants = self.consultants

        deliverables = []
        for deliverables_item_data in self.deliverables:
            deliverables_item = deliverables_item_data.to_dict()
            deliverables.append(deliverables_item)

        delivery_country = self.delivery_country

        division = self.division

        end_date = self.end_date.isoformat()

        next_steps = self.next_steps

        no_extra_fee_attested = self.no_extra_fee_attested

        offsite_days = self.offsite_days

        offsite_waiver: None | str
        offsite_waiver = self.offsite_waiver

        onsite_days = self.onsite_days

        product_scope = self.product_scope

        receipt_number = self.receipt_number

        start_date = self.start_date.isoformat()

        submitted_on = self.submitted_on.isoformat()

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consultants": consultants,
                "deliverables": deliverables,
                "delivery_country": delivery_country,
                "division": division,
                "end_date": end_date,
                "next_steps": next_steps,
                "no_extra_fee_attested": no_extra_fee_attested,
                "offsite_days": offsite_days,
                "offsite_waiver": offsite_waiver,
                "onsite_days": onsite_days,
                "product_scope": product_scope,
                "receipt_number": receipt_number,
                "start_date": start_date,
                "submitted_on": submitted_on,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deliverable_out import DeliverableOut  # noqa: PLC0415

        d = dict(src_dict)
        consultants = cast(list[str], d.pop("consultants"))

        deliverables = []
        _deliverables = d.pop("deliverables")
        for deliverables_item_data in _deliverables:
            deliverables_item = DeliverableOut.from_dict(deliverables_item_data)

            deliverables.append(deliverables_item)

        delivery_country = d.pop("delivery_country")

        division = d.pop("division")

        end_date = datetime.date.fromisoformat(d.pop("end_date"))

        next_steps = d.pop("next_steps")

        no_extra_fee_attested = d.pop("no_extra_fee_attested")

        offsite_days = d.pop("offsite_days")

        def _parse_offsite_waiver(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        offsite_waiver = _parse_offsite_waiver(d.pop("offsite_waiver"))

        onsite_days = d.pop("onsite_days")

        product_scope = d.pop("product_scope")

        receipt_number = d.pop("receipt_number")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        submitted_on = datetime.date.fromisoformat(d.pop("submitted_on"))

        summary = d.pop("summary")

        completion_report_out = cls(
            consultants=consultants,
            deliverables=deliverables,
            delivery_country=delivery_country,
            division=division,
            end_date=end_date,
            next_steps=next_steps,
            no_extra_fee_attested=no_extra_fee_attested,
            offsite_days=offsite_days,
            offsite_waiver=offsite_waiver,
            onsite_days=onsite_days,
            product_scope=product_scope,
            receipt_number=receipt_number,
            start_date=start_date,
            submitted_on=submitted_on,
            summary=summary,
        )

        completion_report_out.additional_properties = d
        return completion_report_out

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
