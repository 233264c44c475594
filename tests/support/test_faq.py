"""The FAQ page (R-SUP-4) and the support links in every side's navigation."""

from __future__ import annotations

import pytest
from django.test import Client

from planserv.support.models import FaqEntry

pytestmark = pytest.mark.django_db


def login(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


class TestNavigation:
    def test_navigation_of_each_side_links_support(self, persona):
        assert (
            'href="/partner/support/"'
            in login(persona("member").membership).get("/").content.decode()
        )
        assert (
            'href="/customer/support/"'
            in login(persona("project_manager").membership).get("/").content.decode()
        )
        assert (
            'href="/operator/support/"'
            in login(persona("support").membership).get("/").content.decode()
        )
        assert (
            'href="/operator/support/"'
            not in login(persona("payment_reviewer").membership).get("/").content.decode()
        )


class TestFaqPage:
    def test_faq_page_shows_the_entries_for_the_reader_rendered_safely_r_sup_4(self, persona):
        FaqEntry.objects.create(
            question="Injected?",
            answer_markdown="<script>alert(1)</script> [x](javascript:alert(1)) **bold**",
            audience_kinds=["partner"],
            order=1,
        )
        FaqEntry.objects.create(
            question="Only for customers", answer_markdown="x", audience_kinds=["customer"]
        )
        page = login(persona("partner_admin").membership).get("/faq/").content.decode()
        assert "Injected?" in page and "Only for customers" not in page
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
        assert "javascript:" not in page
        assert "<strong>bold</strong>" in page
        assert "Is the Planning Services benefit being retired?" in page  # seeded from the notice

    def test_unpublished_entries_are_hidden(self, persona):
        FaqEntry.objects.update(published=False)
        page = login(persona("benefits_admin").membership).get("/faq/").content.decode()
        assert "No questions have been published for you yet." in page
