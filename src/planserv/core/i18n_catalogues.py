"""The translation catalogues without GNU gettext (docs/i18n.md): pure Python, Babel and Django.

- extract: every message marked in src/planserv (Python through Babel's extractor; templates
  through Django's `templatize`, as `makemessages` does) into src/planserv/locale/django.pot.
- compile: each src/planserv/locale/<lang>/LC_MESSAGES/django.po into its django.mo, when the
  .mo is missing or older (make install and the test session run it; .mo files are not committed).
- check: what each shipped language lacks: missing, empty or fuzzy messages and placeholders that
  differ between msgid and msgstr.
- merge-parts: the catalogues from the engineers' parts `i18n-parts/*.<lang>.po` (their union).

`python -m planserv.core.i18n_catalogues compile` needs no Django settings (the Makefile uses it);
`planserv i18n extract|check|compile|merge-parts` is the management command over these functions.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/planserv
REPO_DIR = PACKAGE_DIR.parents[1]
LOCALE_DIR = PACKAGE_DIR / "locale"
POT_PATH = LOCALE_DIR / "django.pot"
PARTS_DIR = REPO_DIR / "i18n-parts"
DOMAIN = "django"
# The shipped translations (settings.LANGUAGES without English, the source language).
LANGUAGES = ("de", "fr", "es", "ja")
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
}
# Babel keyword specs for the gettext functions the code and templatize() use.
KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
SKIP_DIRS = {"migrations", "locale", "static", "__pycache__"}
TEMPLATE_SUFFIXES = (".html", ".txt")
# %(name)s, %s, %d ... and Python brace fields {name}; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifr]|\{[A-Za-z_][\w.]*\}")


def _catalog_module() -> Any:
    from babel.messages import catalog

    return catalog


# --- extraction -----------------------------------------------------------------------------


def source_files(root: Path = PACKAGE_DIR) -> Iterator[Path]:
    """Python modules and templates of the product, in a stable order (no migrations)."""
    for path in sorted(root.rglob("*")):
        if not path.is_file() or SKIP_DIRS.intersection(path.relative_to(root).parts):
            continue
        if path.suffix == ".py" or (
            path.suffix in TEMPLATE_SUFFIXES and "templates" in path.relative_to(root).parts
        ):
            yield path


def _shape(funcname_messages: Any, spec: Any) -> tuple[str | None, Any] | None:
    """(context, msgid or (singular, plural)) from Babel's raw messages and a keyword spec."""
    messages = funcname_messages if isinstance(funcname_messages, tuple) else (funcname_messages,)
    if spec is None:
        spec = (1,)
    context = None
    parts: list[str] = []
    for index in spec:
        if isinstance(index, tuple):
            value = messages[index[0] - 1] if len(messages) >= index[0] else None
            if not isinstance(value, str):
                return None
            context = value
            continue
        value = messages[index - 1] if len(messages) >= index else None
        if not isinstance(value, str):
            return None
        parts.append(value)
    if not parts or not parts[0]:
        return None
    return context, (parts[0] if len(parts) == 1 else tuple(parts[:2]))


@dataclass(frozen=True)
class Extracted:
    msgid: str | tuple[str, str]
    context: str | None
    location: tuple[str, int]
    python_format: bool


def extract_file(path: Path, root: Path = PACKAGE_DIR) -> list[Extracted]:
    """Every marked message of one Python module or template."""
    from babel.messages.extract import extract_python

    text = path.read_text(encoding="utf-8")
    relative = path.relative_to(root.parent).as_posix()  # planserv/...
    is_template = path.suffix in TEMPLATE_SUFFIXES
    if is_template:
        if "{%" not in text or "i18n" not in text:
            return []
        from django.utils.translation.template import templatize

        # templatize() keeps the template's indentation on its blanked-out lines, which Python's
        # tokenizer rejects (xgettext does not mind); every string it writes is one-line repr.
        text = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).split("\n"))
    found: list[Extracted] = []
    buffer = io.BytesIO(text.encode("utf-8"))
    for lineno, funcname, messages, _comments in extract_python(
        buffer,
        KEYWORDS,
        [],
        {"encoding": "utf-8"},
    ):
        shaped = _shape(messages, KEYWORDS.get(str(funcname)))
        if shaped is None:
            continue
        context, msgid = shaped
        singular = msgid if isinstance(msgid, str) else msgid[0]
        python_format = bool(re.search(r"%(?:\([^)]*\))?[sd]", singular))
        found.append(Extracted(msgid, context, (relative, lineno), python_format))
    return found


