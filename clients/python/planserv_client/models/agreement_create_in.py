from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agreement_create_in_coverage import AgreementCreateInCoverage


T = TypeVar("T", bound="AgreementCreateIn")


@_attrs_define
class AgreementCreateIn:
    """
    Attributes:
        agreement_type (str):
        coverage (AgreementCreateInCoverage): Product pool → SA-covered quantity.
        customer (str): The customer's public id, e.g. C-200001.
        end_date (datetime.date):
        licensing_id (str):
        start_date (datetime.date):
    """

    agreement_type: str
    coverage: AgreementCreateInCoverage
    customer: str
    end_date: datetime.date
    licensing_id: str
    start_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agreement_type = self.agreement_type

        coverage = self.coverage.to_dict()

        customer = self.customer

        end_date = self.end_date.isoformat()

        licensing_id = self.licensing_id

        start_date = self.start_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agreement_type": agreement_type,
                "coverage": coverage,
                "customer": customer,
                "end_date": end_date,
                "licensing_id": licensing_id,
                "start_date": start_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement_create_in_coverage import AgreementCreateInCoverage  # noqa: PLC0415

        d = dict(src_dict)
        agreement_type = d.pop("agreement_type")

        coverage = AgreementCreateInCoverage.from_dict(d.pop("coverage"))

        customer = d.pop("customer")

        end_date = datetime.date.fromisoformat(d.pop("end_date"))

        licensing_id = d.pop("licensing_id")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        agreement_create_in = cls(
            agreement_type=agreement_type,
            coverage=coverage,
            customer=customer,
            end_date=end_date,
            licensing_id=licensing_id,
            start_date=start_date,
        )

        agreement_create_in.additional_properties = d
        return agreement_create_in

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
