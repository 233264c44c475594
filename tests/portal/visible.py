"""Every portal page for every role (the REL-7 registry, tests/security/operations.py), and the text
a person sees on a page: what the plain-words, phone and accessibility tests walk (docs/portal.md).

A page added to the registry is walked too: no list here to keep up to date."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from tests.security.operations import PORTAL_PAGES, PortalPage

# Not HTML pages for people: files to download and the raw email body (shown in a frame).
NOT_A_PAGE = (".csv", ".xml", ".pdf", "body.html", "/attachments/", "/files/", "/pdf/")


@dataclass(frozen=True)
class Visit:
    page: PortalPage
    role: str
    path: str

    @property
    def label(self) -> str:
        return f"{self.page.url_name} as {self.role} ({self.path})"


def visits(world: object, roles_per_page: int | None = None) -> Iterator[Visit]:
    """(page, role, path) for every GET page and every role its row allows, on the role's own
    tenant; roles_per_page keeps only the first few roles of each page."""
    for page in PORTAL_PAGES:
        if page.method != "GET":
            continue
        roles = sorted(page.roles)[:roles_per_page] if roles_per_page else sorted(page.roles)
        for role in roles:
            path = page.build(world, "own", role).path
            if any(part in path.split("?")[0] + "/" for part in NOT_A_PAGE):
                continue
            yield Visit(page, role, path)


_SKIP = {"script", "style", "template", "head", "noscript"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _Text(HTMLParser):
    """Collects the text a browser shows: no scripts, styles or head, nothing `hidden`, and of a
    closed <details> only its <summary>; nothing marked data-literal (file column names)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)

    def _hidden(self) -> bool:
        return any(hides for _, hides in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        names = {name for name, _ in attrs}
        # data-literal marks text a person types into a file (CSV column names): shown as is.
        hides = tag in _SKIP or "hidden" in names or "data-literal" in names
        if self.stack and self.stack[-1][0] == "details!closed" and tag != "summary":
            hides = True
        if tag == "details" and "open" not in names:
            self.stack.append(("details!closed", False))
            return
        self.stack.append((tag, hides))

    def handle_endtag(self, tag: str) -> None:
        wanted = "details!closed" if tag == "details" else tag
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] in (wanted, tag):
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
