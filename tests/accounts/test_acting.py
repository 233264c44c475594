"""Support acting for an organisation with a recorded reason (domain.md section 1, R-ROLE-1):
the reason is required, every change made while acting is audited with the support user, the
organisation and the reason, foreign roles are refused, tenant isolation holds, and the session
ends on stop, logout or its time limit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planserv.accounts.acting import support_acting_start
from planserv.accounts.middleware import ACTING_KEY
from planserv.accounts.models import SupportActingSession
from planserv.accounts.services import membership_grant
from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError, Forbidden
from planserv.vouchers.lifecycle import VoucherStatus
from tests.factories import accounts as account_factory
from tests.factories import vouchers as factory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 6, 15)
REASON = "Customer called: their benefits admin is on leave and a voucher must be cancelled."


@pytest.fixture(autouse=True)
def _today(pin_clock):
    pin_clock(TODAY)


def login(persona) -> Client:
    client = Client()
    client.force_login(persona.user)
    return client


def start(client: Client, organisation, *, reason: str = REASON, role: str = ""):
    return client.post(
        "/operator/act-for/",
        {"organisation": organisation.public_id, "role": role, "reason": reason},
    )


class TestStartAndStop:
    def test_support_acts_for_a_partner_with_a_reason_and_sees_its_view_with_a_banner(
        self, persona, partner_org
    ):
        support = persona("support")
        client = login(support)
        response = start(client, partner_org)
        assert response.status_code == 302
        home = client.get("/")
        assert home.status_code == 200
        html = home.content.decode()
        assert 'data-testid="acting-banner"' in html
        assert "Acting for Contoso Consulting" in html and REASON[:60] in html
        assert "Stop acting" in html
        assert client.get("/partner/vouchers/").status_code == 200
        assert client.get("/operator/jobs/").status_code == 403  # the partner's view, now
        event = AuditEvent.objects.get(action="accounts.acting.started")
        assert (event.actor_user_id, event.actor_role) == (support.user.pk, "support")
        assert (event.organisation_id, event.organisation_label) == (
            partner_org.pk,
            "Contoso Consulting",
        )
        assert REASON in event.reason and "as partner_admin" in event.reason

    def test_stop_ends_it_audited_and_the_operator_view_is_back(self, persona, partner_org):
        client = login(persona("support"))
        start(client, partner_org)
        assert client.post("/acting/stop/").status_code == 302
        session = SupportActingSession.objects.get()
        assert session.ended_reason == "stopped" and session.ended_at is not None
        assert AuditEvent.objects.filter(action="accounts.acting.stopped").count() == 1
        html = client.get("/").content.decode()
        assert "acting-banner" not in html
        assert client.get("/operator/jobs/").status_code == 200

    def test_logout_ends_it(self, persona, partner_org):
        client = login(persona("support"))
        start(client, partner_org)
        client.post("/logout/")
        assert SupportActingSession.objects.get().ended_reason == "logout"

    def test_the_time_limit_ends_it_at_the_next_request(self, persona, partner_org):
        client = login(persona("support"))
        start(client, partner_org)
        session = SupportActingSession.objects.get()
        assert session.expires_at - session.started_at == dt.timedelta(hours=2)
        SupportActingSession.objects.update(
            started_at=session.started_at - dt.timedelta(hours=3),
            expires_at=session.expires_at - dt.timedelta(hours=3),
        )
        html = client.get("/").content.decode()
        assert "acting-banner" not in html
        assert SupportActingSession.objects.get().ended_reason == "expired"
        assert AuditEvent.objects.filter(action="accounts.acting.stopped").count() == 1


class TestReasonAndRoles:
    def test_a_reason_is_required(self, persona, partner_org):
        client = login(persona("support"))
        response = start(client, partner_org, reason="because")
        assert response.status_code == 200
        assert "Ensure this value has at least 10 characters" in response.content.decode()
        assert not SupportActingSession.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="accounts.acting").exists()

    def test_the_service_refuses_a_short_reason_too(self, persona, partner_org):
        actor = factory.actor(persona("support").membership)
        with pytest.raises(DomainError) as raised:
            support_acting_start(
                actor=actor,
                organisation=partner_org,
                reason=" x ",
                at=factory.at(TODAY),
                today=TODAY,
            )
        assert raised.value.code == "acting_reason_required"

    @pytest.mark.parametrize(
        "role", ["program_admin", "auditor", "payment_reviewer", "partner_admin", "benefits_admin"]
    )
    def test_foreign_roles_may_not_act_r_role_1(self, persona, customer_org, role):
        client = login(persona(role))
        assert start(client, customer_org).status_code == 403
        assert not SupportActingSession.objects.exists()
        with pytest.raises(Forbidden):
            support_acting_start(
                actor=factory.actor(persona(role).membership),
                organisation=customer_org,
                reason=REASON,
                at=factory.at(TODAY),
                today=TODAY,
            )

    def test_a_session_key_in_a_non_support_session_is_ignored(self, persona, customer_org):
        support = persona("support")
        session = support_acting_start(
            actor=factory.actor(support.membership),
            organisation=customer_org,
            reason=REASON,
            at=factory.at(TODAY),
            today=TODAY,
        )
        client = login(persona("program_admin"))
        store = client.session
        store[ACTING_KEY] = session.pk
        store.save()
        html = client.get("/").content.decode()
        assert "acting-banner" not in html
        assert client.get("/operator/jobs/").status_code == 200

    def test_support_may_not_act_for_the_operator_or_in_a_role_of_another_side(
        self, persona, operator_org, partner_org
    ):
        actor = factory.actor(persona("support").membership)
        for organisation, role in ((operator_org, ""), (partner_org, "benefits_admin")):
            with pytest.raises(DomainError) as raised:
                support_acting_start(
                    actor=actor,
                    organisation=organisation,
                    role=role,
                    reason=REASON,
                    at=factory.at(TODAY),
                    today=TODAY,
                )
            assert raised.value.code == "acting_not_allowed"


class TestWhileActing:
    def test_every_change_is_audited_with_the_support_user_organisation_and_reason(
        self, persona, customer_org
    ):
        pool = factory.customer_pool(customer=customer_org)
        voucher = factory.assigned(pool, today=TODAY)
        support = persona("support")
        client = login(support)
        start(client, customer_org)  # benefits_admin by default
        first = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        response = client.post(f"/customer/vouchers/{voucher.voucher_id}/cancel/")
        assert response.status_code == 302
        assert factory.fresh(voucher).status == VoucherStatus.CANCELLED
        events = list(AuditEvent.objects.filter(pk__gt=first))
        assert events  # the cancellation (and its ledger movement, if audited)
        for event in events:
            assert event.actor_user_id == support.user.pk
            assert event.actor_label == support.email
            assert event.actor_role == "support"
            assert event.organisation_id == customer_org.pk
            assert REASON in event.reason and "Support acting for Woodgrove Bank" in event.reason

    def test_tenant_isolation_holds_r_role_1(self, persona, customer_org):
        own = factory.assigned(factory.customer_pool(customer=customer_org), today=TODAY)
        foreign = factory.assigned(factory.customer_pool(), today=TODAY)
        client = login(persona("support"))
        start(client, customer_org)
        home = client.get("/")
        assert home.status_code == 200 and "Acting for Woodgrove Bank" in home.content.decode()
        assert client.get(f"/customer/vouchers/{own.voucher_id}/").status_code == 200
        assert client.get(f"/customer/vouchers/{foreign.voucher_id}/").status_code == 404
        response = client.post(f"/customer/vouchers/{foreign.voucher_id}/cancel/")
        assert response.status_code == 404
        assert factory.fresh(foreign).status == VoucherStatus.ASSIGNED


def test_switching_to_another_membership_stops_acting(persona, partner_org, operator_org):
    support = persona("support")
    second = membership_grant(
        user=support.user,
        organisation=operator_org,
        role="auditor",
        actor=account_factory.SYSTEM,
        at=account_factory.AT,
        today=account_factory.TODAY,
    )
    client = login(support)
    store = client.session
    store["active_membership_id"] = support.membership.pk
    store.save()
    start(client, partner_org)
    assert "acting-banner" in client.get("/").content.decode()
    client.post("/switch/", {"membership": second.pk})
    assert "acting-banner" not in client.get("/").content.decode()
    assert SupportActingSession.objects.get().ended_reason == "stopped"
    assert AuditEvent.objects.filter(action="accounts.acting.stopped").count() == 1
