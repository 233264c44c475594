from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.report_out_meta import ReportOutMeta
    from ..models.table_out import TableOut


T = TypeVar("T", bound="ReportOut")


@_attrs_define
class ReportOut:
    """
    Attributes:
        as_of (datetime.date):
        meta (ReportOutMeta):
        report (str):
        tables (list[TableOut]):
        title (str):
    """

    as_of: datetime.date
    meta: ReportOutMeta
    report: str
    tables: list[TableOut]
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        meta = self.meta.to_dict()

        report = self.report

        tables = []
        for tables_item_data in self.tables:
            tables_item = tables_item_data.to_dict()
            tables.append(tables_item)

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "meta": meta,
                "report": report,
                "tables": tables,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_out_meta import ReportOutMeta  # noqa: PLC0415
        from ..models.table_out import TableOut  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        meta = ReportOutMeta.from_dict(d.pop("meta"))

        report = d.pop("report")

        tables = []
        _tables = d.pop("tables")
        for tables_item_data in _tables:
            tables_item = TableOut.from_dict(tables_item_data)

            tables.append(tables_item)

        title = d.pop("title")

        report_out = cls(
            as_of=as_of,
            meta=meta,
            report=report,
            tables=tables,
            title=title,
        )

        report_out.additional_properties = d
        return report_out

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
