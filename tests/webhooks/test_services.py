"""Who may manage webhooks, which addresses and events are accepted, and that every change is
audited while every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from planserv.core.errors import DomainError
from planserv.webhooks.errors import WebhookEventsInvalid, WebhookManagerOnly, WebhookUrlRefused
from planserv.webhooks.models import SubscriptionStatus, WebhookSubscription
from planserv.webhooks.services import webhook_change, webhook_subscribe
from planserv.webhooks.urls import check_resolved, check_url
from tests.factories import accounts as account_factory
from tests.factories import vouchers as voucher_factory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 3, 1)


def _subscribe(actor, url="https://erp.example.com/hook", events=("voucher.reserved",)):  # type: ignore[no-untyped-def]
    return webhook_subscribe(
        actor=actor, url=url, events=list(events), at=voucher_factory.at(TODAY), today=TODAY
    )


def test_a_benefits_admin_subscribes_and_the_subscription_is_audited(world):
    pool, _firm = world
    subscription = _subscribe(pool.admin_actor)
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.secret.startswith("whsec_")
    event = AuditEvent.objects.get(action=AuditEventType.WEBHOOK_SUBSCRIBED)
    assert event.organisation_id == pool.customer.pk
    assert event.after["url"] == "https://erp.example.com/hook"
    assert "secret" not in event.after  # the secret never reaches the audit trail


@pytest.mark.parametrize("role", ["partner_admin", "profile_admin", "member"])
def test_other_partner_roles_may_not_manage_webhooks(world, role):
    _pool, firm = world
    actor = voucher_factory.actor(account_factory.member(firm.organisation, role))
    with nothing_changes(), pytest.raises(WebhookManagerOnly):
        _subscribe(actor)


def test_operators_have_no_webhooks(world):
    operator = account_factory.organisation("operator", name="Program Office")
    actor = voucher_factory.actor(account_factory.member(operator, "program_admin"))
    with nothing_changes(), pytest.raises(WebhookManagerOnly):
        _subscribe(actor)


def test_support_acting_for_a_firm_may_not_change_its_webhooks_r_ppl_4(world):
    _pool, firm = world
    admin = voucher_factory.actor(account_factory.member(firm.organisation, "global_admin"))
    from dataclasses import replace

    acting = replace(admin, acting_session_id=1, support_role="support")
    with nothing_changes(), pytest.raises(WebhookManagerOnly, match="R-PPL-4"):
        _subscribe(acting)


def test_customers_cannot_ask_for_payment_request_events(world):
    pool, _firm = world
    with nothing_changes(), pytest.raises(WebhookEventsInvalid):
        _subscribe(pool.admin_actor, events=["payment_request.status_changed"])
    with nothing_changes(), pytest.raises(WebhookEventsInvalid):
        _subscribe(pool.admin_actor, events=[])


@pytest.mark.parametrize(
    "url",
    [
        "http://erp.example.com/hook",  # not HTTPS
        "https://user:pw@erp.example.com/hook",  # credentials
        "https://127.0.0.1/hook",  # loopback
        "https://10.1.2.3/hook",  # private
        "https://169.254.169.254/latest/meta-data",  # link-local (cloud metadata)
        "https://localhost:8443/hook",
        "ftp://erp.example.com/hook",
        "https:///nohost",
        "https://erp.example.com:99999/",
        "https://" + "a" * 500 + ".com/",
    ],
)
def test_addresses_outside_the_public_https_internet_are_refused_in_production(url):
    with override_settings(PLANSERV_WEBHOOKS_ALLOW_LOCAL=False), pytest.raises(WebhookUrlRefused):
        check_url(url)


def test_a_refused_address_changes_nothing(world):
    pool, _firm = world
    with (
        override_settings(PLANSERV_WEBHOOKS_ALLOW_LOCAL=False),
        nothing_changes(),
        pytest.raises(WebhookUrlRefused, match="HTTPS"),
    ):
        _subscribe(pool.admin_actor, url="http://erp.example.com/hook")


def test_a_name_that_resolves_inside_the_network_is_refused_at_delivery():
    with override_settings(PLANSERV_WEBHOOKS_ALLOW_LOCAL=False):
        assert check_resolved("https://localhost/hook") is not None


def test_changes_are_audited_with_before_and_after_and_a_no_op_writes_nothing(world):
    pool, _firm = world
    subscription = _subscribe(pool.admin_actor)
    changed = webhook_change(
        actor=pool.admin_actor,
        subscription_id=subscription.pk,
        active=False,
        at=voucher_factory.at(TODAY),
        today=TODAY,
    )
    assert changed.status == SubscriptionStatus.PAUSED
    event = AuditEvent.objects.get(action=AuditEventType.WEBHOOK_CHANGED)
    assert event.before["status"] == "active" and event.after["status"] == "paused"
    webhook_change(
        actor=pool.admin_actor,
        subscription_id=subscription.pk,
        active=False,
        at=voucher_factory.at(TODAY),
        today=TODAY,
    )
    assert AuditEvent.objects.filter(action=AuditEventType.WEBHOOK_CHANGED).count() == 1


def test_another_organisations_subscription_is_not_found(world):
    pool, _firm = world
    subscription = _subscribe(pool.admin_actor)
    other = voucher_factory.customer_pool()
    with nothing_changes(), pytest.raises(DomainError) as refused:
        webhook_change(
            actor=other.admin_actor,
            subscription_id=subscription.pk,
            active=False,
            at=voucher_factory.at(TODAY),
            today=TODAY,
        )
    assert refused.value.http_status == 404
    assert WebhookSubscription.objects.get().status == SubscriptionStatus.ACTIVE
