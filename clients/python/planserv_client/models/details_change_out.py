from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DetailsChangeOut")


@_attrs_define
class DetailsChangeOut:
    """
    Attributes:
        bic (str):
        decided_on (datetime.date | None):
        decision_reason (str):
        firm (str):
        iban (str): Masked: only the last 4 characters.
        id (int):
        offering (str):
        status (str):
        submitted_by (str):
        submitted_on (datetime.date):
    """

    bic: str
    decided_on: datetime.date | None
    decision_reason: str
    firm: str
    iban: str
    id: int
    offering: str
    status: str
    submitted_by: str
    submitted_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bic = self.bic

        decided_on: None | str
        if isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        decision_reason = self.decision_reason

        firm = self.firm

        iban = self.iban

        id = self.id

        offering = self.offering

        status = self.status

        submitted_by = self.submitted_by

        submitted_on = self.submitted_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bic": bic,
                "decided_on": decided_on,
                "decision_reason": decision_reason,
                "firm": firm,
                "iban": iban,
                "id": id,
                "offering": offering,
                "status": status,
                "submitted_by": submitted_by,
                "submitted_on": submitted_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bic = d.pop("bic")

        def _parse_decided_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)

                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        decided_on = _parse_decided_on(d.pop("decided_on"))

        decision_reason = d.pop("decision_reason")

        firm = d.pop("firm")

        iban = d.pop("iban")

        id = d.pop("id")

        offering = d.pop("offering")

        status = d.pop("status")

        submitted_by = d.pop("submitted_by")

        submitted_on = datetime.date.fromisoformat(d.pop("submitted_on"))

        details_change_out = cls(
            bic=bic,
            decided_on=decided_on,
            decision_reason=decision_reason,
            firm=firm,
            iban=iban,
            id=id,
            offering=offering,
            status=status,
            submitted_by=submitted_by,
            submitted_on=submitted_on,
        )

        details_change_out.additional_properties = d
        return details_change_out

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
