from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_event_out_after_type_0 import AuditEventOutAfterType0
    from ..models.audit_event_out_before_type_0 import AuditEventOutBeforeType0


T = TypeVar("T", bound="AuditEventOut")


@_attrs_define
class AuditEventOut:
    """
    Attributes:
        action (str):
        actor (str):
        actor_role (str):
        after (AuditEventOutAfterType0 | None):
        before (AuditEventOutBeforeType0 | None):
        id (int):
        occurred_at (datetime.datetime):
        organisation (str):
        organisation_id (int | None):
        program_date (datetime.date):
        reason (str):
        request_id (str):
        subject (str):
        subject_id (str):
        subject_type (str):
    """

    action: str
    actor: str
    actor_role: str
    after: AuditEventOutAfterType0 | None
    before: AuditEventOutBeforeType0 | None
    id: int
    occurred_at: datetime.datetime
    organisation: str
    organisation_id: int | None
    program_date: datetime.date
    reason: str
    request_id: str
    subject: str
    subject_id: str
    subject_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_event_out_after_type_0 import AuditEventOutAfterType0  # noqa: PLC0415
        from ..models.audit_event_out_before_type_0 import AuditEventOutBeforeType0  # noqa: PLC0415

        action = self.action

        actor = self.actor

        actor_role = self.actor_role

        after: dict[str, Any] | None
        if isinstance(self.after, AuditEventOutAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        before: dict[str, Any] | None
        if isinstance(self.before, AuditEventOutBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        organisation = self.organisation

        organisation_id: int | None
        organisation_id = self.organisation_id

        program_date = self.program_date.isoformat()

        reason = self.reason

        request_id = self.request_id

        subject = self.subject

        subject_id = self.subject_id

        subject_type = self.subject_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "actor_role": actor_role,
                "after": after,
                "before": before,
                "id": id,
                "occurred_at": occurred_at,
                "organisation": organisation,
                "organisation_id": organisation_id,
                "program_date": program_date,
                "reason": reason,
                "request_id": request_id,
                "subject": subject,
                "subject_id": subject_id,
                "subject_type": subject_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event_out_after_type_0 import AuditEventOutAfterType0  # noqa: PLC0415
        from ..models.audit_event_out_before_type_0 import AuditEventOutBeforeType0  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        actor_role = d.pop("actor_role")

        def _parse_after(data: object) -> AuditEventOutAfterType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = AuditEventOutAfterType0.from_dict(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEventOutAfterType0 | None, data)

        after = _parse_after(d.pop("after"))

        def _parse_before(data: object) -> AuditEventOutBeforeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = AuditEventOutBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEventOutBeforeType0 | None, data)

        before = _parse_before(d.pop("before"))

        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        organisation = d.pop("organisation")

        def _parse_organisation_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id"))

        program_date = datetime.date.fromisoformat(d.pop("program_date"))

        reason = d.pop("reason")

        request_id = d.pop("request_id")

        subject = d.pop("subject")

        subject_id = d.pop("subject_id")

        subject_type = d.pop("subject_type")

        audit_event_out = cls(
            action=action,
            actor=actor,
            actor_role=actor_role,
            after=after,
            before=before,
            id=id,
            occurred_at=occurred_at,
            organisation=organisation,
            organisation_id=organisation_id,
            program_date=program_date,
            reason=reason,
            request_id=request_id,
            subject=subject,
            subject_id=subject_id,
            subject_type=subject_type,
        )

        audit_event_out.additional_properties = d
        return audit_event_out

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
