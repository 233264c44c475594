"""Deliverable files, the vouchers' upload policy (R-DEL-2): PDF, DOCX, PPTX or XLSX (checked from
the bytes), at most 10 MB each and 10 per report; the client's file name is kept, cleaned, only as
the name offered on download. Storage and serving are core.uploads'; served only through a view
that checks access (vouchers.selectors.access_deliverable)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.files.base import File
from django.utils.translation import gettext as _

from planserv.core import uploads
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
            _("%(name)s is %(size_mb)s MB; a deliverable may be at most %(limit_mb)s MB (R-DEL-2).")
            % {
                "name": _stem(upload.name),
                "size_mb": format(size / 1024 / 1024, ".1f"),
                "limit_mb": MAX_BYTES // 1024 // 1024,
            },
            details={"max_bytes": MAX_BYTES, "size": size},
        )
    detected = uploads.detected_type(upload.content)
    if detected is None or detected not in TYPES:
        found = detected or ("empty" if not size else "unknown")
        raise UnsupportedDeliverableType(
            _(
                "A deliverable must be a PDF, DOCX, PPTX or XLSX file (checked from its "
                "content); this file is %(found)s (R-DEL-2)."
            )
            % {"found": found},
            details={"detected": found, "allowed": sorted(TYPES.values())},
        )
    extension = TYPES[detected]
    return CheckedFile(
        original_name=clean_name(upload.name, extension),
        content=upload.content,
        content_type=detected,
        extension=extension,
        sha256=uploads.content_sha256(upload.content),
    )


def check_all(uploads: list[Upload]) -> list[CheckedFile]:
    """Refuse a report without a deliverable, with too many, or with any file refused."""
    if not uploads:
        raise DeliverableMissing(
            _(
                "Attach at least one customer deliverable (the plan) as PDF, DOCX, PPTX or XLSX "
                "(R-DEL-2)."
            ),
            details={},
        )
    if len(uploads) > MAX_FILES:
        raise TooManyDeliverables(
            _("Attach at most %(MAX_FILES)s deliverable files (R-DEL-2).")
            % {"MAX_FILES": MAX_FILES},
            details={"max_files": MAX_FILES},
        )
    return [check_one(upload) for upload in uploads]


def store(checked: CheckedFile) -> str:
    """Save under a generated name; returns the storage name."""
    return uploads.store(checked.content, directory=DIRECTORY, extension=checked.extension)


def open_file(storage_name: str) -> File:
    return uploads.open_stored(storage_name)


def delete(storage_name: str) -> None:
    uploads.delete_stored(storage_name)
