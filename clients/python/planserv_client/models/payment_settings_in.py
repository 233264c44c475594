from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentSettingsIn")


@_attrs_define
class PaymentSettingsIn:
    """
    Attributes:
        paying_account_name (str):
        expiry_reminder_first_days (int | Unset):  Default: 30.
        expiry_reminder_last_days (int | Unset):  Default: 7.
        paying_account_bic (str | Unset):  Default: ''.
        paying_account_iban (str | Unset): Empty keeps the account on file. Default: ''.
        payment_execution_day (int | Unset):  Default: 28.
        payment_reminder_first_days (int | Unset):  Default: 14.
        payment_reminder_last_days (int | Unset):  Default: 3.
        review_overdue_business_days (int | Unset):  Default: 10.
    """

    paying_account_name: str
    expiry_reminder_first_days: int | Unset = 30
    expiry_reminder_last_days: int | Unset = 7
    paying_account_bic: str | Unset = ""
    paying_account_iban: str | Unset = ""
    payment_execution_day: int | Unset = 28
    payment_reminder_first_days: int | Unset = 14
    payment_reminder_last_days: int | Unset = 3
    review_overdue_business_days: int | Unset = 10
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        paying_account_name = self.paying_account_name

        expiry_reminder_first_days = self.expiry_reminder_first_days

        expiry_reminder_last_days = self.expiry_reminder_last_days

        paying_account_bic = self.paying_account_bic

        paying_account_iban = self.paying_account_iban

        payment_execution_day = self.payment_execution_day

        payment_reminder_first_days = self.payment_reminder_first_days

        payment_reminder_last_days = self.payment_reminder_last_days

        review_overdue_business_days = self.review_overdue_business_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "paying_account_name": paying_account_name,
            }
        )
        if expiry_reminder_first_days is not UNSET:
            field_dict["expiry_reminder_first_days"] = expiry_reminder_first_days
        if expiry_reminder_last_days is not UNSET:
            field_dict["expiry_reminder_last_days"] = expiry_reminder_last_days
        if paying_account_bic is not UNSET:
            field_dict["paying_account_bic"] = paying_account_bic
        if paying_account_iban is not UNSET:
            field_dict["paying_account_iban"] = paying_account_iban
        if payment_execution_day is not UNSET:
            field_dict["payment_execution_day"] = payment_execution_day
        if payment_reminder_first_days is not UNSET:
            field_dict["payment_reminder_first_days"] = payment_reminder_first_days
        if payment_reminder_last_days is not UNSET:
            field_dict["payment_reminder_last_days"] = payment_reminder_last_days
        if review_overdue_business_days is not UNSET:
            field_dict["review_overdue_business_days"] = review_overdue_business_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        paying_account_name = d.pop("paying_account_name")

        expiry_reminder_first_days = d.pop("expiry_reminder_first_days", UNSET)

        expiry_reminder_last_days = d.pop("expiry_reminder_last_days", UNSET)

        paying_account_bic = d.pop("paying_account_bic", UNSET)

        paying_account_iban = d.pop("paying_account_iban", UNSET)

        payment_execution_day = d.pop("payment_execution_day", UNSET)

        payment_reminder_first_days = d.pop("payment_reminder_first_days", UNSET)

        payment_reminder_last_days = d.pop("payment_reminder_last_days", UNSET)

        review_overdue_business_days = d.pop("review_overdue_business_days", UNSET)

        payment_settings_in = cls(
            paying_account_name=paying_account_name,
            expiry_reminder_first_days=expiry_reminder_first_days,
            expiry_reminder_last_days=expiry_reminder_last_days,
            paying_account_bic=paying_account_bic,
            paying_account_iban=paying_account_iban,
            payment_execution_day=payment_execution_day,
            payment_reminder_first_days=payment_reminder_first_days,
            payment_reminder_last_days=payment_reminder_last_days,
            review_overdue_business_days=review_overdue_business_days,
        )

        payment_settings_in.additional_properties = d
        return payment_settings_in

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
