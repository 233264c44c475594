from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_run_out import JobRunOut


T = TypeVar("T", bound="ClockMoveOut")


@_attrs_define
class ClockMoveOut:
    """
    Attributes:
        days_run (list[datetime.date]):
        job_runs (list[JobRunOut]):
        pinned (bool):
        sandbox (bool):
        time_zone (str):
        today (datetime.date):
    """

    days_run: list[datetime.date]
    job_runs: list[JobRunOut]
    pinned: bool
    sandbox: bool
    time_zone: str
    today: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days_run = []
        for days_run_item_data in self.days_run:
            days_run_item = days_run_item_data.isoformat()
            days_run.append(days_run_item)

        job_runs = []
        for job_runs_item_data in self.job_runs:
            job_runs_item = job_runs_item_data.to_dict()
            job_runs.append(job_runs_item)

        pinned = self.pinned

        sandbox = self.sandbox

        time_zone = self.time_zone

        today = self.today.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days_run": days_run,
                "job_runs": job_runs,
                "pinned": pinned,
                "sandbox": sandbox,
                "time_zone": time_zone,
                "today": today,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_run_out import JobRunOut  # noqa: PLC0415

        d = dict(src_dict)
        days_run = []
        _days_run = d.pop("days_run")
        for days_run_item_data in _days_run:
            days_run_item = datetime.date.fromisoformat(days_run_item_data)

            days_run.append(days_run_item)

        job_runs = []
        _job_runs = d.pop("job_runs")
        for job_runs_item_data in _job_runs:
            job_runs_item = JobRunOut.from_dict(job_runs_item_data)

            job_runs.append(job_runs_item)

        pinned = d.pop("pinned")

        sandbox = d.pop("sandbox")

        time_zone = d.pop("time_zone")

        today = datetime.date.fromisoformat(d.pop("today"))

        clock_move_out = cls(
            days_run=days_run,
            job_runs=job_runs,
            pinned=pinned,
            sandbox=sandbox,
            time_zone=time_zone,
            today=today,
        )

        clock_move_out.additional_properties = d
        return clock_move_out

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
