"""Program information: the retirement timeline with today marked, what each milestone means for the
reader's side, partner deadlines; every side's navigation links the page and the FAQ."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from planserv.core.actor import Actor
from planserv.guidance.program_info import (
    PAYMENT_WINDOW_END,
    RetirementExposure,
    milestone_meanings,
    partner_deadlines,
    retirement_exposure,
    retirement_timeline,
)
from planserv.program.models import Milestone
from tests.factories import support as support_factory

pytestmark = pytest.mark.django_db
DEMO_DAY = dt.date(2021, 6, 15)


def login(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


class TestTimeline:
    def test_points_are_ordered_and_same_day_milestones_share_a_point(self):
        timeline = retirement_timeline(today=DEMO_DAY)
        dates = [point.date for point in timeline.points]
        assert dates == sorted(dates) and len(dates) == len(set(dates))
        first = timeline.points[0]
        assert first.date == dt.date(2020, 2, 1)
        assert set(first.keys) == {"cloud_retirement", "training_conversion_end"}
        assert timeline.points[-1].keys == (PAYMENT_WINDOW_END,)
        assert timeline.points[-1].date == dt.date(2022, 3, 2)  # 1 Jan 2022 + 60 days

    def test_today_sits_between_the_milestones_around_it(self):
        timeline = retirement_timeline(today=DEMO_DAY)
        by_date = {point.date: point for point in timeline.points}
        assert (
            by_date[dt.date(2021, 2, 1)].position
            < timeline.today_position
            <= by_date[dt.date(2021, 6, 30)].position
        )
        assert [p.past for p in timeline.points] == [True, True, False, False, False, False]

    @pytest.mark.parametrize("today", [dt.date(2019, 1, 1), dt.date(2023, 6, 1)])
    def test_today_outside_the_calendar_stretches_the_bar_and_stays_on_it(self, today):
        timeline = retirement_timeline(today=today)
        assert 0 <= timeline.today_position <= 100
        assert all(0 <= point.position <= 100 for point in timeline.points)
        assert timeline.start <= today <= timeline.end

    def test_the_timeline_follows_the_operator_calendar(self):
        Milestone.objects.filter(key="last_redemption_day").update(date=dt.date(2022, 3, 31))
        timeline = retirement_timeline(today=DEMO_DAY)
        assert timeline.points[-1].date == dt.date(2022, 5, 30)


class TestMeanings:
    def _actor(self, persona, role):
        return support_factory.actor(persona(role).membership)

    def test_a_customer_reads_what_it_will_lose(self, persona):
        meanings = {
            m.key: m
            for m in milestone_meanings(
                actor=self._actor(persona, "benefits_admin"), today=DEMO_DAY
            )
        }
        assert "Days left in your pool after that are lost" in meanings["last_create_day"].for_you
        assert "30 June 2021" in meanings["last_create_day"].for_you
        assert "removed" in meanings["removal"].for_you
        assert "1 January 2022" in meanings["last_redemption_day"].for_you
        assert meanings["removal"].days_away == 16 and not meanings["removal"].past

    def test_a_partner_reads_its_redemption_and_payment_deadlines(self, persona):
        meanings = {
            m.key: m
            for m in milestone_meanings(actor=self._actor(persona, "partner_admin"), today=DEMO_DAY)
        }
        assert "Redemption deadline" in meanings["last_redemption_day"].for_you
        assert "2 March 2022" in meanings[PAYMENT_WINDOW_END].for_you
        assert "60 days" in meanings[PAYMENT_WINDOW_END].for_you
        deadlines = partner_deadlines(today=DEMO_DAY)
        assert deadlines.last_redemption_date == dt.date(2022, 1, 1)
        assert deadlines.redemption_days_left == 200
        assert deadlines.last_payment_request_date == dt.date(2022, 3, 2)
        assert deadlines.voucher_validity_days == 180

    def test_exposure_is_computed_from_the_organisations_data_and_its_figures_appear(
        self, persona, monkeypatch
    ):
        actor = self._actor(persona, "benefits_admin")
        assert retirement_exposure(
            organisation_id=actor.organisation_id, kind="customer", today=DEMO_DAY
        ) == RetirementExposure(available_days=0, live_vouchers=0, live_voucher_days=0)
        assert retirement_exposure(organisation_id=None, kind="operator", today=DEMO_DAY) == (
            RetirementExposure()
        )
        monkeypatch.setattr(
            "planserv.guidance.program_info.retirement_exposure",
            lambda **kwargs: RetirementExposure(available_days=42, live_vouchers=3),
        )
        removal = next(
            m for m in milestone_meanings(actor=actor, today=DEMO_DAY) if m.key == "removal"
        )
        assert ("Days that will be removed", "42") in removal.figures

    def test_operators_see_the_effects_without_a_for_you_line(self):
        meanings = milestone_meanings(actor=Actor.system(), today=DEMO_DAY)
        assert all(m.for_you == "" and m.effect for m in meanings)


class TestPages:
    @pytest.mark.parametrize(
        "role", ["benefits_admin", "partner_admin", "program_admin", "support"]
    )
    def test_every_side_has_the_page_and_navigation_links(self, persona, pin_clock, role):
        pin_clock(DEMO_DAY)
        client = login(persona(role).membership)
        page = client.get("/program/").content.decode()
        assert 'data-testid="you-are-here"' in page
        assert "You are here · 15 June 2021" in page
        assert re.search(r'class="rt-today rt-at-\d+', page)
        assert 'style="' not in page and "<style" not in page  # CSP: no inline styles
        home = client.get("/").content.decode()
        assert 'href="/program/"' in home and 'href="/faq/"' in home

    def test_partner_page_shows_deadlines_and_its_regional_team(self, persona, pin_clock):
        pin_clock(DEMO_DAY)
        page = login(persona("partner_admin").membership).get("/program/").content.decode()
        assert 'data-testid="partner-deadlines"' in page
        assert "1 January 2022" in page and "2 March 2022" in page
        assert "EMEA Partner Support" in page
        assert 'href="/partner/support/new/"' in page

    def test_customer_page_has_no_partner_deadlines(self, persona, pin_clock):
        pin_clock(DEMO_DAY)
        page = login(persona("benefits_admin").membership).get("/program/").content.decode()
        assert 'data-testid="partner-deadlines"' not in page
        assert "General Partner Support" in page
        assert "Days left in your pool after that are lost" in page
