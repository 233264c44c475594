from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExtendIn")


@_attrs_define
class ExtendIn:
    """
    Attributes:
        extra_days (int):
        reason (str): At least 10 characters; audited.
        customer (str | Unset): The customer's number (public id). Default: ''.
        dry_run (bool | Unset): Plan only: nothing changes (the default). Default: True.
        engagement_type (str | Unset):  Default: ''.
        expiry_from (datetime.date | None | Unset):
        expiry_to (datetime.date | None | Unset):
        name (str | Unset):  Default: ''.
        statuses (list[str] | Unset):
        voucher_ids (list[str] | Unset):
    """

    extra_days: int
    reason: str
    customer: str | Unset = ""
    dry_run: bool | Unset = True
    engagement_type: str | Unset = ""
    expiry_from: datetime.date | None | Unset = UNSET
    expiry_to: datetime.date | None | Unset = UNSET
    name: str | Unset = ""
    statuses: list[str] | Unset = UNSET
    voucher_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        extra_days = self.extra_days

        reason = self.reason

        customer = self.customer

        dry_run = self.dry_run

        engagement_type = self.engagement_type

        expiry_from: None | str | Unset
        if isinstance(self.expiry_from, Unset):
            expiry_from = UNSET
        elif isinstance(self.expiry_from, datetime.date):
            expiry_from = self.expiry_from.isoformat()
        else:
            expiry_from = self.expiry_from

        expiry_to: None | str | Unset
        if isinstance(self.expiry_to, Unset):
            expiry_to = UNSET
        elif isinstance(self.expiry_to, datetime.date):
            expiry_to = self.expiry_to.isoformat()
        else:
            expiry_to = self.expiry_to

        name = self.name

        statuses: list[str] | Unset = UNSET
        if not isinstance(self.statuses, Unset):
            statuses = self.statuses

        voucher_ids: list[str] | Unset = UNSET
        if not isinstance(self.voucher_ids, Unset):
            voucher_ids = self.voucher_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "extra_days": extra_days,
                "reason": reason,
            }
        )
        if customer is not UNSET:
            field_dict["customer"] = customer
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if engagement_type is not UNSET:
            field_dict["engagement_type"] = engagement_type
        if expiry_from is not UNSET:
            field_dict["expiry_from"] = expiry_from
        if expiry_to is not UNSET:
            field_dict["expiry_to"] = expiry_to
        if name is not UNSET:
            field_dict["name"] = name
        if statuses is not UNSET:
            field_dict["statuses"] = statuses
        if voucher_ids is not UNSET:
            field_dict["voucher_ids"] = voucher_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        extra_days = d.pop("extra_days")

        reason = d.pop("reason")

        customer = d.pop("customer", UNSET)

        dry_run = d.pop("dry_run", UNSET)

        engagement_type = d.pop("engagement_type", UNSET)

        def _parse_expiry_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expiry_from_type_0 = datetime.date.fromisoformat(data)

                return expiry_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expiry_from = _parse_expiry_from(d.pop("expiry_from", UNSET))

        def _parse_expiry_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expiry_to_type_0 = datetime.date.fromisoformat(data)

                return expiry_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expiry_to = _parse_expiry_to(d.pop("expiry_to", UNSET))

        name = d.pop("name", UNSET)

        statuses = cast(list[str], d.pop("statuses", UNSET))

        voucher_ids = cast(list[str], d.pop("voucher_ids", UNSET))

        extend_in = cls(
            extra_days=extra_days,
            reason=reason,
            customer=customer,
            dry_run=dry_run,
            engagement_type=engagement_type,
            expiry_from=expiry_from,
            expiry_to=expiry_to,
            name=name,
            statuses=statuses,
            voucher_ids=voucher_ids,
        )

        extend_in.additional_properties = d
        return extend_in

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
