"""R-SUP-4: FAQ markdown is rendered safely: no script, event handler, javascript: URL or raw HTML
survives, whatever the operator types."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from planserv.support.rendering import ALLOWED_TAGS, render_markdown


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def assert_inert(html: str) -> None:
    for tag, attributes in elements(html):
        assert tag in ALLOWED_TAGS, f"unexpected element <{tag}> in {html!r}"
        assert tag not in {"script", "style", "iframe", "img", "svg", "object", "embed"}
        for name, value in attributes.items():
            assert not name.startswith("on"), f"event handler {name} in {html!r}"
            assert name != "style"
            if name in {"href", "src", "action", "formaction"}:
                lowered = (value or "").strip().lower()
                assert lowered.startswith(("http://", "https://", "mailto:")), value


ATTACKS = [
    "<script>alert(1)</script>",
    "Hello <script src='https://evil.example/x.js'></script>",
    "\n<script>\nalert(document.cookie)\n</script>\n",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">click</a>',
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.example'></iframe>",
    "<div style='background:url(javascript:alert(1))'>x</div>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '![x](https://evil.example/x.png "title" onerror=alert(1))',
    "<javascript:alert(1)>",
    "<a href='javascript:alert(1)'>raw link</a>",
    "<b onmouseover=alert(1)>bold</b>",
    "<!-- <script>alert(1)</script> -->",
    "<form action='https://evil.example'><input name=x></form>",
]


class TestMarkdownRendering:
    @pytest.mark.parametrize("source", ATTACKS)
    def test_injection_is_rendered_inert_r_sup_4(self, source):
        html = str(render_markdown(source))
        assert_inert(html)
        assert "<script" not in html.lower()
        assert (
            "javascript:"
            not in "".join(
                str(value) for _, attrs in elements(html) for value in attrs.values()
            ).lower()
        )

    def test_raw_html_is_shown_as_text_not_markup_r_sup_4(self):
        html = str(render_markdown("Use <b>bold</b> and <script>alert(1)</script>"))
        assert "&lt;b&gt;bold&lt;/b&gt;" in html
        assert "&lt;script&gt;" in html
        assert [tag for tag, _ in elements(html)] == ["p"]

    def test_ordinary_markdown_keeps_its_formatting(self):
        html = str(
            render_markdown(
                "**Last day**: 1 January 2022.\n\n- one\n- two\n\n4. step four\n5. step five\n\n"
                "[Partner Center](https://partner.microsoft.com) · <https://example.com>"
            )
        )
        assert "<strong>Last day</strong>" in html
        assert "<ul>" in html and '<ol start="4">' in html
        assert '<a href="https://partner.microsoft.com" rel="noopener noreferrer nofollow">' in html
        assert_inert(html)

    def test_mailto_links_survive(self):
        html = str(render_markdown("[Write to us](mailto:support@example.com)"))
        assert 'href="mailto:support@example.com"' in html

    def test_seeded_faq_answers_render_safely(self):
        from planserv.support.seed import FAQ_ENTRIES

        for _, _, answer, _, _ in FAQ_ENTRIES:
            assert_inert(str(render_markdown(answer)))
