from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.engagement_type_ref_out import EngagementTypeRefOut
    from ..models.location_ref_out import LocationRefOut


T = TypeVar("T", bound="PreviewOut")


@_attrs_define
class PreviewOut:
    """
    Attributes:
        can_reserve (bool):
        customer_name (str):
        days (int):
        default_delivery_country (str):
        display_id (str):
        division (str):
        eligibility_reasons (list[str]):
        eligible (bool):
        engagement_type (EngagementTypeRefOut):
        expiry_date (datetime.date):
        locations (list[LocationRefOut]):
        product_scope (str):
        redeem_by (datetime.date):
        voucher_id (str):
    """

    can_reserve: bool
    customer_name: str
    days: int
    default_delivery_country: str
    display_id: str
    division: str
    eligibility_reasons: list[str]
    eligible: bool
    engagement_type: EngagementTypeRefOut
    expiry_date: datetime.date
    locations: list[LocationRefOut]
    product_scope: str
    redeem_by: datetime.date
    voucher_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        can_reserve = self.can_reserve

        customer_name = self.customer_name

        days = self.days

        default_delivery_country = self.default_delivery_country

        display_id = self.display_id

        division = self.division

        eligibility_reasons = self.eligibility_reasons

        eligible = self.eligible

        engagement_type = self.engagement_type.to_dict()

        expiry_date = self.expiry_date.isoformat()

        locations = []
        for locations_item_data in self.locations:
            locations_item = locations_item_data.to_dict()
            locations.append(locations_item)

        product_scope = self.product_scope

        redeem_by = self.redeem_by.isoformat()

        voucher_id = self.voucher_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "can_reserve": can_reserve,
                "customer_name": customer_name,
                "days": days,
                "default_delivery_country": default_delivery_country,
                "display_id": display_id,
                "division": division,
                "eligibility_reasons": eligibility_reasons,
                "eligible": eligible,
                "engagement_type": engagement_type,
                "expiry_date": expiry_date,
                "locations": locations,
                "product_scope": product_scope,
                "redeem_by": redeem_by,
                "voucher_id": voucher_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.engagement_type_ref_out import EngagementTypeRefOut  # noqa: PLC0415
        from ..models.location_ref_out import LocationRefOut  # noqa: PLC0415

        d = dict(src_dict)
        can_reserve = d.pop("can_reserve")

        customer_name = d.pop("customer_name")

        days = d.pop("days")

        default_delivery_country = d.pop("default_delivery_country")

        display_id = d.pop("display_id")

        division = d.pop("division")

        eligibility_reasons = cast(list[str], d.pop("eligibility_reasons"))

        eligible = d.pop("eligible")

        engagement_type = EngagementTypeRefOut.from_dict(d.pop("engagement_type"))

        expiry_date = datetime.date.fromisoformat(d.pop("expiry_date"))

        locations = []
        _locations = d.pop("locations")
        for locations_item_data in _locations:
            locations_item = LocationRefOut.from_dict(locations_item_data)

            locations.append(locations_item)

        product_scope = d.pop("product_scope")

        redeem_by = datetime.date.fromisoformat(d.pop("redeem_by"))

        voucher_id = d.pop("voucher_id")

        preview_out = cls(
            can_reserve=can_reserve,
            customer_name=customer_name,
            days=days,
            default_delivery_country=default_delivery_country,
            display_id=display_id,
            division=division,
            eligibility_reasons=eligibility_reasons,
            eligible=eligible,
            engagement_type=engagement_type,
            expiry_date=expiry_date,
            locations=locations,
            product_scope=product_scope,
            redeem_by=redeem_by,
            voucher_id=voucher_id,
        )

        preview_out.additional_properties = d
        return preview_out

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
