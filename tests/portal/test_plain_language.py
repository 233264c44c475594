"""Plain words on every portal page (docs/portal.md, issue 19 item 1): no rule ids, role ids or
snake_case codes in what a person sees, for every page of the REL-7 registry and every role;
refusals keep their rule id for support in a closed disclosure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planserv.core import formatting
from tests.portal.visible import visible_text, visits
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


def test_visible_text_keeps_out_scripts_hidden_parts_and_closed_disclosures():
    html = (
        "<html><head><title>t_x</title></head><body><p>Shown</p><script>a_b()</script>"
        "<div hidden>in_hidden</div><details><summary>For support</summary><p>R-ENR-1</p>"
        "</details><details open><summary>Open</summary><p>kept</p></details></body></html>"
    )
    assert visible_text(html) == "Shown For support Open kept"


def test_the_code_pattern_finds_rule_ids_role_ids_and_status_codes_but_not_emails():
    text = "Needs partner_admin (R-ENR-1); status in_payment_run; write to first_last@example.test"
    assert formatting.internal_codes(text) == ["R-ENR-1", "partner_admin", "in_payment_run"]


def test_no_portal_page_shows_an_internal_code_to_any_role(pin_clock):
    pin_clock(dt.date(2021, 6, 15))
    world = build_world()
    found = []
    seen = 0
    for visit in visits(world):
        client = Client()
        client.force_login(world.member(visit.role).user)
        response = client.get(visit.path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        codes = formatting.internal_codes(visible_text(response.content.decode()))
        if codes:
            found.append(f"{visit.label}: {sorted(set(codes))}")
    assert seen > 50, "the registry should give more pages than this"
    assert found == [], "\n".join(found)
