"""Every portal page for every role in Debian's Chromium (issue 19, docs/portal.md): at 390 and
1280 px wide no page is wider than the screen, and axe-core finds no serious or critical WCAG 2.1 AA
violation. The pages come from the REL-7 registry (tests/security/operations.py), so a new page is
checked as soon as it has its row. One screenshot per page and width goes to docs/screenshots/."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from planserv.core.types import Role
from tests.conftest import browser_login
from tests.portal.visible import visits
from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
SCREENSHOTS = ROOT / "docs" / "screenshots" / "portals"
WIDTHS = (390, 1280)
# The roles whose screenshots are kept: one per side is enough to see every page.
SCREENSHOT_ROLES = {Role.PROGRAM_ADMIN, Role.GLOBAL_ADMIN, Role.BENEFITS_ADMIN}
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    resultTypes: ["violations"],
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""
WIDER_THAN_SCREEN = """() => {
  const screen = document.documentElement.clientWidth;
  return {page: document.documentElement.scrollWidth, screen};
}"""


def check_page(page: Any, path: str, width: int) -> list[str]:
    """Problems of one page at one width: wider than the screen, axe violations."""
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
    head = page.request.get(path, max_redirects=0)
    if "text/html" not in head.headers.get("content-type", "") or head.status >= 300:
        return []  # a file download or a redirect: not a page of its own
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path}: {response and response.status}"
    problems = []
    size = page.evaluate(WIDER_THAN_SCREEN)
    if size["page"] > size["screen"]:
        problems.append(f"{path} at {width} px: page {size['page']} px wide")
    if page.evaluate("typeof axe") == "undefined":
        page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(AXE_RUN):
        problems.append(f"{path} at {width} px: axe {json.dumps(violation)}")
    return problems


def test_axe_core_is_vendored_with_its_licence_and_pinned_version():
    assert AXE.is_file() and (AXE.parent / "LICENSE").is_file()
    assert f"axe v{AXE_VERSION}" in AXE.read_text(encoding="utf-8")[:400]


@pytest.mark.parametrize("role", sorted(Role.values))
def test_every_page_of_a_role_fits_a_phone_and_passes_axe(browser, live_server, pin_clock, role):
    pin_clock(dt.date(2021, 6, 15))
    world = build_world()
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(20000)
    page = context.new_page()
    try:
        browser_login(page, world.member(role).user.email)
        problems: list[str] = []
        checked = 0
        for visit in visits(world):
            if visit.role != role:
                continue
            for width in WIDTHS:
                problems += check_page(page, visit.path, width)
                checked += 1
                if role in SCREENSHOT_ROLES:
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    name = visit.page.url_name.removeprefix("portal:")
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"))
        assert checked >= 10, f"{role}: only {checked} page views"
        assert problems == [], "\n".join(problems)
    finally:
        context.close()
