from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.checklist_link_out import ChecklistLinkOut


T = TypeVar("T", bound="ChecklistItemOut")


@_attrs_define
class ChecklistItemOut:
    """
    Attributes:
        detail (str):
        link (ChecklistLinkOut | None):
        title (str):
    """

    detail: str
    link: ChecklistLinkOut | None
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.checklist_link_out import ChecklistLinkOut  # noqa: PLC0415

        detail = self.detail

        link: dict[str, Any] | None
        if isinstance(self.link, ChecklistLinkOut):
            link = self.link.to_dict()
        else:
            link = self.link

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "link": link,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checklist_link_out import ChecklistLinkOut  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

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

        title = d.pop("title")

        checklist_item_out = cls(
            detail=detail,
            link=link,
            title=title,
        )

        checklist_item_out.additional_properties = d
        return checklist_item_out

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
