from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.offering_eligibility_out import OfferingEligibilityOut


T = TypeVar("T", bound="EligibilityOut")


@_attrs_define
class EligibilityOut:
    """
    Attributes:
        next_steps (list[str]):
        offerings (list[OfferingEligibilityOut]):
        on (datetime.date):
        partner_id (str):
        status (str):
    """

    next_steps: list[str]
    offerings: list[OfferingEligibilityOut]
    on: datetime.date
    partner_id: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_steps = self.next_steps

        offerings = []
        for offerings_item_data in self.offerings:
            offerings_item = offerings_item_data.to_dict()
            offerings.append(offerings_item)

        on = self.on.isoformat()

        partner_id = self.partner_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "next_steps": next_steps,
                "offerings": offerings,
                "on": on,
                "partner_id": partner_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.offering_eligibility_out import OfferingEligibilityOut  # noqa: PLC0415

        d = dict(src_dict)
        next_steps = cast(list[str], d.pop("next_steps"))

        offerings = []
        _offerings = d.pop("offerings")
        for offerings_item_data in _offerings:
            offerings_item = OfferingEligibilityOut.from_dict(offerings_item_data)

            offerings.append(offerings_item)

        on = datetime.date.fromisoformat(d.pop("on"))

        partner_id = d.pop("partner_id")

        status = d.pop("status")

        eligibility_out = cls(
            next_steps=next_steps,
            offerings=offerings,
            on=on,
            partner_id=partner_id,
            status=status,
        )

        eligibility_out.additional_properties = d
        return eligibility_out

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
