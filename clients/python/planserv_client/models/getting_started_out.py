from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.checklist_step_out import ChecklistStepOut


T = TypeVar("T", bound="GettingStartedOut")


@_attrs_define
class GettingStartedOut:
    """
    Attributes:
        active (bool):
        current_step (int | None):
        notes (list[str]):
        organisation (str):
        side (str):
        steps (list[ChecklistStepOut]):
        today (datetime.date):
    """

    active: bool
    current_step: int | None
    notes: list[str]
    organisation: str
    side: str
    steps: list[ChecklistStepOut]
    today: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        current_step: int | None
        current_step = self.current_step

        notes = self.notes

        organisation = self.organisation

        side = self.side

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        today = self.today.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "current_step": current_step,
                "notes": notes,
                "organisation": organisation,
                "side": side,
                "steps": steps,
                "today": today,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checklist_step_out import ChecklistStepOut  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        def _parse_current_step(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        current_step = _parse_current_step(d.pop("current_step"))

        notes = cast(list[str], d.pop("notes"))

        organisation = d.pop("organisation")

        side = d.pop("side")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = ChecklistStepOut.from_dict(steps_item_data)

            steps.append(steps_item)

        today = datetime.date.fromisoformat(d.pop("today"))

        getting_started_out = cls(
            active=active,
            current_step=current_step,
            notes=notes,
            organisation=organisation,
            side=side,
            steps=steps,
            today=today,
        )

        getting_started_out.additional_properties = d
        return getting_started_out

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
