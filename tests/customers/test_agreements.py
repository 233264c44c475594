"""Licensing agreements (domain.md 4.1): creation and R-ACT-1 activation."""

from __future__ import annotations

import datetime as dt

import pytest

from planserv.audit.models import AuditEvent
from planserv.core.errors import Forbidden
from planserv.customers.errors import (
    AgreementInvalid,
    AgreementNotFound,
    AlreadyActivated,
    LicensingIdTaken,
)
from planserv.customers.ledger.accounts import ALL_KINDS
from planserv.customers.models import LedgerEntry, LicensingAgreement
from planserv.customers.selectors import agreement_balances
from planserv.customers.services import agreement_activate, agreement_create
from planserv.notifications.models import OutboxMessage
from tests.factories import accounts as account_factory
from tests.factories import customers as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2019, 9, 2)


def actor_of(persona):
    from planserv.accounts.selectors import actor_for_membership

    return actor_for_membership(persona.membership)


class TestAgreementCreate:
    def test_creates_the_agreement_its_coverage_and_every_ledger_account(self, customer_org):
        agreement = agreement_create(
            customer=customer_org,
            licensing_id=" ea-1234567 ",
            agreement_type="enterprise",
            start_date=dt.date(2019, 10, 1),
            end_date=dt.date(2022, 9, 30),
            coverage={"applications": 800, "servers": 150},
            actor=factory.OPERATOR,
            today=TODAY,
            at=factory.at(TODAY),
        )
        assert agreement.licensing_id == "EA-1234567"
        assert {line.product_pool: line.quantity for line in agreement.coverage_lines.all()} == {
            "applications": 800,
            "servers": 150,
        }
        assert sorted(agreement.ledger_accounts.values_list("kind", flat=True)) == sorted(ALL_KINDS)
        assert set(agreement_balances(agreement).values()) == {0}
        event = AuditEvent.objects.get(action="customers.agreement.created")
        assert event.organisation_id == customer_org.pk
        assert event.after["coverage"] == {"applications": 800, "servers": 150}

    def test_posts_the_accrual_of_coverage_years_already_begun_r_acc_1(self, customer_org):
        agreement = factory.agreement(
            customer_org,
            start_date=dt.date(2018, 7, 1),
            end_date=dt.date(2021, 6, 30),
            coverage={"applications": 800, "servers": 150},  # 15 + 9 = 24 days a term
            today=TODAY,
        )
        entries = LedgerEntry.objects.filter(agreement=agreement, cause="accrual").order_by(
            "effective_date"
        )
        assert [(e.effective_date, e.days) for e in entries] == [
            (dt.date(2018, 7, 1), 8),
            (dt.date(2019, 7, 1), 8),
        ]
        assert agreement_balances(agreement)["available"] == 16

    @pytest.mark.parametrize(
        ("changes", "fragment"),
        [
            ({"agreement_type": "retail"}, "agreement type 'retail'"),
            ({"end_date": dt.date(2019, 1, 1)}, "is before the start date"),
            ({"coverage": {}}, "at least one product pool"),
            ({"coverage": {"mainframes": 3}}, "'mainframes' is not a product pool"),
            ({"coverage": {"servers": 0}}, "whole number above zero"),
            ({"licensing_id": "x!"}, "must be 3 to 40 letters"),
        ],
    )
    def test_refuses_invalid_fields_and_creates_nothing(self, customer_org, changes, fragment):
        fields = {
            "customer": customer_org,
            "licensing_id": "EA-1",
            "agreement_type": "select",
            "start_date": dt.date(2019, 10, 1),
            "end_date": dt.date(2022, 9, 30),
            "coverage": {"servers": 150},
        } | changes
        with pytest.raises(AgreementInvalid) as refused:
            agreement_create(**fields, actor=factory.OPERATOR, today=TODAY, at=factory.at(TODAY))
        assert fragment in refused.value.message
        assert not LicensingAgreement.objects.exists()

    def test_refuses_a_partner_organisation_as_customer(self, partner_org):
        with pytest.raises(AgreementInvalid, match="must be a customer organisation"):
            factory.agreement(partner_org)

    def test_refuses_a_licensing_id_already_taken(self, customer_org):
        factory.agreement(customer_org, licensing_id="EA-DUP")
        with pytest.raises(LicensingIdTaken):
            factory.agreement(customer_org, licensing_id="ea-dup")

    def test_only_a_program_admin_creates_agreements(self, persona, customer_org):
        with pytest.raises(Forbidden):
            agreement_create(
                customer=customer_org,
                licensing_id="EA-2",
                agreement_type="select",
                start_date=dt.date(2019, 10, 1),
                end_date=dt.date(2022, 9, 30),
                coverage={"servers": 150},
                actor=actor_of(persona("support")),
                today=TODAY,
                at=factory.at(TODAY),
            )


class TestAgreementActivate:
    def test_a_benefits_admin_activates_once_and_it_is_audited_r_act_1(self, persona, customer_org):
        agreement = factory.agreement(customer_org)
        admin = persona("benefits_admin")
        activated = agreement_activate(
            agreement=agreement, actor=actor_of(admin), today=TODAY, at=factory.at(TODAY)
        )
        assert activated.is_activated and activated.activated_on == TODAY
        assert activated.activated_by_id == admin.user.pk
        event = AuditEvent.objects.get(action="customers.agreement.activated")
        assert event.actor_user_id == admin.user.pk
        assert event.before == {"activated_on": None}
        assert event.organisation_id == customer_org.pk
        assert not OutboxMessage.objects.exists()

    def test_a_second_activation_is_refused_and_changes_nothing_r_act_1(
        self, persona, customer_org
    ):
        agreement = factory.agreement(customer_org)
        admin = actor_of(persona("benefits_admin"))
        agreement_activate(agreement=agreement, actor=admin, today=TODAY, at=factory.at(TODAY))
        later = TODAY + dt.timedelta(days=3)
        with pytest.raises(AlreadyActivated) as refused:
            agreement_activate(agreement=agreement, actor=admin, today=later, at=factory.at(later))
        assert refused.value.http_status == 409
        assert "2 September 2019" in refused.value.message
        agreement.refresh_from_db()
        assert agreement.activated_on == TODAY
        assert AuditEvent.objects.filter(action="customers.agreement.activated").count() == 1

    def test_a_project_manager_may_not_activate_r_role_1(self, persona, customer_org):
        agreement = factory.agreement(customer_org)
        with pytest.raises(Forbidden):
            agreement_activate(
                agreement=agreement,
                actor=actor_of(persona("project_manager")),
                today=TODAY,
                at=factory.at(TODAY),
            )
        agreement.refresh_from_db()
        assert not agreement.is_activated

    def test_another_customers_agreement_is_not_found_r_role_1(self, persona):
        foreign = factory.agreement(account_factory.organisation("customer"))
        with pytest.raises(AgreementNotFound):
            agreement_activate(
                agreement=foreign,
                actor=actor_of(persona("benefits_admin")),
                today=TODAY,
                at=factory.at(TODAY),
            )
        foreign.refresh_from_db()
        assert not foreign.is_activated
