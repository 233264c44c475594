"""People services (R-PPL-1, R-PPL-2, R-PPL-4, R-ROLE-3): invitations, roles, removal, passwords,
their audit events and emails, and the retention of expired links."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection

from planserv.accounts.acting import actor_acting_for, support_acting_start
from planserv.accounts.errors import (
    AlreadyMember,
    InvitationAlreadyPending,
    InvitationNotPending,
    LastManagingMember,
    MemberNotFound,
    PasswordRejected,
    ResetLinkInvalid,
    RolesRequired,
)
from planserv.accounts.invitations import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from planserv.accounts.models import Invitation, Membership, PasswordResetLink, User
from planserv.accounts.passwords import (
    RESET_LINKS_PER_HOUR,
    password_change,
    password_reset_complete,
    password_reset_request,
)
from planserv.accounts.people import member_remove, member_roles_set, members_list
from planserv.accounts.selectors import actor_for_membership
from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from planserv.core.actor import Actor
from planserv.core.errors import Forbidden, NotFound
from planserv.core.types import Role, role_holds
from planserv.jobs import retention
from planserv.notifications.models import OutboxMessage
from tests.factories import accounts as account_factory
from tests.races import race
from tests.unchanged import nothing_changes

AT = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2021, 6, 15)
NEW_PASSWORD = "plum-tree-harbour-42"


def _actor(membership: Membership) -> Actor:
    return actor_for_membership(membership)


def _invite(manager: Membership, email: str = "dana@example.test", roles=("partner_admin",), at=AT):
    return invitation_create(
        actor=_actor(manager),
        organisation=manager.organisation,
        email=email,
        roles=roles,
        at=at,
        today=TODAY,
    )


def _secret(link: str) -> str:
    found = re.search(r"/invitations/([^/]+)/$", link) or re.search(r"/reset/([^/]+)/$", link)
    assert found is not None, link
    return found.group(1)


def _mail(template: str, to: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(template=template, to_email=to).order_by("pk"))


class TestRoleThree:
    def test_global_admin_holds_every_partner_role_r_role_3(self):
        for role in (Role.PARTNER_ADMIN, Role.PROFILE_ADMIN, Role.MEMBER):
            assert role_holds(Role.GLOBAL_ADMIN, role)
        assert not role_holds(Role.GLOBAL_ADMIN, Role.BENEFITS_ADMIN)
        assert not role_holds(Role.PARTNER_ADMIN, Role.GLOBAL_ADMIN)

    def test_partner_admin_does_not_hold_the_managing_role_r_role_3(self, persona):
        actor = _actor(persona("partner_admin").membership)
        with pytest.raises(Forbidden):
            actor.require_role(Role.GLOBAL_ADMIN, action="manage people")


@pytest.mark.django_db
class TestInvitation:
    def test_invites_audits_and_emails_a_single_use_link_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        issued = _invite(manager)
        invitation = issued.invitation
        assert invitation.expires_at == AT + dt.timedelta(days=7)
        assert invitation.token_hash not in issued.link  # only the hash is stored
        event = AuditEvent.objects.get(action=AuditEventType.INVITATION_CREATED)
        assert event.after["email"] == "dana@example.test"
        assert event.after["roles"] == ["partner_admin"]
        [mail] = _mail("invitation", "dana@example.test")
        assert issued.link in mail.body_text

    def test_accepting_creates_the_account_once_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        secret = _secret(_invite(manager).link)
        user = invitation_accept(
            secret=secret, full_name="Dana Park", password=NEW_PASSWORD, at=AT, today=TODAY
        )
        assert user.check_password(NEW_PASSWORD)
        roles = set(user.memberships.filter(is_active=True).values_list("role", flat=True))
        assert roles == {"partner_admin"}
        assert AuditEvent.objects.filter(action=AuditEventType.INVITATION_ACCEPTED).count() == 1
        with nothing_changes(), pytest.raises(InvitationNotPending):
            invitation_accept(
                secret=secret, full_name="Dana", password=NEW_PASSWORD, at=AT, today=TODAY
            )

    def test_accepting_links_the_existing_account_with_that_email_r_ppl_1(self, persona):
        other = account_factory.member(account_factory.organisation("partner"), "member")
        manager = persona("global_admin").membership
        secret = _secret(_invite(manager, email=other.user.email.upper()).link)
        user = invitation_accept(secret=secret, at=AT, today=TODAY)
        assert user.pk == other.user_id
        assert user.check_password(account_factory.PASSWORD)  # unchanged
        assert Membership.objects.filter(
            user=user, organisation=manager.organisation, role="partner_admin", is_active=True
        ).exists()

    def test_a_link_expires_after_seven_days_r_ppl_1(self, persona):
        secret = _secret(_invite(persona("global_admin").membership).link)
        later = AT + dt.timedelta(days=7)
        with nothing_changes(), pytest.raises(InvitationNotPending):
            invitation_accept(
                secret=secret, full_name="Dana", password=NEW_PASSWORD, at=later, today=TODAY
            )

    def test_resend_replaces_the_link_and_revoke_ends_it_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        first = _invite(manager)
        later = AT + dt.timedelta(days=8)
        again = invitation_resend(
            actor=_actor(manager),
            organisation=manager.organisation,
            invitation_id=first.invitation.pk,
            at=later,
            today=TODAY,
        )
        assert again.invitation.expires_at == later + dt.timedelta(days=7)
        assert len(_mail("invitation", "dana@example.test")) == 2
        with pytest.raises(InvitationNotPending):
            invitation_accept(
                secret=_secret(first.link),
                full_name="D",
                password=NEW_PASSWORD,
                at=later,
                today=TODAY,
            )
        invitation_revoke(
            actor=_actor(manager),
            organisation=manager.organisation,
            invitation_id=first.invitation.pk,
            at=later,
            today=TODAY,
        )
        with pytest.raises(InvitationNotPending):
            invitation_accept(
                secret=_secret(again.link),
                full_name="D",
                password=NEW_PASSWORD,
                at=later,
                today=TODAY,
            )
        assert AuditEvent.objects.filter(action=AuditEventType.INVITATION_REVOKED).count() == 1

    def test_refuses_members_and_a_second_pending_invitation_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        colleague = persona("member").membership
        with nothing_changes(), pytest.raises(AlreadyMember):
            _invite(manager, email=colleague.user.email)
        _invite(manager)
        with nothing_changes(), pytest.raises(InvitationAlreadyPending):
            _invite(manager)

    def test_refuses_a_new_password_the_validators_reject(self, persona):
        secret = _secret(_invite(persona("global_admin").membership).link)
        with nothing_changes(), pytest.raises(PasswordRejected):
            invitation_accept(secret=secret, full_name="Dana", password="1234", at=AT, today=TODAY)

    def test_only_the_managing_role_invites_r_ppl_1(self, persona):
        partner_admin = persona("partner_admin").membership
        with nothing_changes(), pytest.raises(Forbidden):
            _invite(partner_admin)

    def test_another_organisations_invitation_is_not_found_r_role_1(self, persona):
        manager = persona("global_admin").membership
        other = account_factory.member(account_factory.organisation("partner"), "global_admin")
        issued = _invite(other)
        with nothing_changes(), pytest.raises(NotFound):
            invitation_revoke(
                actor=_actor(manager),
                organisation=manager.organisation,
                invitation_id=issued.invitation.pk,
                at=AT,
                today=TODAY,
            )


@pytest.mark.django_db
class TestRolesAndRemoval:
    def test_changes_roles_audits_and_tells_the_person_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        colleague = persona("member").membership
        member = member_roles_set(
            actor=_actor(manager),
            organisation=manager.organisation,
            user_id=colleague.user_id,
            roles=["partner_admin", "profile_admin"],
            at=AT,
            today=TODAY,
        )
        assert member.roles == ("partner_admin", "profile_admin")
        event = AuditEvent.objects.get(action=AuditEventType.MEMBER_ROLES_CHANGED)
        assert event.before == {"roles": ["member"]}
        assert event.after == {"roles": ["partner_admin", "profile_admin"]}
        assert len(_mail("member_roles_changed", colleague.user.email)) == 1

    def test_the_last_managing_member_cannot_be_demoted_or_removed_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        with nothing_changes(), pytest.raises(LastManagingMember) as refused:
            member_roles_set(
                actor=_actor(manager),
                organisation=manager.organisation,
                user_id=manager.user_id,
                roles=["partner_admin"],
                at=AT,
                today=TODAY,
            )
        assert "last global admin" in refused.value.message
        with nothing_changes(), pytest.raises(LastManagingMember):
            member_remove(
                actor=_actor(manager),
                organisation=manager.organisation,
                user_id=manager.user_id,
                at=AT,
                today=TODAY,
            )

    def test_removal_keeps_the_account_and_stops_its_access_r_ppl_1(self, persona):
        manager = persona("global_admin").membership
        colleague = persona("partner_admin").membership
        member_remove(
            actor=_actor(manager),
            organisation=manager.organisation,
            user_id=colleague.user_id,
            at=AT,
            today=TODAY,
        )
        assert User.objects.filter(pk=colleague.user_id, is_active=True).exists()
        assert [m.email for m in members_list(organisation=manager.organisation)] == [
            manager.user.email
        ]
        assert len(_mail("member_removed", colleague.user.email)) == 1
        with pytest.raises(MemberNotFound):
            member_remove(
                actor=_actor(manager),
                organisation=manager.organisation,
                user_id=colleague.user_id,
                at=AT,
                today=TODAY,
            )

    def test_no_roles_is_refused_remove_instead(self, persona):
        manager = persona("global_admin").membership
        colleague = persona("member").membership
        with nothing_changes(), pytest.raises(RolesRequired):
            member_roles_set(
                actor=_actor(manager),
                organisation=manager.organisation,
                user_id=colleague.user_id,
                roles=[],
                at=AT,
                today=TODAY,
            )

    def test_operator_staff_are_managed_by_a_program_admin_r_ppl_1(self, persona):
        admin = persona("program_admin").membership
        support = persona("support").membership
        member_roles_set(
            actor=_actor(admin),
            organisation=admin.organisation,
            user_id=support.user_id,
            roles=["support", "auditor"],
            at=AT,
            today=TODAY,
        )
        with pytest.raises(Forbidden):
            member_remove(
                actor=_actor(support),
                organisation=admin.organisation,
                user_id=admin.user_id,
                at=AT,
                today=TODAY,
            )


@pytest.mark.django_db
class TestActingFor:
    def test_support_acting_as_global_admin_never_manages_people_r_ppl_4(self, persona):
        support = persona("support").membership
        firm = persona("global_admin").organisation
        session = support_acting_start(
            actor=_actor(support),
            organisation=firm,
            role="global_admin",
            reason="the customer asked us to help",
            at=AT,
            today=TODAY,
        )
        acting = actor_acting_for(_actor(support), session)
        with nothing_changes(), pytest.raises(Forbidden) as refused:
            invitation_create(
                actor=acting,
                organisation=firm,
                email="x@example.test",
                roles=["member"],
                at=AT,
                today=TODAY,
            )
        assert refused.value.message.endswith("(R-PPL-4).")


@pytest.mark.django_db
class TestPasswords:
    def test_reset_link_works_once_and_tells_the_person_r_ppl_2(self, persona):
        user = persona("member").user
        assert password_reset_request(email=user.email.upper(), at=AT, today=TODAY)
        [mail] = _mail("password_reset", user.email)
        secret = _secret(re.search(r"https?://\S+", mail.body_text).group(0))
        password_reset_complete(secret=secret, password=NEW_PASSWORD, at=AT, today=TODAY)
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert AuditEvent.objects.filter(action=AuditEventType.PASSWORD_RESET).count() == 1
        assert len(_mail("password_changed", user.email)) == 1
        with nothing_changes(), pytest.raises(ResetLinkInvalid):
            password_reset_complete(secret=secret, password="another-pass-99", at=AT, today=TODAY)

    def test_unknown_address_sends_nothing_and_changes_nothing_r_ppl_2(self, db):
        with nothing_changes():
            assert password_reset_request(email="nobody@example.test", at=AT, today=TODAY) is False

    def test_reset_links_are_throttled_per_address_r_ppl_2(self, persona):
        user = persona("member").user
        sent = [
            password_reset_request(email=user.email, at=AT + dt.timedelta(minutes=n), today=TODAY)
            for n in range(RESET_LINKS_PER_HOUR + 2)
        ]
        assert sent == [True] * RESET_LINKS_PER_HOUR + [False, False]
        assert len(_mail("password_reset", user.email)) == RESET_LINKS_PER_HOUR
        assert password_reset_request(email=user.email, at=AT + dt.timedelta(hours=2), today=TODAY)

    def test_reset_link_expires_after_an_hour_r_ppl_2(self, persona):
        user = persona("member").user
        password_reset_request(email=user.email, at=AT, today=TODAY)
        mail = _mail("password_reset", user.email)[0]
        secret = _secret(re.search(r"https?://\S+", mail.body_text).group(0))
        with pytest.raises(ResetLinkInvalid):
            password_reset_complete(
                secret=secret, password=NEW_PASSWORD, at=AT + dt.timedelta(hours=1), today=TODAY
            )

    def test_change_needs_the_current_password_and_passes_validators_r_ppl_2(self, persona):
        membership = persona("member").membership
        user = membership.user
        with nothing_changes(), pytest.raises(PasswordRejected):
            password_change(
                user=user,
                current="wrong",
                password=NEW_PASSWORD,
                actor=_actor(membership),
                at=AT,
                today=TODAY,
            )
        with nothing_changes(), pytest.raises(PasswordRejected):
            password_change(
                user=user,
                current=account_factory.PASSWORD,
                password="password",
                actor=_actor(membership),
                at=AT,
                today=TODAY,
            )
        password_change(
            user=user,
            current=account_factory.PASSWORD,
            password=NEW_PASSWORD,
            actor=_actor(membership),
            at=AT,
            today=TODAY,
        )
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        assert AuditEvent.objects.filter(action=AuditEventType.PASSWORD_CHANGED).count() == 1


@pytest.mark.django_db
class TestRetention:
    def test_expired_invitations_and_used_reset_links_are_deleted(self, persona, monkeypatch):
        manager = persona("global_admin").membership
        old = _invite(manager, email="old@example.test", at=AT - dt.timedelta(days=60))
        fresh = _invite(manager, email="fresh@example.test", at=AT)
        user = persona("member").user
        password_reset_request(email=user.email, at=AT - dt.timedelta(days=2), today=TODAY)
        monkeypatch.setattr(retention.clock, "real_now", lambda: AT)
        assert retention.invitations_purge(TODAY, account_factory.SYSTEM) == {"deleted": 1}
        assert retention.reset_links_purge(TODAY, account_factory.SYSTEM) == {"deleted": 1}
        assert list(Invitation.objects.values_list("pk", flat=True)) == [fresh.invitation.pk]
        assert not Invitation.objects.filter(pk=old.invitation.pk).exists()
        assert not PasswordResetLink.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestRaces:
    def test_two_managers_demoting_each_other_leave_one_r_ppl_1(self, persona):
        first = persona("global_admin").membership
        second = persona("global_admin").membership
        organisation = first.organisation

        def demote(by: Membership, whom: Membership):
            return lambda: member_roles_set(
                actor=_actor(by),
                organisation=organisation,
                user_id=whom.user_id,
                roles=["member"],
                at=AT,
                today=TODAY,
            )

        outcomes = race([demote(first, second), demote(second, first)])
        assert outcomes == {"ok": 1, "last_managing_member": 1}, outcomes
        assert connection.vendor == "postgresql"
        assert (
            Membership.objects.filter(
                organisation=organisation, role="global_admin", is_active=True
            ).count()
            == 1
        )
