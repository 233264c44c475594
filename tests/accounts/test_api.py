"""The people API (api.md "Added after the first release"; R-PPL-1, R-ROLE-3): members,
invitations, role changes and removal, on the caller's organisation only."""

from __future__ import annotations

import pytest

from planserv.accounts.models import Invitation, Membership
from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from planserv.notifications.models import OutboxMessage
from tests.factories import accounts as account_factory


@pytest.mark.django_db
class TestMembersApi:
    def test_lists_members_with_roles_and_last_sign_in(self, api_as, persona):
        api = api_as("global_admin")
        colleague = persona("partner_admin").membership
        account_factory.membership_grant(
            user=colleague.user,
            organisation=colleague.organisation,
            role="profile_admin",
            actor=account_factory.SYSTEM,
            at=account_factory.AT,
            today=account_factory.TODAY,
        )
        response = api.get("/members")
        assert response.status_code == 200
        rows = {row["email"]: row for row in response.json()["items"]}
        assert rows[colleague.user.email]["roles"] == ["partner_admin", "profile_admin"]
        assert rows[colleague.user.email]["last_login"] is None
        assert len(rows) == 2

    def test_patch_sets_the_roles_and_audits(self, api_as, persona):
        api = api_as("global_admin")
        colleague = persona("member").membership
        response = api.send("PATCH", f"/members/{colleague.user_id}", {"roles": ["partner_admin"]})
        assert response.status_code == 200, response.content
        assert response.json()["roles"] == ["partner_admin"]
        assert AuditEvent.objects.filter(action=AuditEventType.MEMBER_ROLES_CHANGED).count() == 1

    def test_an_id_beyond_any_row_is_not_found_not_a_server_error(self, api_as):
        """Found by schemathesis: 2**64 overflowed SQLite's integer in the lock."""
        api = api_as("global_admin")
        huge = 31865960248442273792
        patched = api.send("PATCH", f"/members/{huge}", {"roles": ["partner_admin"]})
        assert patched.status_code == 404, patched.content
        assert api.send("DELETE", f"/members/{huge}").status_code == 404

    def test_patch_refuses_a_role_of_another_kind_with_400(self, api_as, persona):
        api = api_as("global_admin")
        colleague = persona("member").membership
        response = api.send("PATCH", f"/members/{colleague.user_id}", {"roles": ["benefits_admin"]})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_role_for_organisation"

    def test_the_last_managing_member_is_refused_with_409_r_ppl_1(self, api_as):
        api = api_as("global_admin")
        me = api.get("/members").json()["items"][0]
        response = api.send("DELETE", f"/members/{me['id']}")
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "last_managing_member"
        assert response.json()["error"]["rule"] == "R-PPL-1"
        response = api.send("PATCH", f"/members/{me['id']}", {"roles": ["member"]})
        assert response.status_code == 409

    def test_delete_removes_the_member(self, api_as, persona):
        api = api_as("benefits_admin")
        colleague = persona("project_manager").membership
        assert api.send("DELETE", f"/members/{colleague.user_id}").status_code == 204
        assert not Membership.objects.filter(pk=colleague.pk, is_active=True).exists()
        assert api.send("DELETE", f"/members/{colleague.user_id}").status_code == 404

    def test_a_non_managing_role_gets_403(self, api_as):
        assert api_as("partner_admin").get("/members").status_code == 403
        assert api_as("project_manager").get("/members").status_code == 403


@pytest.mark.django_db
class TestInvitationsApi:
    def test_invite_list_resend_revoke(self, api_as):
        api = api_as("program_admin")
        response = api.post(
            "/invitations", {"email": "Ops@Example.test", "roles": ["support"], "full_name": "O"}
        )
        assert response.status_code == 201, response.content
        invitation = response.json()
        assert invitation["email"] == "ops@example.test"
        assert [row["id"] for row in api.get("/invitations").json()["items"]] == [invitation["id"]]
        assert api.post(f"/invitations/{invitation['id']}/resend").status_code == 200
        assert OutboxMessage.objects.filter(template="invitation").count() == 2
        assert api.send("DELETE", f"/invitations/{invitation['id']}").status_code == 204
        assert api.get("/invitations").json()["items"] == []
        again = api.send("DELETE", f"/invitations/{invitation['id']}")
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "invitation_not_pending"
        assert Invitation.objects.get().revoked_at is not None

    def test_invite_refuses_no_roles_with_400(self, api_as):
        response = api_as("global_admin").post("/invitations", {"email": "a@b.test", "roles": []})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "roles_required"


@pytest.mark.django_db
class TestGlobalAdminDoesEveryStep:
    def test_global_admin_may_edit_the_profile_r_role_3(self, api_as):
        response = api_as("global_admin").send(
            "PUT", "/partner/profile", {"description": "We plan"}
        )
        assert response.status_code == 200, response.content


@pytest.mark.django_db
class TestEveryPeopleOperationIsAudited:
    def test_each_mutating_people_operation_writes_an_audit_event_r_ppl_5(self, pin_clock):
        """REL-12: the API's people operations, enumerated from the REL-7 registry."""
        import datetime as dt

        from tests.conftest import ApiClient
        from tests.security.operations import API_OPERATIONS
        from tests.security.world import build_world

        pin_clock(dt.date(2021, 6, 15))
        world = build_world()
        people_paths = ("/api/v1/members", "/api/v1/invitations")
        # The second factor's reset has its own tests (tests/accounts/test_second_factor.py).
        mutating = [
            op
            for op in API_OPERATIONS
            if op.path.startswith(people_paths)
            and op.method != "GET"
            and "second-factor" not in op.path
        ]
        assert len(mutating) == 5
        for operation in mutating:
            for role in ("global_admin", "benefits_admin", "program_admin"):
                call = operation.build(world, "own", role)
                before = AuditEvent.objects.count()
                response = ApiClient(world.member(role)).send(
                    operation.method, call.path.removeprefix("/api/v1"), call.body
                )
                label = f"{operation.method} {operation.path} as {role}"
                assert response.status_code in (200, 201, 204), (label, response.content)
                assert AuditEvent.objects.count() > before, label


@pytest.mark.django_db
class TestMembersQueryBudget:
    def test_the_member_list_makes_the_same_queries_for_1_and_20_members_perf_4(
        self, api_as, persona
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        api = api_as("global_admin")
        organisation = Membership.objects.get(role="global_admin").organisation

        def count() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert api.get("/members").status_code == 200
            return len(captured)

        api.get("/members")  # the token's first use writes last_used_at (once a minute)
        few = count()
        for _ in range(19):
            account_factory.member(organisation, "member")
        assert count() == few
