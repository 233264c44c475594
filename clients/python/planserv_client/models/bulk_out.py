from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bulk_item_out import BulkItemOut


T = TypeVar("T", bound="BulkOut")


@_attrs_define
class BulkOut:
    """
    Attributes:
        changed (int):
        dry_run (bool):
        items (list[BulkItemOut]):
        operation (str):
        policy_id (int | None):
        refused (int):
        summary (str):
    """

    changed: int
    dry_run: bool
    items: list[BulkItemOut]
    operation: str
    policy_id: int | None
    refused: int
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed = self.changed

        dry_run = self.dry_run

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        operation = self.operation

        policy_id: int | None
        policy_id = self.policy_id

        refused = self.refused

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed": changed,
                "dry_run": dry_run,
                "items": items,
                "operation": operation,
                "policy_id": policy_id,
                "refused": refused,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_item_out import BulkItemOut  # noqa: PLC0415

        d = dict(src_dict)
        changed = d.pop("changed")

        dry_run = d.pop("dry_run")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BulkItemOut.from_dict(items_item_data)

            items.append(items_item)

        operation = d.pop("operation")

        def _parse_policy_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        policy_id = _parse_policy_id(d.pop("policy_id"))

        refused = d.pop("refused")

        summary = d.pop("summary")

        bulk_out = cls(
            changed=changed,
            dry_run=dry_run,
            items=items,
            operation=operation,
            policy_id=policy_id,
            refused=refused,
            summary=summary,
        )

        bulk_out.additional_properties = d
        return bulk_out

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
