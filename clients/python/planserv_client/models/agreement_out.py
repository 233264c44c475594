from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.balances_out import BalancesOut
    from ..models.coverage_out import CoverageOut
    from ..models.customer_ref_out import CustomerRefOut


T = TypeVar("T", bound="AgreementOut")


@_attrs_define
class AgreementOut:
    """
    Attributes:
        activated (bool):
        activated_on (datetime.date | None):
        agreement_type (str):
        balances (BalancesOut): Balance per ledger account. `issued` and `training_issued` are the program-side sources:
            minus the days they gave out.
        coverage (list[CoverageOut]):
        customer (CustomerRefOut):
        days_granted (int): Accrued + converted + granted, net of corrections.
        end_date (datetime.date):
        licensing_id (str):
        start_date (datetime.date):
    """

    activated: bool
    activated_on: datetime.date | None
    agreement_type: str
    balances: BalancesOut
    coverage: list[CoverageOut]
    customer: CustomerRefOut
    days_granted: int
    end_date: datetime.date
    licensing_id: str
    start_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activated = self.activated

        activated_on: None | str
        if isinstance(self.activated_on, datetime.date):
            activated_on = self.activated_on.isoformat()
        else:
            activated_on = self.activated_on

        agreement_type = self.agreement_type

        balances = self.balances.to_dict()

        coverage = []
        for coverage_item_data in self.coverage:
            coverage_item = coverage_item_data.to_dict()
            coverage.append(coverage_item)

        customer = self.customer.to_dict()

        days_granted = self.days_granted

        end_date = self.end_date.isoformat()

        licensing_id = self.licensing_id

        start_date = self.start_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activated": activated,
                "activated_on": activated_on,
                "agreement_type": agreement_type,
                "balances": balances,
                "coverage": coverage,
                "customer": customer,
                "days_granted": days_granted,
                "end_date": end_date,
                "licensing_id": licensing_id,
                "start_date": start_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balances_out import BalancesOut  # noqa: PLC0415
        from ..models.coverage_out import CoverageOut  # noqa: PLC0415
        from ..models.customer_ref_out import CustomerRefOut  # noqa: PLC0415

        d = dict(src_dict)
        activated = d.pop("activated")

        def _parse_activated_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_on_type_0 = datetime.date.fromisoformat(data)

                return activated_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        activated_on = _parse_activated_on(d.pop("activated_on"))

        agreement_type = d.pop("agreement_type")

        balances = BalancesOut.from_dict(d.pop("balances"))

        coverage = []
        _coverage = d.pop("coverage")
        for coverage_item_data in _coverage:
            coverage_item = CoverageOut.from_dict(coverage_item_data)

            coverage.append(coverage_item)

        customer = CustomerRefOut.from_dict(d.pop("customer"))

        days_granted = d.pop("days_granted")

        end_date = datetime.date.fromisoformat(d.pop("end_date"))

        licensing_id = d.pop("licensing_id")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        agreement_out = cls(
            activated=activated,
            activated_on=activated_on,
            agreement_type=agreement_type,
            balances=balances,
            coverage=coverage,
            customer=customer,
            days_granted=days_granted,
            end_date=end_date,
            licensing_id=licensing_id,
            start_date=start_date,
        )

        agreement_out.additional_properties = d
        return agreement_out

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