def extract(root: Path = PACKAGE_DIR) -> Any:
    """A Babel catalogue of every message marked under `root`."""
    catalog_module = _catalog_module()
    catalog = catalog_module.Catalog(
        project="planserv", charset="utf-8", fuzzy=False, domain=DOMAIN
    )
    for path in source_files(root):
        for item in extract_file(path, root):
            flags = ("python-format",) if item.python_format else ()
            existing = catalog.get(item.msgid, context=item.context)
            if existing is not None:
                existing.locations.append(item.location)
                existing.flags.update(flags)
            else:
                catalog.add(
                    item.msgid, locations=[item.location], flags=flags, context=item.context
                )
    return catalog


def _write_po(catalog: Any, path: Path, **options: Any) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, **options)
    _atomic_write(path, buffer.getvalue())


def write_pot(catalog: Any, path: Path = POT_PATH) -> Path:
    catalog.creation_date = catalog.revision_date = _fixed_date()
    _write_po(catalog, path, omit_header=False, sort_output=False)
    return path


def _fixed_date() -> Any:
    import datetime as dt

    return dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


# --- reading and compiling ------------------------------------------------------------------


def read_po(path: Path, locale: str | None = None) -> Any:
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as handle:
        return babel_read_po(handle, locale=locale, domain=DOMAIN, abort_invalid=True)


def po_path(language: str, root: Path = LOCALE_DIR) -> Path:
    return root / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so parallel test workers never read half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def compile_catalogues(root: Path = LOCALE_DIR, *, force: bool = False) -> list[Path]:
    """Compile every <lang>/LC_MESSAGES/django.po under `root` whose .mo is missing or older;
    fuzzy entries are left out (Django then shows English). Returns the .mo files written."""
    from babel.messages.mofile import write_mo

    written = []
    for po in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        catalog = read_po(po, locale=po.parts[-3])
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        _atomic_write(mo, buffer.getvalue())
        written.append(mo)
    return written


# --- checking -------------------------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted: "%(name)s", "%s", "{count}" ("%%" is not one)."""
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def _as_list(value: Any) -> list[str]:
    if isinstance(value, (tuple, list)):
        return [str(item) for item in value]
    return [str(value)] if value is not None else []


@dataclass
class Problems:
    missing: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return [
            *(f"missing: {m}" for m in self.missing),
            *(f"untranslated: {m}" for m in self.untranslated),
            *(f"fuzzy: {m}" for m in self.fuzzy),
            *(f"placeholders differ: {m}" for m in self.placeholders),
        ]


def _label(message: Any) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    where = ", ".join(f"{path}:{line}" for path, line in list(message.locations)[:2])
    prefix = f"[{message.context}] " if message.context else ""
    return f"{prefix}{msgid!r}" + (f" ({where})" if where else "")


def check_catalogue(template: Any, translated: Any) -> Problems:
    """What `translated` lacks for the messages of `template` (an extracted catalogue)."""
    problems = Problems()
    for message in template:
        if not message.id:
            continue
        found = translated.get(message.id, context=message.context)
        if found is None:
            problems.missing.append(_label(message))
            continue
        strings = _as_list(found.string)
        if not strings or any(not s.strip() for s in strings):
            problems.untranslated.append(_label(message))
            continue
        if found.fuzzy:
            problems.fuzzy.append(_label(message))
        sources = _as_list(message.id)
        expected = placeholders(sources[-1])
        if any(placeholders(s) != expected for s in strings) and not (
            # A form of a plural may leave out the count ("one day" for "%(count)s day").
            isinstance(message.id, tuple)
            and all(set(placeholders(s)) <= set(expected) for s in strings)
        ):
            problems.placeholders.append(_label(message))
    return problems


