from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoucherCreateIn")


@_attrs_define
class VoucherCreateIn:
    """
    Attributes:
        assignee_email (str):
        days (int): A service level of the engagement type.
        engagement_type (str):
        licensing_id (str):
        division (str | Unset):  Default: ''.
        nominated_partner (None | str | Unset): Partner id of the only firm that may reserve it.
        product_scope (str | Unset):  Default: ''.
    """

    assignee_email: str
    days: int
    engagement_type: str
    licensing_id: str
    division: str | Unset = ""
    nominated_partner: None | str | Unset = UNSET
    product_scope: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignee_email = self.assignee_email

        days = self.days

        engagement_type = self.engagement_type

        licensing_id = self.licensing_id

        division = self.division

        nominated_partner: None | str | Unset
        if isinstance(self.nominated_partner, Unset):
            nominated_partner = UNSET
        else:
            nominated_partner = self.nominated_partner

        product_scope = self.product_scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignee_email": assignee_email,
                "days": days,
                "engagement_type": engagement_type,
                "licensing_id": licensing_id,
            }
        )
        if division is not UNSET:
            field_dict["division"] = division
        if nominated_partner is not UNSET:
            field_dict["nominated_partner"] = nominated_partner
        if product_scope is not UNSET:
            field_dict["product_scope"] = product_scope

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assignee_email = d.pop("assignee_email")

        days = d.pop("days")

        engagement_type = d.pop("engagement_type")

        licensing_id = d.pop("licensing_id")

        division = d.pop("division", UNSET)

        def _parse_nominated_partner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nominated_partner = _parse_nominated_partner(d.pop("nominated_partner", UNSET))

        product_scope = d.pop("product_scope", UNSET)

        voucher_create_in = cls(
            assignee_email=assignee_email,
            days=days,
            engagement_type=engagement_type,
            licensing_id=licensing_id,
            division=division,
            nominated_partner=nominated_partner,
            product_scope=product_scope,
        )

        voucher_create_in.additional_properties = d
        return voucher_create_in

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
