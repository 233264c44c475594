from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_run_detail_out import JobRunDetailOut


T = TypeVar("T", bound="JobsRunOut")


@_attrs_define
class JobsRunOut:
    """
    Attributes:
        days_run (list[datetime.date]):
        job_runs (list[JobRunDetailOut]):
        waiting (JobRunDetailOut | None):
    """

    days_run: list[datetime.date]
    job_runs: list[JobRunDetailOut]
    waiting: JobRunDetailOut | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_run_detail_out import JobRunDetailOut  # noqa: PLC0415

        days_run = []
        for days_run_item_data in self.days_run:
            days_run_item = days_run_item_data.isoformat()
            days_run.append(days_run_item)

        job_runs = []
        for job_runs_item_data in self.job_runs:
            job_runs_item = job_runs_item_data.to_dict()
            job_runs.append(job_runs_item)

        waiting: dict[str, Any] | None
        if isinstance(self.waiting, JobRunDetailOut):
            waiting = self.waiting.to_dict()
        else:
            waiting = self.waiting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days_run": days_run,
                "job_runs": job_runs,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_run_detail_out import JobRunDetailOut  # noqa: PLC0415

        d = dict(src_dict)
        days_run = []
        _days_run = d.pop("days_run")
        for days_run_item_data in _days_run:
            days_run_item = datetime.date.fromisoformat(days_run_item_data)

            days_run.append(days_run_item)

        job_runs = []
        _job_runs = d.pop("job_runs")
        for job_runs_item_data in _job_runs:
            job_runs_item = JobRunDetailOut.from_dict(job_runs_item_data)

            job_runs.append(job_runs_item)

        def _parse_waiting(data: object) -> JobRunDetailOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                waiting_type_0 = JobRunDetailOut.from_dict(data)

                return waiting_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobRunDetailOut | None, data)

        waiting = _parse_waiting(d.pop("waiting"))

        jobs_run_out = cls(
            days_run=days_run,
            job_runs=job_runs,
            waiting=waiting,
        )

        jobs_run_out.additional_properties = d
        return jobs_run_out

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
