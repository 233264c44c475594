"""Deliverable files (R-DEL-2): type checked from the bytes with `filetype`, at most 10 MB each,
stored in the default storage under a generated name; the client's file name is never a path
(it is kept, cleaned, only as the name offered on download). Served only through a view that
checks access (vouchers.selectors.access_deliverable)."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

import filetype
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage

from planserv.vouchers.errors import (
    DeliverableMissing,
    DeliverableTooLarge,
    TooManyDeliverables,
    UnsupportedDeliverableType,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
DIRECTORY = "vouchers/deliverables"
TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
_UNSAFE = re.compile(r"[^\w.\- ()]+")


@dataclass(frozen=True)
class Upload:
    """A file as received: the client's name (display only) and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    content: bytes
    content_type: str
    extension: str
    sha256: str


def _stem(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return _UNSAFE.sub("", stem).strip(" .")[:120] or "deliverable"


def clean_name(name: str, extension: str) -> str:
    """A display name: the last path part, odd characters dropped, the checked extension."""
    return f"{_stem(name)}.{extension}"


def check_one(upload: Upload) -> CheckedFile:
    size = len(upload.content)
    if size > MAX_BYTES:
        raise DeliverableTooLarge(
            f"{_stem(upload.name)} is {size / 1024 / 1024:.1f} MB; a deliverable "
            f"may be at most {MAX_BYTES // 1024 // 1024} MB (R-DEL-2).",
            details={"max_bytes": MAX_BYTES, "size": size},
        )
    kind = filetype.guess(upload.content) if upload.content else None
    if kind is None or kind.mime not in TYPES:
        found = kind.mime if kind is not None else ("empty" if not size else "unknown")
        raise UnsupportedDeliverableType(
            "A deliverable must be a PDF, DOCX, PPTX or XLSX file (checked from its content); "
            f"this file is {found} (R-DEL-2).",
            details={"detected": found, "allowed": sorted(TYPES.values())},
        )
    extension = TYPES[kind.mime]
    return CheckedFile(
        original_name=clean_name(upload.name, extension),
        content=upload.content,
        content_type=kind.mime,
        extension=extension,
        sha256=hashlib.sha256(upload.content).hexdigest(),
    )


def check_all(uploads: list[Upload]) -> list[CheckedFile]:
    """Refuse a report without a deliverable, with too many, or with any file refused."""
    if not uploads:
        raise DeliverableMissing(
            "Attach at least one customer deliverable (the plan) as PDF, DOCX, PPTX or XLSX "
            "(R-DEL-2).",
            details={},
        )
    if len(uploads) > MAX_FILES:
        raise TooManyDeliverables(
            f"Attach at most {MAX_FILES} deliverable files (R-DEL-2).",
            details={"max_files": MAX_FILES},
        )
    return [check_one(upload) for upload in uploads]


def store(checked: CheckedFile) -> str:
    """Save under a generated name; returns the storage name."""
    name = f"{DIRECTORY}/{uuid.uuid4().hex}.{checked.extension}"
    return default_storage.save(name, ContentFile(checked.content))


def open_file(storage_name: str) -> File:
    return default_storage.open(storage_name, "rb")


def delete(storage_name: str) -> None:
    if storage_name and default_storage.exists(storage_name):
        default_storage.delete(storage_name)
