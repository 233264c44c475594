from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.renewal_out import RenewalOut


T = TypeVar("T", bound="EnrollmentOut")


@_attrs_define
class EnrollmentOut:
    """
    Attributes:
        accepted_at (datetime.datetime):
        accepted_by (None | str):
        active (bool):
        agreement_version (str):
        enrolled_on (datetime.date):
        id (int):
        last_day (datetime.date):
        offering (str):
        offering_name (str):
        renewal_open (bool):
        renewal_opens_on (datetime.date):
        renewals (list[RenewalOut]):
    """

    accepted_at: datetime.datetime
    accepted_by: None | str
    active: bool
    agreement_version: str
    enrolled_on: datetime.date
    id: int
    last_day: datetime.date
    offering: str
    offering_name: str
    renewal_open: bool
    renewal_opens_on: datetime.date
    renewals: list[RenewalOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted_at = self.accepted_at.isoformat()

        accepted_by: None | str
        accepted_by = self.accepted_by

        active = self.active

        agreement_version = self.agreement_version

        enrolled_on = self.enrolled_on.isoformat()

        id = self.id

        last_day = self.last_day.isoformat()

        offering = self.offering

        offering_name = self.offering_name

        renewal_open = self.renewal_open

        renewal_opens_on = self.renewal_opens_on.isoformat()

        renewals = []
        for renewals_item_data in self.renewals:
            renewals_item = renewals_item_data.to_dict()
            renewals.append(renewals_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted_at": accepted_at,
                "accepted_by": accepted_by,
                "active": active,
                "agreement_version": agreement_version,
                "enrolled_on": enrolled_on,
                "id": id,
                "last_day": last_day,
                "offering": offering,
                "offering_name": offering_name,
                "renewal_open": renewal_open,
                "renewal_opens_on": renewal_opens_on,
                "renewals": renewals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.renewal_out import RenewalOut  # noqa: PLC0415

        d = dict(src_dict)
        accepted_at = datetime.datetime.fromisoformat(d.pop("accepted_at"))

        def _parse_accepted_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        accepted_by = _parse_accepted_by(d.pop("accepted_by"))

        active = d.pop("active")

        agreement_version = d.pop("agreement_version")

        enrolled_on = datetime.date.fromisoformat(d.pop("enrolled_on"))

        id = d.pop("id")

        last_day = datetime.date.fromisoformat(d.pop("last_day"))

        offering = d.pop("offering")

        offering_name = d.pop("offering_name")

        renewal_open = d.pop("renewal_open")

        renewal_opens_on = datetime.date.fromisoformat(d.pop("renewal_opens_on"))

        renewals = []
        _renewals = d.pop("renewals")
        for renewals_item_data in _renewals:
            renewals_item = RenewalOut.from_dict(renewals_item_data)

            renewals.append(renewals_item)

        enrollment_out = cls(
            accepted_at=accepted_at,
            accepted_by=accepted_by,
            active=active,
            agreement_version=agreement_version,
            enrolled_on=enrolled_on,
            id=id,
            last_day=last_day,
            offering=offering,
            offering_name=offering_name,
            renewal_open=renewal_open,
            renewal_opens_on=renewal_opens_on,
            renewals=renewals,
        )

        enrollment_out.additional_properties = d
        return enrollment_out

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
