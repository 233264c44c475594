"""Program settings edited by a program_admin (issue 18, item 3): day rates, milestones with the
impact preview, the paying account and reminder thresholds; validated, audited with before and
after, and in force at once (nothing caches them)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError
from planserv.program.calendar import calendar_get, program_settings_get
from planserv.program.selectors import day_rate_for
from planserv.program.settings_services import (
    day_rate_set,
    milestone_change,
    payment_settings_of,
    payment_settings_update,
)
from planserv.reports.retirement import milestone_change_preview
from tests.factories import accounts as account_factory
from tests.factories import payments as payment_factory
from tests.factories.vouchers import actor, at
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2021, 5, 3)


def admin():  # type: ignore[no-untyped-def]
    return actor(account_factory.member(payment_factory.operator_org(), "program_admin"))


class TestDayRates:
    def test_a_new_rate_is_in_force_at_once_and_audited_r_pay_3(self) -> None:
        assert day_rate_for(country="AT", on=TODAY) is None
        day_rate_set(
            country="at", currency="eur", amount="875", effective_from=D(2021, 1, 1),
            note="Austria", actor=admin(), today=TODAY, at=at(TODAY),
        )  # fmt: skip
        rate = day_rate_for(country="AT", on=TODAY)
        assert rate is not None and (rate.amount, rate.currency) == (Decimal("875.00"), "EUR")
        event = AuditEvent.objects.get(action="program.dayrate.created")
        assert event.before is None and event.after["amount"] == "875.00"

    def test_changing_a_rate_keeps_before_and_after(self) -> None:
        values = {"country": "DE", "currency": "EUR", "effective_from": D(2021, 6, 1), "note": ""}
        day_rate_set(**values, amount="950", actor=admin(), today=TODAY, at=at(TODAY))
        day_rate_set(**values, amount="990", actor=admin(), today=TODAY, at=at(TODAY))
        event = AuditEvent.objects.get(action="program.dayrate.changed")
        assert (event.before["amount"], event.after["amount"]) == ("950.00", "990.00")
        assert day_rate_for(country="DE", on=D(2021, 6, 2)).amount == Decimal("990.00")  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("country", "currency", "amount"),
        [("XX", "EUR", "1"), ("DE", "EUX", "1"), ("DE", "EUR", "0")],
    )
    def test_bad_rates_are_refused_and_change_nothing(self, country, currency, amount) -> None:  # type: ignore[no-untyped-def]
        program_admin = admin()
        with nothing_changes(), pytest.raises(DomainError) as error:
            day_rate_set(
                country=country, currency=currency, amount=amount, effective_from=TODAY,
                note="", actor=program_admin, today=TODAY, at=at(TODAY),
            )  # fmt: skip
        assert error.value.code == "invalid_setting"

    def test_only_a_program_admin_changes_rates(self) -> None:
        reviewer = payment_factory.reviewer()
        with pytest.raises(DomainError) as error:
            day_rate_set(
                country="AT", currency="EUR", amount="1", effective_from=TODAY, note="",
                actor=reviewer, today=TODAY, at=at(TODAY),
            )  # fmt: skip
        assert error.value.code == "forbidden"


class TestMilestones:
    def test_a_moved_milestone_is_in_force_at_once_and_audited_with_the_reason(self) -> None:
        milestone_change(
            key="last_redemption_day", date=D(2022, 3, 1), reason="Extended by the program",
            actor=admin(), today=TODAY, at=at(TODAY),
        )  # fmt: skip
        assert calendar_get().last_redemption_date == D(2022, 3, 1)  # the last allowed day
        event = AuditEvent.objects.get(action="program.milestone.changed")
        assert (event.before, event.after) == ({"date": "2022-01-01"}, {"date": "2022-03-01"})
        assert event.reason == "Extended by the program"

    def test_the_removal_cannot_come_before_the_last_create_day(self) -> None:
        program_admin = admin()
        with nothing_changes(), pytest.raises(DomainError) as error:
            milestone_change(
                key="removal", date=D(2021, 6, 1), reason="typo", actor=program_admin,
                today=TODAY, at=at(TODAY),
            )  # fmt: skip
        assert error.value.code == "milestone_order_broken"

    def test_the_preview_shows_the_impact_at_both_dates_and_saves_nothing(self) -> None:
        payment_factory.redeemed_case(country="DE")  # redeemed 12 March, window to 11 May
        before = calendar_get()
        now, proposed = milestone_change_preview(
            key="last_redemption_day", new_date=D(2021, 5, 20), as_of=D(2021, 3, 15)
        )
        assert (now.date, proposed.date) == (D(2022, 1, 1), D(2021, 5, 20))
        assert now.payments_at_risk == 1 and proposed.payments_at_risk == 1
        assert calendar_get() == before


class TestPaymentSettings:
    def test_the_paying_account_is_validated_and_audited_masked(self) -> None:
        current = payment_settings_of(program_settings_get())
        values = dataclasses.replace(
            current, paying_account_iban="DE89 3704 0044 0532 0130 00",
            paying_account_bic="COBADEFFXXX", payment_execution_day=25,
        )  # fmt: skip
        payment_settings_update(values=values, actor=admin(), today=TODAY, at=at(TODAY))
        row = program_settings_get()
        assert (row.paying_account_iban, row.payment_execution_day) == (
            "DE89370400440532013000",
            25,
        )
        event = AuditEvent.objects.get(action="program.programsettings.changed")
        assert event.after["paying_account_iban"] == "•••• 3000"
        assert "0532" not in str(event.after) and event.before["payment_execution_day"] == 28

    @pytest.mark.parametrize(
        "change",
        [
            {"paying_account_iban": "DE00 1234", "paying_account_bic": "COBADEFFXXX"},
            {"payment_execution_day": 31},
            {"payment_reminder_first_days": 3, "payment_reminder_last_days": 14},
            {"review_overdue_business_days": 0},
        ],
    )
    def test_bad_settings_are_refused_and_change_nothing(self, change) -> None:  # type: ignore[no-untyped-def]
        values = dataclasses.replace(payment_settings_of(program_settings_get()), **change)
        program_admin = admin()
        with nothing_changes(), pytest.raises(DomainError) as error:
            payment_settings_update(values=values, actor=program_admin, today=TODAY, at=at(TODAY))
        assert error.value.code == "invalid_setting"


class TestCatalogue:
    def test_service_levels_change_and_are_audited_r_vou_1(self) -> None:
        from planserv.program.models import EngagementType
        from planserv.program.settings_services import engagement_type_service_levels_set

        code = EngagementType.objects.order_by("pk").values_list("code", flat=True)[0]
        engagement_service = engagement_type_service_levels_set
        program_admin = admin()
        engagement_service(code=code, levels=[5, 1], actor=program_admin, today=TODAY, at=at(TODAY))
        assert EngagementType.objects.get(code=code).allowed_service_levels() == [1, 5]
        event = AuditEvent.objects.get(action="program.engagementtype.changed")
        assert event.after == {"service_levels": [1, 5]}
        with nothing_changes(), pytest.raises(DomainError) as error:
            engagement_service(
                code=code, levels=[2], actor=program_admin, today=TODAY, at=at(TODAY)
            )
        assert error.value.code == "invalid_setting"

    def test_a_competency_is_added_once(self) -> None:
        from planserv.program.models import Competency
        from planserv.program.settings_services import competency_create

        competency_create(
            code="ai-readiness", name="AI Readiness", actor=admin(), today=TODAY, at=at(TODAY)
        )
        assert Competency.objects.get(code="ai-readiness").name == "AI Readiness"
        with pytest.raises(DomainError) as error:
            competency_create(
                code="ai-readiness", name="Again", actor=admin(), today=TODAY, at=at(TODAY)
            )
        assert error.value.code == "invalid_setting"


def test_the_django_admin_shows_and_audits_the_paying_account_masked() -> None:
    from django.test import Client

    from planserv.accounts.models import User

    payment_factory.paying_account()
    root = User.objects.create_superuser(email="root@example.test", password="x" * 12)
    client = Client()
    client.force_login(root)
    page = client.get("/admin/program/programsettings/1/change/").content.decode()
    assert "•••• 3000" in page and "0532" not in page
    row = program_settings_get()
    values = {
        field.name: getattr(row, field.name)
        for field in row._meta.concrete_fields
        if field.name != "singleton" and not field.name.startswith("paying_account")
    }
    response = client.post("/admin/program/programsettings/1/change/", values)
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="program.programsettings.changed").latest("pk")
    assert event.after["paying_account_iban"] == "•••• 3000"
    assert "0532" not in str(event.before) + str(event.after)
