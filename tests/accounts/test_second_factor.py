"""R-PPL-3: the second factor's services (accounts/second_factor.py): setting up an app, codes and
one-time recovery codes, turning it off, the managing member's reset, and the rules it guards
(API tokens, bank details)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from planserv.accounts.errors import (
    SecondFactorCodeWrong,
    SecondFactorRequired,
    SecondFactorResetNotAllowed,
    SecondFactorStillRequired,
)
from planserv.accounts.second_factor import (
    has_second_factor,
    pending_app_device,
    second_factor_disable,
    second_factor_enroll,
    second_factor_reset,
    second_factor_verify,
)
from planserv.accounts.selectors import actor_for_membership
from planserv.accounts.services import token_create
from planserv.audit.models import AuditEvent
from planserv.notifications.models import OutboxMessage
from tests.factories import accounts as account_factory
from tests.factories import second_factor as factory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
AT, TODAY = account_factory.AT, account_factory.TODAY


def _enroll(membership):  # type: ignore[no-untyped-def]
    user = membership.user
    device = pending_app_device(user)
    return second_factor_enroll(
        user=user,
        device_id=device.pk,
        code=factory.code_for(device),
        actor=actor_for_membership(membership),
        at=AT,
        today=TODAY,
    )


def test_a_code_from_the_app_turns_it_on_with_ten_recovery_codes_audited(persona):
    member = persona("member")
    enrolled = _enroll(member.membership)
    assert has_second_factor(member.user)
    assert len(set(enrolled.recovery_codes)) == 10
    event = AuditEvent.objects.get(action="accounts.second_factor.enrolled")
    assert event.after == {"second_factor": True, "recovery_codes": 10}
    assert event.subject_id == str(member.user.pk)


def test_a_wrong_code_turns_nothing_on(persona):
    member = persona("member")
    device = pending_app_device(member.user)
    with pytest.raises(SecondFactorCodeWrong):
        second_factor_enroll(
            user=member.user,
            device_id=device.pk,
            code="000000" if factory.code_for(device) != "000000" else "111111",
            actor=actor_for_membership(member.membership),
            at=AT,
            today=TODAY,
        )
    assert not has_second_factor(member.user)
    assert not AuditEvent.objects.filter(action__startswith="accounts.second_factor").exists()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the failed try is kept: django-otp throttles


def test_a_recovery_code_works_once_and_its_use_is_audited(persona):
    member = persona("member")
    codes = _enroll(member.membership).recovery_codes
    actor = actor_for_membership(member.membership)
    verified = second_factor_verify(
        user=member.user, code=codes[0], actor=actor, at=AT, today=TODAY
    )
    assert verified.used_recovery_code and verified.recovery_codes_left == 9
    event = AuditEvent.objects.get(action="accounts.second_factor.recovery_code_used")
    assert event.after == {"recovery_codes": 9}
    with pytest.raises(SecondFactorCodeWrong):
        # django-otp's throttle allows the next try only after a second; the code is gone anyway
        second_factor_verify(user=member.user, code=codes[0], actor=actor, at=AT, today=TODAY)
    assert StaticToken.objects.filter(device__user=member.user).count() == 9


def test_an_app_code_signs_in_and_is_not_accepted_twice(persona):
    member = persona("member")
    _enroll(member.membership)
    actor = actor_for_membership(member.membership)
    device = TOTPDevice.objects.get(user=member.user, confirmed=True)
    code = factory.code_for(device)
    verified = second_factor_verify(user=member.user, code=code, actor=actor, at=AT, today=TODAY)
    assert not verified.used_recovery_code
    with pytest.raises(SecondFactorCodeWrong):
        second_factor_verify(user=member.user, code=code, actor=actor, at=AT, today=TODAY)


def test_anyone_but_program_staff_may_turn_it_off_audited(persona):
    member = persona("member")
    _enroll(member.membership)
    second_factor_disable(
        user=member.user, actor=actor_for_membership(member.membership), at=AT, today=TODAY
    )
    assert not has_second_factor(member.user)
    assert AuditEvent.objects.filter(action="accounts.second_factor.disabled").count() == 1
    staff = persona("auditor")
    _enroll(staff.membership)
    with nothing_changes(), pytest.raises(SecondFactorStillRequired):
        second_factor_disable(
            user=staff.user, actor=actor_for_membership(staff.membership), at=AT, today=TODAY
        )


@pytest.mark.parametrize(
    ("resetter", "target", "allowed"),
    [
        ("global_admin", "member", True),
        ("benefits_admin", "project_manager", True),
        ("program_admin", "auditor", True),
        ("program_admin", "member", True),  # a program admin resets anyone's
        ("partner_admin", "member", False),
        ("support", "auditor", False),
        ("global_admin", "benefits_admin", False),  # another organisation
    ],
)
def test_the_managing_member_or_a_program_admin_resets_a_lost_factor(
    persona, resetter, target, allowed
):
    by = persona(resetter)
    person = persona(target)
    _enroll(person.membership)
    reset = lambda: second_factor_reset(  # noqa: E731
        membership=person.membership, actor=actor_for_membership(by.membership), at=AT, today=TODAY
    )
    if not allowed:
        with nothing_changes(), pytest.raises(SecondFactorResetNotAllowed):
            reset()
        return
    reset()
    assert not has_second_factor(person.user)
    event = AuditEvent.objects.get(action="accounts.second_factor.reset")
    assert event.actor_label == by.email and event.subject_id == str(person.user.pk)
    (mail,) = OutboxMessage.objects.filter(template="second_factor_reset")
    assert mail.to_email == person.email and by.email in mail.body_text


def test_acting_for_an_organisation_never_resets_a_factor_r_ppl_4(persona):
    support, person = persona("support"), persona("member")
    _enroll(person.membership)
    acting = replace(
        actor_for_membership(support.membership),
        organisation_id=person.organisation.pk,
        organisation_kind="partner",
        role="global_admin",
        acting_session_id=1,
    )
    with nothing_changes(), pytest.raises(SecondFactorResetNotAllowed):
        second_factor_reset(membership=person.membership, actor=acting, at=AT, today=TODAY)


def test_tokens_of_people_with_a_factor_and_of_staff_need_a_verified_session(persona):
    member, staff = persona("member"), persona("auditor")
    _enroll(member.membership)
    for who in (member, staff):
        with nothing_changes(), pytest.raises(SecondFactorRequired):
            token_create(
                membership=who.membership,
                name="ERP",
                actor=actor_for_membership(who.membership),
                at=AT,
                today=TODAY,
            )
        issued = token_create(
            membership=who.membership,
            name="ERP",
            actor=actor_for_membership(who.membership),
            at=AT,
            today=TODAY,
            second_factor=True,
        )
        assert issued.token.second_factor
    plain = persona("partner_admin")  # no factor: tokens as before
    issued = token_create(
        membership=plain.membership,
        name="ERP",
        actor=actor_for_membership(plain.membership),
        at=AT,
        today=TODAY,
    )
    assert not issued.token.second_factor
