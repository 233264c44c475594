"""`planserv user invite | list` (docs/operations.md): bootstrap the first operator admin."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from planserv.accounts.models import Membership
from planserv.audit.events import AuditEventType
from planserv.audit.models import AuditEvent
from tests.factories import accounts as account_factory


@pytest.mark.django_db
class TestUserCommand:
    def test_invite_prints_a_link_that_makes_the_first_program_admin(self):
        operator = account_factory.organisation("operator", name="Program Office")
        out = io.StringIO()
        call_command(
            "user",
            "invite",
            "--email",
            "Admin@Example.test",
            "--organisation",
            operator.public_id,
            "--role",
            "program_admin",
            stdout=out,
        )
        event = AuditEvent.objects.get(action=AuditEventType.INVITATION_CREATED)
        assert event.actor_label == "cli"
        path = re.search(r"https?://[^/\s]+(/invitations/\S+/)", out.getvalue()).group(1)
        password = "plum-tree-harbour-42"
        response = Client().post(
            path, {"full_name": "Ada Admin", "password": password, "password_again": password}
        )
        assert response.status_code == 302
        assert Membership.objects.get(user__email="admin@example.test").role == "program_admin"
        listing = io.StringIO()
        call_command("user", "list", "--organisation", "Program Office", stdout=listing)
        assert "admin@example.test  Ada Admin  program_admin  last sign-in" in listing.getvalue()

    def test_a_role_of_another_kind_is_refused(self):
        operator = account_factory.organisation("operator")
        with pytest.raises(CommandError, match="does not exist for a program operator"):
            call_command(
                "user",
                "invite",
                "--email",
                "a@example.test",
                "--organisation",
                operator.public_id,
                "--role",
                "global_admin",
                stdout=io.StringIO(),
            )
