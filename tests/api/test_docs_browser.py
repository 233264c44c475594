"""Issue 20, item 1: /api/v1/docs renders the OpenAPI document in a real browser, offline (its
assets are served by planserv), with every operation shown and no error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planserv.api.main import api

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _operation_ids() -> list[str]:
    document = api.get_openapi_schema()
    return [op["operationId"] for item in document["paths"].values() for op in item.values()]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_docs_page_shows_every_operation_without_error_offline(
    page: Any, live_server: Any, width: int
):
    external: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:  # a CDN asset would be fetched here: the page must not need one
            external.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    page.wait_for_load_state("networkidle")

    rendered = page.eval_on_selector_all(".opblock", "nodes => nodes.map(n => n.id)")
    expected = _operation_ids()
    for operation_id in expected:
        assert any(node.endswith(f"-{operation_id}") for node in rendered), operation_id
    assert len(rendered) == len(expected)
    body = page.inner_text("body")
    assert "Parser error" not in body
    assert "duplicated mapping key" not in body
    assert page.locator(".errors-wrapper").count() == 0
    assert errors == [] and external == []

    page.locator("[id$='-validateVoucher'] .opblock-summary").first.click()
    page.wait_for_selector(
        "[id$='-validateVoucher'] .example, [id$='-validateVoucher'] .microlight"
    )
    assert "7KXR-4MWA-9" in page.inner_text("[id$='-validateVoucher']")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"api-docs-{width}.png"), full_page=False)
