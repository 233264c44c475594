from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_run_out_counts import JobRunOutCounts


T = TypeVar("T", bound="JobRunOut")


@_attrs_define
class JobRunOut:
    """
    Attributes:
        counts (JobRunOutCounts):
        job (str):
        program_day (datetime.date):
        status (str):
    """

    counts: JobRunOutCounts
    job: str
    program_day: datetime.date
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        job = self.job

        program_day = self.program_day.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "job": job,
                "program_day": program_day,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_run_out_counts import JobRunOutCounts  # noqa: PLC0415

        d = dict(src_dict)
        counts = JobRunOutCounts.from_dict(d.pop("counts"))

        job = d.pop("job")

        program_day = datetime.date.fromisoformat(d.pop("program_day"))

        status = d.pop("status")

        job_run_out = cls(
            counts=counts,
            job=job,
            program_day=program_day,
            status=status,
        )

        job_run_out.additional_properties = d
        return job_run_out

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
