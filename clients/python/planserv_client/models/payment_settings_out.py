from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PaymentSettingsOut")


@_attrs_define
class PaymentSettingsOut:
    """
    Attributes:
        expiry_reminder_first_days (int):
        expiry_reminder_last_days (int):
        paying_account_bic (str):
        paying_account_iban (str): Masked: only the last 4 characters.
        paying_account_name (str):
        payment_execution_day (int):
        payment_reminder_first_days (int):
        payment_reminder_last_days (int):
        review_overdue_business_days (int):
    """

    expiry_reminder_first_days: int
    expiry_reminder_last_days: int
    paying_account_bic: str
    paying_account_iban: str
    paying_account_name: str
    payment_execution_day: int
    payment_reminder_first_days: int
    payment_reminder_last_days: int
    review_overdue_business_days: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expiry_reminder_first_days = self.expiry_reminder_first_days

        expiry_reminder_last_days = self.expiry_reminder_last_days

        paying_account_bic = self.paying_account_bic

        paying_account_iban = self.paying_account_iban

        paying_account_name = self.paying_account_name

        payment_execution_day = self.payment_execution_day

        payment_reminder_first_days = self.payment_reminder_first_days

        payment_reminder_last_days = self.payment_reminder_last_days

        review_overdue_business_days = self.review_overdue_business_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expiry_reminder_first_days": expiry_reminder_first_days,
                "expiry_reminder_last_days": expiry_reminder_last_days,
                "paying_account_bic": paying_account_bic,
                "paying_account_iban": paying_account_iban,
                "paying_account_name": paying_account_name,
                "payment_execution_day": payment_execution_day,
                "payment_reminder_first_days": payment_reminder_first_days,
                "payment_reminder_last_days": payment_reminder_last_days,
                "review_overdue_business_days": review_overdue_business_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expiry_reminder_first_days = d.pop("expiry_reminder_first_days")

        expiry_reminder_last_days = d.pop("expiry_reminder_last_days")

        paying_account_bic = d.pop("paying_account_bic")

        paying_account_iban = d.pop("paying_account_iban")

        paying_account_name = d.pop("paying_account_name")

        payment_execution_day = d.pop("payment_execution_day")

        payment_reminder_first_days = d.pop("payment_reminder_first_days")

        payment_reminder_last_days = d.pop("payment_reminder_last_days")

        review_overdue_business_days = d.pop("review_overdue_business_days")

        payment_settings_out = cls(
            expiry_reminder_first_days=expiry_reminder_first_days,
            expiry_reminder_last_days=expiry_reminder_last_days,
            paying_account_bic=paying_account_bic,
            paying_account_iban=paying_account_iban,
            paying_account_name=paying_account_name,
            payment_execution_day=payment_execution_day,
            payment_reminder_first_days=payment_reminder_first_days,
            payment_reminder_last_days=payment_reminder_last_days,
            review_overdue_business_days=review_overdue_business_days,
        )

        payment_settings_out.additional_properties = d
        return payment_settings_out

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