def check(root: Path = LOCALE_DIR, template: Any | None = None) -> dict[str, Problems]:
    """The problems of every shipped language's catalogue against the extracted messages."""
    template = template if template is not None else extract()
    result = {}
    for language in LANGUAGES:
        path = po_path(language, root)
        if not path.exists():
            problems = Problems(missing=[_label(m) for m in template if m.id])
        else:
            problems = check_catalogue(template, read_po(path, locale=language))
        result[language] = problems
    return result


# --- merging the parts ----------------------------------------------------------------------


def _header_catalog(language: str) -> Any:
    catalog_module = _catalog_module()
    catalog = catalog_module.Catalog(
        locale=language, project="planserv", charset="utf-8", fuzzy=False, domain=DOMAIN
    )
    catalog.creation_date = catalog.revision_date = _fixed_date()
    return catalog


def merge_parts(
    parts_dir: Path = PARTS_DIR, root: Path = LOCALE_DIR, template: Any | None = None
) -> dict[str, list[str]]:
    """Build each language's django.po from `parts_dir/*.<lang>.po` (the union; where two parts
    translate one msgid differently the first part, by file name, wins and it is reported).
    Messages are kept in the order of the extracted template, then the others. Returns, per
    language, what is wrong: conflicts and extracted msgids missing or untranslated."""
    template = template if template is not None else extract()
    report: dict[str, list[str]] = {}
    for language in LANGUAGES:
        merged: dict[tuple[Any, str | None], Any] = {}
        notes: list[str] = []
        for part in sorted(parts_dir.glob(f"*.{language}.po")):
            for message in read_po(part, locale=language):
                if not message.id:
                    continue
                key = (message.id, message.context)
                earlier = merged.get(key)
                if earlier is None:
                    merged[key] = message
                elif _as_list(earlier.string) != _as_list(message.string):
                    notes.append(f"conflict ({part.name} differs, first kept): {_label(message)}")
        catalog = _header_catalog(language)
        catalog._num_plurals, catalog._plural_expr = _plural_parts(language)
        for message in template:
            if not message.id:
                continue
            found = merged.pop((message.id, message.context), None)
            if found is None:
                continue
            catalog.add(
                message.id,
                string=found.string,
                locations=message.locations,
                flags=[f for f in found.flags if f != "fuzzy"] if not found.fuzzy else found.flags,
                context=message.context,
            )
        for (msgid, context), found in merged.items():  # translated but not (yet) extracted
            catalog.add(
                msgid, string=found.string, flags=found.flags, context=context, locations=[]
            )
        path = po_path(language, root)
        _write_po(catalog, path, omit_header=False, sort_output=False, include_previous=False)
        problems = check_catalogue(template, read_po(path, locale=language))
        report[language] = notes + problems.all()
    return report


def _plural_parts(language: str) -> tuple[int, str]:
    forms = PLURAL_FORMS[language]
    count = int(re.search(r"nplurals=(\d+)", forms).group(1))  # type: ignore[union-attr]
    expression = re.search(r"plural=(.*?);?$", forms).group(1).strip()  # type: ignore[union-attr]
    return count, expression


def summary(report: dict[str, list[str]] | dict[str, Problems], limit: int) -> Iterable[str]:
    for language, problems in report.items():
        lines = problems.all() if isinstance(problems, Problems) else problems
        yield f"{language}: {len(lines)} problem(s)"
        for line in lines[:limit]:
            yield f"  {line}"
        if len(lines) > limit:
            yield f"  ... and {len(lines) - limit} more"


def main(argv: list[str]) -> int:
    """`python -m planserv.core.i18n_catalogues compile`: no Django settings needed."""
    if argv[:1] != ["compile"]:
        sys.stderr.write("usage: python -m planserv.core.i18n_catalogues compile [--force]\n")
        return 2
    for mo in compile_catalogues(force="--force" in argv):
        sys.stdout.write(f"compiled {mo.relative_to(REPO_DIR)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
