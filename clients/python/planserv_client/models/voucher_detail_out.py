from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.completion_report_out import CompletionReportOut
    from ..models.deadlines_out import DeadlinesOut
    from ..models.engagement_type_ref_out import EngagementTypeRefOut
    from ..models.history_out import HistoryOut
    from ..models.ref_out import RefOut
    from ..models.reservation_out import ReservationOut


T = TypeVar("T", bound="VoucherDetailOut")


@_attrs_define
class VoucherDetailOut:
    """
    Attributes:
        assigned_on (datetime.date):
        assignee_email (None | str): Customer and operators only.
        customer (RefOut):
        days (int):
        days_outcome (str):
        deadlines (DeadlinesOut):
        display_id (str):
        division (str):
        engagement_type (EngagementTypeRefOut):
        expiry_date (datetime.date):
        history (list[HistoryOut]):
        licensing_id (None | str): Customer and operators only.
        nominated_partner (None | str):
        product_scope (str):
        redeemed_location_id (None | str):
        redeemed_on (datetime.date | None):
        report (CompletionReportOut | None):
        reservation (None | ReservationOut):
        status (str):
        voucher_id (str):
    """

    assigned_on: datetime.date
    assignee_email: None | str
    customer: RefOut
    days: int
    days_outcome: str
    deadlines: DeadlinesOut
    display_id: str
    division: str
    engagement_type: EngagementTypeRefOut
    expiry_date: datetime.date
    history: list[HistoryOut]
    licensing_id: None | str
    nominated_partner: None | str
    product_scope: str
    redeemed_location_id: None | str
    redeemed_on: datetime.date | None
    report: CompletionReportOut | None
    reservation: None | ReservationOut
    status: str
    voucher_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.completion_report_out import CompletionReportOut  # noqa: PLC0415
        from ..models.reservation_out import ReservationOut  # noqa: PLC0415

        assigned_on = self.assigned_on.isoformat()

        assignee_email: None | str
        assignee_email = self.assignee_email

        customer = self.customer.to_dict()

        days = self.days

        days_outcome = self.days_outcome

        deadlines = self.deadlines.to_dict()

        display_id = self.display_id

        division = self.division

        engagement_type = self.engagement_type.to_dict()

        expiry_date = self.expiry_date.isoformat()

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        licensing_id: None | str
        licensing_id = self.licensing_id

        nominated_partner: None | str
        nominated_partner = self.nominated_partner

        product_scope = self.product_scope

        redeemed_location_id: None | str
        redeemed_location_id = self.redeemed_location_id

        redeemed_on: None | str
        if isinstance(self.redeemed_on, datetime.date):
            redeemed_on = self.redeemed_on.isoformat()
        else:
            redeemed_on = self.redeemed_on

        report: dict[str, Any] | None
        if isinstance(self.report, CompletionReportOut):
            report = self.report.to_dict()
        else:
            report = self.report

        reservation: dict[str, Any] | None
        if isinstance(self.reservation, ReservationOut):
            reservation = self.reservation.to_dict()
        else:
            reservation = self.reservation

        status = self.status

        voucher_id = self.voucher_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assigned_on": assigned_on,
                "assignee_email": assignee_email,
                "customer": customer,
                "days": days,
                "days_outcome": days_outcome,
                "deadlines": deadlines,
                "display_id": display_id,
                "division": division,
                "engagement_type": engagement_type,
                "expiry_date": expiry_date,
                "history": history,
                "licensing_id": licensing_id,
                "nominated_partner": nominated_partner,
                "product_scope": product_scope,
                "redeemed_location_id": redeemed_location_id,
                "redeemed_on": redeemed_on,
                "report": report,
                "reservation": reservation,
                "status": status,
                "voucher_id": voucher_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.completion_report_out import CompletionReportOut  # noqa: PLC0415
        from ..models.deadlines_out import DeadlinesOut  # noqa: PLC0415
        from ..models.engagement_type_ref_out import EngagementTypeRefOut  # noqa: PLC0415
        from ..models.history_out import HistoryOut  # noqa: PLC0415
        from ..models.ref_out import RefOut  # noqa: PLC0415
        from ..models.reservation_out import ReservationOut  # noqa: PLC0415

        d = dict(src_dict)
        assigned_on = datetime.date.fromisoformat(d.pop("assigned_on"))

        def _parse_assignee_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee_email = _parse_assignee_email(d.pop("assignee_email"))

        customer = RefOut.from_dict(d.pop("customer"))

        days = d.pop("days")

        days_outcome = d.pop("days_outcome")

        deadlines = DeadlinesOut.from_dict(d.pop("deadlines"))

        display_id = d.pop("display_id")

        division = d.pop("division")

        engagement_type = EngagementTypeRefOut.from_dict(d.pop("engagement_type"))

        expiry_date = datetime.date.fromisoformat(d.pop("expiry_date"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = HistoryOut.from_dict(history_item_data)

            history.append(history_item)

        def _parse_licensing_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        licensing_id = _parse_licensing_id(d.pop("licensing_id"))

        def _parse_nominated_partner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nominated_partner = _parse_nominated_partner(d.pop("nominated_partner"))

        product_scope = d.pop("product_scope")

        def _parse_redeemed_location_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        redeemed_location_id = _parse_redeemed_location_id(d.pop("redeemed_location_id"))

        def _parse_redeemed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                redeemed_on_type_0 = datetime.date.fromisoformat(data)

                return redeemed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        redeemed_on = _parse_redeemed_on(d.pop("redeemed_on"))

        def _parse_report(data: object) -> CompletionReportOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                report_type_0 = CompletionReportOut.from_dict(data)

                return report_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompletionReportOut | None, data)

        report = _parse_report(d.pop("report"))

        def _parse_reservation(data: object) -> None | ReservationOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reservation_type_0 = ReservationOut.from_dict(data)

                return reservation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReservationOut, data)

        reservation = _parse_reservation(d.pop("reservation"))

        status = d.pop("status")

        voucher_id = d.pop("voucher_id")

        voucher_detail_out = cls(
            assigned_on=assigned_on,
            assignee_email=assignee_email,
            customer=customer,
            days=days,
            days_outcome=days_outcome,
            deadlines=deadlines,
            display_id=display_id,
            division=division,
            engagement_type=engagement_type,
            expiry_date=expiry_date,
            history=history,
            licensing_id=licensing_id,
            nominated_partner=nominated_partner,
            product_scope=product_scope,
            redeemed_location_id=redeemed_location_id,
            redeemed_on=redeemed_on,
            report=report,
            reservation=reservation,
            status=status,
            voucher_id=voucher_id,
        )

        voucher_detail_out.additional_properties = d
        return voucher_detail_out

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
