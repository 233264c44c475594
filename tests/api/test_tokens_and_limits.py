"""Issue 20, item 2: tokens expire (default 90 days, at most a year, shown on the profile page);
a per-token rate limit and a per-voucher / per-token limit on validate answer 429 with
Retry-After, counted in the database so every process shares them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from planserv.accounts.models import ApiToken
from planserv.accounts.services import token_create
from planserv.api.models import RateCounter
from planserv.api.ratelimit import rate_counters_purge
from planserv.core.errors import InvalidInput
from tests.conftest import ApiClient
from tests.factories import accounts as account_factory
from tests.factories import vouchers as factory
from tests.races import run_threads

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def _issue(membership, **kwargs):
    return token_create(
        membership=membership,
        name="t",
        actor=account_factory.SYSTEM,
        at=account_factory.AT,
        today=account_factory.TODAY,
        **kwargs,
    )


def _me(secret: str):
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})


class TestExpiry:
    def test_a_token_lives_90_days_by_default_and_then_is_refused(self, persona):
        member = persona("partner_admin").membership
        with time_machine.travel(NOW, tick=False):
            issued = _issue(member)
        assert issued.token.expires_at == NOW + dt.timedelta(days=90)
        with time_machine.travel(NOW + dt.timedelta(days=89, hours=23), tick=False):
            assert _me(issued.secret).status_code == 200
        with time_machine.travel(NOW + dt.timedelta(days=90), tick=False):
            response = _me(issued.secret)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    @pytest.mark.parametrize("days", [0, 366, -1])
    def test_more_than_a_year_or_less_than_a_day_is_refused(self, persona, days):
        member = persona("member").membership
        with pytest.raises(InvalidInput, match="1 to 365"):
            _issue(member, expires_in_days=days)
        assert not ApiToken.objects.exists()

    def test_a_year_is_allowed(self, persona):
        with time_machine.travel(NOW, tick=False):
            issued = _issue(persona("member").membership, expires_in_days=365)
        assert issued.token.expires_at == NOW + dt.timedelta(days=365)

    def test_the_profile_page_creates_with_a_chosen_expiry_and_shows_it(self, persona):
        member = persona("benefits_admin")
        client = Client()
        client.force_login(member.user)
        with time_machine.travel(NOW, tick=False):
            page = client.post(
                "/profile/tokens/",
                {"name": "ERP", "membership": member.membership.pk, "expires_in_days": "30"},
            )
        assert page.status_code == 200
        token = ApiToken.objects.get()
        assert token.expires_at == NOW + dt.timedelta(days=30)
        html = page.content.decode()
        assert "Expires" in html and "1 April 2026" in html

    def test_the_profile_page_refuses_more_than_a_year(self, persona):
        member = persona("benefits_admin")
        client = Client()
        client.force_login(member.user)
        page = client.post(
            "/profile/tokens/",
            {"name": "ERP", "membership": member.membership.pk, "expires_in_days": "400"},
        )
        assert page.status_code == 400
        assert not ApiToken.objects.exists()

    def test_an_expired_token_is_shown_as_expired(self, persona):
        member = persona("benefits_admin")
        _issue(member.membership)
        client = Client()
        client.force_login(member.user)
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=91)):
            client.force_login(member.user)
            html = client.get("/profile/").content.decode()
        assert ">expired<" in html

    def test_the_cli_takes_an_expiry(self, persona, capsys):
        member = persona("partner_admin")
        call_command(
            "token",
            "create",
            "--user",
            member.user.email,
            "--organisation",
            member.membership.organisation.public_id,
            "--expires-in-days",
            "7",
        )
        expires = ApiToken.objects.get().expires_at
        now = dt.datetime.now(dt.UTC)
        assert now + dt.timedelta(days=6) < expires < now + dt.timedelta(days=8)


class TestTokenRateLimit:
    def test_past_the_limit_a_token_gets_429_with_retry_after_then_recovers(self, api_as, settings):
        settings.PLANSERV_API_RATE_LIMIT = (5, 60)
        api, other = api_as("member"), api_as("partner_admin")
        start = dt.datetime(2026, 3, 2, 12, 0, 10, tzinfo=dt.UTC)
        with time_machine.travel(start, tick=False):
            assert [api.get("/me").status_code for _ in range(5)] == [200] * 5
            limited = api.get("/me")
            assert other.get("/me").status_code == 200  # per token
        assert limited.status_code == 429
        assert limited.json()["error"]["code"] == "rate_limited"
        assert limited["Retry-After"] == "50"
        with time_machine.travel(start + dt.timedelta(seconds=50), tick=False):
            assert api.get("/me").status_code == 200

    def test_a_limited_write_is_not_kept_as_the_idempotent_answer(self, api_as, settings):
        settings.PLANSERV_API_RATE_LIMIT = (1, 60)
        api = api_as("partner_admin")
        with time_machine.travel(NOW, tick=False):
            api.get("/me")
            refused = api.post("/support/requests", {"subject": "x"}, idempotency_key="k1")
        assert refused.status_code == 429
        with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
            retried = api.post("/support/requests", {"subject": "x"}, idempotency_key="k1")
        assert retried.status_code == 400  # the real answer, not the stored 429

    def test_unknown_tokens_leave_no_counter(self):
        assert _me("psv_nope").status_code == 401
        assert not RateCounter.objects.exists()

    def test_the_retention_job_deletes_ended_windows(self, api_as):
        api = api_as("member")
        with time_machine.travel(NOW, tick=False):
            api.get("/me")
        assert RateCounter.objects.count() == 1
        with time_machine.travel(NOW + dt.timedelta(seconds=30), tick=False):
            assert rate_counters_purge(NOW.date(), account_factory.SYSTEM) == {"deleted": 0}
        with time_machine.travel(NOW + dt.timedelta(minutes=2), tick=False):
            assert rate_counters_purge(NOW.date(), account_factory.SYSTEM) == {"deleted": 1}


class TestValidateLimit:
    def test_40_wrong_emails_for_one_voucher_meet_a_429(self, pin_clock):
        pin_clock(dt.date(2021, 3, 1))
        pool = factory.customer_pool(days=50)
        voucher = factory.assigned(pool)
        partner = ApiClient(factory.eligible_firm().admin)
        statuses = [
            partner.post(
                "/vouchers/validate",
                {"voucher_id": voucher.voucher_id, "email": f"guess{n}@example.test"},
            ).status_code
            for n in range(40)
        ]
        assert 429 in statuses
        assert statuses.index(429) == 10  # PLANSERV_VALIDATE_RATE_LIMIT_PER_VOUCHER = 10 an hour
        assert set(statuses[10:]) == {429}

    def test_the_voucher_limit_holds_across_firms_and_id_spellings(self, pin_clock, settings):
        settings.PLANSERV_VALIDATE_RATE_LIMIT_PER_VOUCHER = (2, 3600)
        pin_clock(dt.date(2021, 3, 1))
        pool = factory.customer_pool(days=50)
        voucher = factory.assigned(pool)
        first, second = (
            ApiClient(factory.eligible_firm().admin),
            ApiClient(factory.eligible_firm().admin),
        )
        body = {"voucher_id": voucher.voucher_id, "email": pool.manager_email}
        assert first.post("/vouchers/validate", body).status_code == 200
        dashed = {**body, "voucher_id": voucher.display_id.lower()}
        assert second.post("/vouchers/validate", dashed).status_code == 200
        limited = second.post("/vouchers/validate", body)
        assert limited.status_code == 429
        assert int(limited["Retry-After"]) > 0

    def test_one_token_is_limited_across_vouchers(self, pin_clock, settings):
        settings.PLANSERV_VALIDATE_RATE_LIMIT_PER_TOKEN = (3, 3600)
        pin_clock(dt.date(2021, 3, 1))
        pool = factory.customer_pool(days=50)
        partner = ApiClient(factory.eligible_firm().admin)
        statuses = [
            partner.post(
                "/vouchers/validate",
                {"voucher_id": factory.assigned(pool).voucher_id, "email": pool.manager_email},
            ).status_code
            for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_racing_requests_of_one_token_are_all_counted_postgres(api_as, settings):
    """Twelve threads, each its own connection (as separate processes would be), one token with a
    limit of 8: exactly 8 get through, whatever the interleaving."""
    settings.PLANSERV_API_RATE_LIMIT = (8, 3600)
    api = api_as("member")
    headers = {"Authorization": f"Bearer {api.token}"}

    def call(number: int):
        yield str(Client().get("/api/v1/me", headers=headers).status_code)

    outcomes = run_threads(12, call)
    assert sorted(outcomes).count("200") == 8
    assert sorted(outcomes).count("429") == 4
    assert RateCounter.objects.get().hits == 12
