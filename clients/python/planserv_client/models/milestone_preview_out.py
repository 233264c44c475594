from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.impact_totals_out import ImpactTotalsOut


T = TypeVar("T", bound="MilestonePreviewOut")


@_attrs_define
class MilestonePreviewOut:
    """
    Attributes:
        current (ImpactTotalsOut):
        key (str):
        proposed (ImpactTotalsOut):
    """

    current: ImpactTotalsOut
    key: str
    proposed: ImpactTotalsOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current = self.current.to_dict()

        key = self.key

        proposed = self.proposed.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current": current,
                "key": key,
                "proposed": proposed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.impact_totals_out import ImpactTotalsOut  # noqa: PLC0415

        d = dict(src_dict)
        current = ImpactTotalsOut.from_dict(d.pop("current"))

        key = d.pop("key")

        proposed = ImpactTotalsOut.from_dict(d.pop("proposed"))

        milestone_preview_out = cls(
            current=current,
            key=key,
            proposed=proposed,
        )

        milestone_preview_out.additional_properties = d
        return milestone_preview_out

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
