from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.checklist_figure_out import ChecklistFigureOut
    from ..models.checklist_item_out import ChecklistItemOut
    from ..models.checklist_link_out import ChecklistLinkOut


T = TypeVar("T", bound="ChecklistStepOut")


@_attrs_define
class ChecklistStepOut:
    """
    Attributes:
        deadline (datetime.date | None):
        figures (list[ChecklistFigureOut]):
        items (list[ChecklistItemOut]):
        key (str):
        link (ChecklistLinkOut | None):
        more_items (int):
        number (int):
        state (str):
        summary (str):
        title (str):
        why_locked (str):
    """

    deadline: datetime.date | None
    figures: list[ChecklistFigureOut]
    items: list[ChecklistItemOut]
    key: str
    link: ChecklistLinkOut | None
    more_items: int
    number: int
    state: str
    summary: str
    title: str
    why_locked: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.checklist_link_out import ChecklistLinkOut  # noqa: PLC0415

        deadline: None | str
        if isinstance(self.deadline, datetime.date):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        figures = []
        for figures_item_data in self.figures:
            figures_item = figures_item_data.to_dict()
            figures.append(figures_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        key = self.key

        link: dict[str, Any] | None
        if isinstance(self.link, ChecklistLinkOut):
            link = self.link.to_dict()
        else:
            link = self.link

        more_items = self.more_items

        number = self.number

        state = self.state

        summary = self.summary

        title = self.title

        why_locked = self.why_locked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deadline": deadline,
                "figures": figures,
                "items": items,
                "key": key,
                "link": link,
                "more_items": more_items,
                "number": number,
                "state": state,
                "summary": summary,
                "title": title,
                "why_locked": why_locked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checklist_figure_out import ChecklistFigureOut  # noqa: PLC0415
        from ..models.checklist_item_out import ChecklistItemOut  # noqa: PLC0415
        from ..models.checklist_link_out import ChecklistLinkOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.date.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        deadline = _parse_deadline(d.pop("deadline"))

        figures = []
        _figures = d.pop("figures")
        for figures_item_data in _figures:
            figures_item = ChecklistFigureOut.from_dict(figures_item_data)

            figures.append(figures_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ChecklistItemOut.from_dict(items_item_data)

            items.append(items_item)

        key = d.pop("key")

        def _parse_link(data: object) -> ChecklistLinkOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                link_type_0 = ChecklistLinkOut.from_dict(data)

                return link_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChecklistLinkOut | None, data)

        link = _parse_link(d.pop("link"))

        more_items = d.pop("more_items")

        number = d.pop("number")

        state = d.pop("state")

        summary = d.pop("summary")

        title = d.pop("title")

        why_locked = d.pop("why_locked")

        checklist_step_out = cls(
            deadline=deadline,
            figures=figures,
            items=items,
            key=key,
            link=link,
            more_items=more_items,
            number=number,
            state=state,
            summary=summary,
            title=title,
            why_locked=why_locked,
        )

        checklist_step_out.additional_properties = d
        return checklist_step_out

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
