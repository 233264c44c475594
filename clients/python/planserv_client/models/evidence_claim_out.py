from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EvidenceClaimOut")


@_attrs_define
class EvidenceClaimOut:
    """
    Attributes:
        claimed_at (datetime.datetime):
        decision_reason (str):
        id (int):
        kind (str):
        partner_id (str):
        partner_name (str):
        reference (str):
        status (str):
        summary (str):
        claimed_by (None | str | Unset):
        competency (None | str | Unset):
        consultant (None | str | Unset):
        consultant_id (int | None | Unset):
        decided_at (datetime.datetime | None | Unset):
        decided_by (None | str | Unset):
        earned_on (datetime.date | None | Unset):
        evidence_file (None | str | Unset):
        exam (None | str | Unset):
        expires_on (datetime.date | None | Unset):
        level (None | str | Unset):
        passed_on (datetime.date | None | Unset):
    """

    claimed_at: datetime.datetime
    decision_reason: str
    id: int
    kind: str
    partner_id: str
    partner_name: str
    reference: str
    status: str
    summary: str
    claimed_by: None | str | Unset = UNSET
    competency: None | str | Unset = UNSET
    consultant: None | str | Unset = UNSET
    consultant_id: int | None | Unset = UNSET
    decided_at: datetime.datetime | None | Unset = UNSET
    decided_by: None | str | Unset = UNSET
    earned_on: datetime.date | None | Unset = UNSET
    evidence_file: None | str | Unset = UNSET
    exam: None | str | Unset = UNSET
    expires_on: datetime.date | None | Unset = UNSET
    level: None | str | Unset = UNSET
    passed_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claimed_at = self.claimed_at.isoformat()

        decision_reason = self.decision_reason

        id = self.id

        kind = self.kind

        partner_id = self.partner_id

        partner_name = self.partner_name

        reference = self.reference

        status = self.status

        summary = self.summary

        claimed_by: None | str | Unset
        if isinstance(self.claimed_by, Unset):
            claimed_by = UNSET
        else:
            claimed_by = self.claimed_by

        competency: None | str | Unset
        if isinstance(self.competency, Unset):
            competency = UNSET
        else:
            competency = self.competency

        consultant: None | str | Unset
        if isinstance(self.consultant, Unset):
            consultant = UNSET
        else:
            consultant = self.consultant

        consultant_id: int | None | Unset
        if isinstance(self.consultant_id, Unset):
            consultant_id = UNSET
        else:
            consultant_id = self.consultant_id

        decided_at: None | str | Unset
        if isinstance(self.decided_at, Unset):
            decided_at = UNSET
        elif isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str | Unset
        if isinstance(self.decided_by, Unset):
            decided_by = UNSET
        else:
            decided_by = self.decided_by

        earned_on: None | str | Unset
        if isinstance(self.earned_on, Unset):
            earned_on = UNSET
        elif isinstance(self.earned_on, datetime.date):
            earned_on = self.earned_on.isoformat()
        else:
            earned_on = self.earned_on

        evidence_file: None | str | Unset
        if isinstance(self.evidence_file, Unset):
            evidence_file = UNSET
        else:
            evidence_file = self.evidence_file

        exam: None | str | Unset
        if isinstance(self.exam, Unset):
            exam = UNSET
        else:
            exam = self.exam

        expires_on: None | str | Unset
        if isinstance(self.expires_on, Unset):
            expires_on = UNSET
        elif isinstance(self.expires_on, datetime.date):
            expires_on = self.expires_on.isoformat()
        else:
            expires_on = self.expires_on

        level: None | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        passed_on: None | str | Unset
        if isinstance(self.passed_on, Unset):
            passed_on = UNSET
        elif isinstance(self.passed_on, datetime.date):
            passed_on = self.passed_on.isoformat()
        else:
            passed_on = self.passed_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claimed_at": claimed_at,
                "decision_reason": decision_reason,
                "id": id,
                "kind": kind,
                "partner_id": partner_id,
                "partner_name": partner_name,
                "reference": reference,
                "status": status,
                "summary": summary,
            }
        )
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by
        if competency is not UNSET:
            field_dict["competency"] = competency
        if consultant is not UNSET:
            field_dict["consultant"] = consultant
        if consultant_id is not UNSET:
            field_dict["consultant_id"] = consultant_id
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if decided_by is not UNSET:
            field_dict["decided_by"] = decided_by
        if earned_on is not UNSET:
            field_dict["earned_on"] = earned_on
        if evidence_file is not UNSET:
            field_dict["evidence_file"] = evidence_file
        if exam is not UNSET:
            field_dict["exam"] = exam
        if expires_on is not UNSET:
            field_dict["expires_on"] = expires_on
        if level is not UNSET:
            field_dict["level"] = level
        if passed_on is not UNSET:
            field_dict["passed_on"] = passed_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        claimed_at = datetime.datetime.fromisoformat(d.pop("claimed_at"))

        decision_reason = d.pop("decision_reason")

        id = d.pop("id")

        kind = d.pop("kind")

        partner_id = d.pop("partner_id")

        partner_name = d.pop("partner_name")

        reference = d.pop("reference")

        status = d.pop("status")

        summary = d.pop("summary")

        def _parse_claimed_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by", UNSET))

        def _parse_competency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        competency = _parse_competency(d.pop("competency", UNSET))

        def _parse_consultant(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consultant = _parse_consultant(d.pop("consultant", UNSET))

        def _parse_consultant_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        consultant_id = _parse_consultant_id(d.pop("consultant_id", UNSET))

        def _parse_decided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        decided_at = _parse_decided_at(d.pop("decided_at", UNSET))

        def _parse_decided_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decided_by = _parse_decided_by(d.pop("decided_by", UNSET))

        def _parse_earned_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                earned_on_type_0 = datetime.date.fromisoformat(data)

                return earned_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        earned_on = _parse_earned_on(d.pop("earned_on", UNSET))

        def _parse_evidence_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evidence_file = _parse_evidence_file(d.pop("evidence_file", UNSET))

        def _parse_exam(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exam = _parse_exam(d.pop("exam", UNSET))

        def _parse_expires_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_on_type_0 = datetime.date.fromisoformat(data)

                return expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expires_on = _parse_expires_on(d.pop("expires_on", UNSET))

        def _parse_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        def _parse_passed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                passed_on_type_0 = datetime.date.fromisoformat(data)

                return passed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        passed_on = _parse_passed_on(d.pop("passed_on", UNSET))

        evidence_claim_out = cls(
            claimed_at=claimed_at,
            decision_reason=decision_reason,
            id=id,
            kind=kind,
            partner_id=partner_id,
            partner_name=partner_name,
            reference=reference,
            status=status,
            summary=summary,
            claimed_by=claimed_by,
            competency=competency,
            consultant=consultant,
            consultant_id=consultant_id,
            decided_at=decided_at,
            decided_by=decided_by,
            earned_on=earned_on,
            evidence_file=evidence_file,
            exam=exam,
            expires_on=expires_on,
            level=level,
            passed_on=passed_on,
        )

        evidence_claim_out.additional_properties = d
        return evidence_claim_out

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
