from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_run_detail_out_counts import JobRunDetailOutCounts


T = TypeVar("T", bound="JobRunDetailOut")


@_attrs_define
class JobRunDetailOut:
    """
    Attributes:
        attempts (int):
        counts (JobRunDetailOutCounts):
        error (str):
        finished_at (datetime.datetime | None):
        id (int):
        job (str):
        program_day (datetime.date):
        retry_after (datetime.datetime | None):
        started_at (datetime.datetime):
        status (str):
    """

    attempts: int
    counts: JobRunDetailOutCounts
    error: str
    finished_at: datetime.datetime | None
    id: int
    job: str
    program_day: datetime.date
    retry_after: datetime.datetime | None
    started_at: datetime.datetime
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        counts = self.counts.to_dict()

        error = self.error

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        job = self.job

        program_day = self.program_day.isoformat()

        retry_after: None | str
        if isinstance(self.retry_after, datetime.datetime):
            retry_after = self.retry_after.isoformat()
        else:
            retry_after = self.retry_after

        started_at = self.started_at.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "counts": counts,
                "error": error,
                "finished_at": finished_at,
                "id": id,
                "job": job,
                "program_day": program_day,
                "retry_after": retry_after,
                "started_at": started_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_run_detail_out_counts import JobRunDetailOutCounts  # noqa: PLC0415

        d = dict(src_dict)
        attempts = d.pop("attempts")

        counts = JobRunDetailOutCounts.from_dict(d.pop("counts"))

        error = d.pop("error")

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = d.pop("id")

        job = d.pop("job")

        program_day = datetime.date.fromisoformat(d.pop("program_day"))

        def _parse_retry_after(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                retry_after_type_0 = datetime.datetime.fromisoformat(data)

                return retry_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        retry_after = _parse_retry_after(d.pop("retry_after"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        status = d.pop("status")

        job_run_detail_out = cls(
            attempts=attempts,
            counts=counts,
            error=error,
            finished_at=finished_at,
            id=id,
            job=job,
            program_day=program_day,
            retry_after=retry_after,
            started_at=started_at,
            status=status,
        )

        job_run_detail_out.additional_properties = d
        return job_run_detail_out

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
