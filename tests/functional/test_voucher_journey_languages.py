"""Issue 24: the voucher journey (tests/functional/test_voucher_journey.py) in German and in
Japanese. Each person picks the language with the header's switcher; the steps go by test ids and
addresses, never by English words; headings, buttons and statuses are asserted in the language
(the catalogue's translation of the English text, which must differ from it). Screenshots at
1280 and 390 px go to var/screenshots/voucher-<lang>-*.png.

For the integrator: the statuses, buttons and navigation are marked on the other branches of
issue 24, so this passes once they are merged and `planserv i18n merge-parts` has run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import browser_login
from tests.factories import vouchers as factory

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def shots(page, language: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """The page at 1280 px and at 390 px (a phone), then back to 1280."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("1280", WIDE), ("390", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(
            path=str(SCREENSHOTS / f"voucher-{language}-{name}-{label}.png"), full_page=True
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            " > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' +"
            " e.className + ' ' + (e.textContent || '').trim().slice(0, 60))"
        )
        assert width <= size["width"], f"{name} at {label} px is {width} px wide: {wide}"
    page.set_viewport_size(WIDE)


def said(language: str, english: str) -> str:
    """The catalogue's words for `english` in `language`; a missing translation fails here."""
    with translation.override(language):
        text = translation.gettext(english)
    assert text != english, f"{english!r} has no {language} translation"
    return text


def switch_language(page, language: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("language-select").select_option(language)
    page.get_by_test_id("language-submit").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["de", "ja"])
def test_the_voucher_journey_in_another_language(
    language, page, browser, live_server, pin_clock, tmp_path
):
    pin_clock(dt.date(2021, 6, 15))
    pool = factory.customer_pool(days=40)
    firm = factory.eligible_firm(country="US")

    # The customer's benefits admin switches language, then creates and assigns a voucher.
    browser_login(page, pool.admin.user.email)
    switch_language(page, language)
    assert page.locator("form[action='/logout/'] button").inner_text() == said(language, "Log out")
    page.goto(reverse("portal:customer_vouchers"))
    create = page.get_by_test_id("create-voucher")
    assert create.inner_text().strip() == said(language, "Create a voucher")
    create.click()
    page.select_option("select[name=agreement]", pool.agreement.licensing_id)
    page.select_option("select[name=engagement_type]", factory.TYPE)
    page.select_option("select[name=days]", "5")
    page.select_option("select[name=assignee]", pool.manager_email)
    page.fill("input[name=division]", "Treasury")
    shots(page, language, "1-create-form")
    page.get_by_test_id("voucher-form").locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    voucher_id = page.get_by_test_id("voucher-id").inner_text()
    assert page.get_by_test_id("voucher-status").inner_text() == said(language, "Assigned")
    shots(page, language, "2-created")

    # The partner, in another session and the same language, validates and reserves.
    context = browser.new_context(base_url=live_server.url, viewport=WIDE)
    context.set_default_timeout(15000)
    partner = context.new_page()
    browser_login(partner, firm.admin.user.email)
    switch_language(partner, language)
    partner.goto(reverse("portal:partner_voucher_reserve"))
    validate = partner.get_by_test_id("validate-button")
    assert validate.inner_text().strip() == said(language, "Check the voucher")
    partner.get_by_test_id("voucher-id-input").fill(voucher_id)
    partner.get_by_test_id("email-input").fill(pool.manager_email)
    validate.click()
    partner.get_by_test_id("voucher-preview").wait_for()
    partner.get_by_test_id("start-date").fill("2021-06-15")
    partner.get_by_test_id("accept-terms").check()
    reserve = partner.get_by_test_id("reserve-button")
    assert reserve.inner_text().strip() == said(language, "Reserve for my firm")
    shots(partner, language, "3-validated")
    reserve.click()
    partner.wait_for_load_state("networkidle")
    assert partner.get_by_test_id("voucher-status").inner_text() == said(language, "Reserved")
    shots(partner, language, "4-reserved")

    # Three days later the partner files the completion report and redeems the voucher.
    pin_clock(dt.date(2021, 6, 18))
    plan = tmp_path / "Treasury deployment plan.pdf"
    plan.write_bytes(factory.pdf_bytes("Treasury deployment plan"))
    partner.get_by_test_id("report-link").click()
    partner.fill("input[name=end_date]", "2021-06-18")
    partner.check(f"input[name=consultants][value='{firm.consultant.pk}']")
    partner.fill("input[name=onsite_days]", "4")
    partner.fill("input[name=offsite_days]", "1")
    partner.fill("textarea[name=summary]", "Assessed 800 devices.")
    partner.fill("textarea[name=next_steps]", "Pilot, then roll out.")
    partner.get_by_test_id("files").set_input_files(str(plan))
    partner.get_by_test_id("no-extra-fee").check()
    file_report = partner.get_by_test_id("file-report")
    assert file_report.inner_text().strip() == said(language, "File the report")
    shots(partner, language, "5-report-form")
    file_report.click()
    partner.wait_for_load_state("networkidle")
    redeem = partner.get_by_test_id("redeem-button")
    assert redeem.inner_text().strip() == said(language, "Redeem")
    shots(partner, language, "6-delivered")
    redeem.click()
    partner.get_by_test_id("confirm-ok").click()
    partner.wait_for_load_state("networkidle")
    assert partner.get_by_test_id("voucher-status").inner_text() == said(language, "Redeemed")
    shots(partner, language, "7-redeemed")
    context.close()

    # The customer sees the history, in the language chosen at the start.
    page.reload()
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_test_id("voucher-history").locator("li").count() == 4
    shots(page, language, "8-customer-history")
