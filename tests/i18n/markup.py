"""What a template shows people outside translation markup (docs/i18n.md, "Checks").

Every template is read with Django's own Lexer. Text tokens outside {% translate %} and
{% blocktranslate %}…{% endblocktranslate %} (and outside {% comment %}) are joined, variables and
tags standing in as neutral marks; HTML comments, <script> and <style> are taken out, then tags and
character references. Any letter left is text a person reads that no translator will see. The
attributes people read (title, aria-label, placeholder, alt) are checked the same way: a literal
letter in their value, outside markup, is untranslated text.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.template.base import Lexer, TokenType

import planserv

SRC = Path(planserv.__file__).parent
MARK = "\x00"  # where a variable or a tag stood
OPEN_BLOCKS = {"blocktranslate", "blocktrans"}
CLOSE_BLOCKS = {"endblocktranslate", "endblocktrans"}
USER_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Comments, scripts, styles and literal code (`<pre>`, `<code>`: file layouts, identifiers).
_HIDDEN = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<pre\b.*?</pre\s*>"
    r"|<code\b.*?</code\s*>",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(
    r"\s(" + "|".join(USER_ATTRIBUTES) + r")\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_LETTER = re.compile(r"[^\W\d_]")
# Written the same in every language: product and format names, URLs and the id pattern shown as a
# placeholder. Taken out before looking for letters, so "· CSV" or "Software Assurance ·" pass.
SAME_IN_EVERY_LANGUAGE = re.compile(
    r"https?://\S+|\b(?:Software Assurance|planserv|CSV|HTTP|HTTPS|JSON|PDF|API|UTC|IBAN|BIC)\b"
    r"|\bX{4}-X{4}-X\b"
)
# Pico CSS styles `nav[aria-label=breadcrumb]`: the value is a style hook, not words people read.
STYLE_HOOKS = {("aria-label", "breadcrumb")}


def templates() -> list[Path]:
    """Every template of the product (HTML pages and e-mails, text e-mails and subjects)."""
    return sorted(
        path
        for path in SRC.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".txt")
        and "templates" in path.relative_to(SRC).parts
    )


def visible_source(text: str) -> str:
    """The template's text outside translation markup; variables and tags as MARK."""
    parts: list[str] = []
    translating = False
    commenting = False
    for token in Lexer(text).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in OPEN_BLOCKS:
                translating = True
            elif name in CLOSE_BLOCKS:
                translating = False
            elif name == "comment":
                commenting = True
            elif name == "endcomment":
                commenting = False
            parts.append(MARK)
        elif token.token_type == TokenType.TEXT and not translating and not commenting:
            parts.append(token.contents)
        elif token.token_type == TokenType.VAR:
            parts.append(MARK)
    return "".join(parts)


def untranslated(text: str) -> list[str]:
    """The pieces of user-facing text a template holds outside translation markup."""
    source = _HIDDEN.sub(" ", visible_source(text))
    found = []
    for name, value in _ATTRIBUTE.findall(source):
        if (name.lower(), value[1:-1]) in STYLE_HOOKS:
            continue
        literal = _REFERENCE.sub(" ", value[1:-1].replace(MARK, " "))
        if _LETTER.search(SAME_IN_EVERY_LANGUAGE.sub(" ", literal)):
            found.append(f'{name}="{value[1:-1].replace(MARK, "…")}"')
    words = _REFERENCE.sub(" ", _TAG.sub(" ", source))
    for chunk in re.split(r"\s*" + MARK + r"\s*|\n", words):
        chunk = " ".join(chunk.split())
        if _LETTER.search(SAME_IN_EVERY_LANGUAGE.sub(" ", chunk)):
            found.append(chunk)
    return found
