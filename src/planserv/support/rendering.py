"""Markdown → safe HTML for FAQ answers (R-SUP-4).

Two layers: raw HTML in the markdown is not passed through at all (the parser's HTML block and
inline-HTML handlers are removed, so `<script>` arrives as the text "&lt;script&gt;"), and the
result is cleaned by nh3 against a small allow-list of tags, attributes and URL schemes, so no
event handler attribute, `javascript:` URL or unknown tag survives even if the parser let one by.
"""

from __future__ import annotations

import markdown  # type: ignore[import-untyped]  # no stubs installed
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension  # type: ignore[import-untyped]  # no stubs

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class _NoRawHtml(Extension):
    """Treat raw HTML in the source as text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(source: str) -> SafeString:
    """Safe HTML for operator-written markdown: no raw HTML, scripts, handlers or unsafe URLs."""
    html = markdown.markdown(
        source or "",
        extensions=[_NoRawHtml(), "sane_lists", "tables"],
        output_format="html",
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # Safe to mark: nh3 has just reduced it to the allow-list above.
    return mark_safe(cleaned)  # noqa: S308  # nosec B308 B703
