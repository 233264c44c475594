"""Attachments, the support upload policy (R-SUP-3, REL-8).

A file is accepted only if its name is a plain file name with an allowed extension, its size is
1 byte to the upload limit (10 MB), and its content, sniffed by `filetype`, is of the type its
extension claims (plain text has no signature: it must decode as UTF-8 without NUL bytes). Reading,
storage and serving are core.uploads' (generated storage names; the client's name is a label).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import File

from planserv.core import uploads
from planserv.core.uploads import UploadLike
from planserv.support.errors import (
    AttachmentEmpty,
    AttachmentNameInvalid,
    AttachmentTooLarge,
    AttachmentTypeNotAllowed,
    TooManyAttachments,
)

MAX_ATTACHMENTS_PER_MESSAGE = 5
MAX_NAME_LENGTH = 150
STORAGE_DIRECTORY = "support"
TEXT_MIME = "text/plain"

# extension → the MIME type its content must sniff as (None: plain text, which has no signature)
ALLOWED_TYPES: dict[str, str | None] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": None,
}
ALLOWED_LABEL = "PDF, PNG, JPEG, DOCX, XLSX or TXT"
ACCEPT_EXTENSIONS = ",".join(f".{extension}" for extension in ALLOWED_TYPES)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass(frozen=True)
class AttachmentUpload:
    """A file as the client sent it: the name exactly as given and its content."""

    name: str
    size: int
    file: UploadLike

    @classmethod
    def of(cls, upload: UploadLike) -> AttachmentUpload:
        return cls(name=upload.name or "", size=int(upload.size or 0), file=upload)


@dataclass(frozen=True)
class CheckedAttachment:
    original_name: str
    extension: str
    content_type: str
    size: int
    content: bytes
    sha256: str


def max_upload_bytes() -> int:
    return int(getattr(settings, "PLANSERV_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def check_name(name: str) -> str:
    """The file's label if `name` is a plain file name with an allowed extension; else refuse."""
    cleaned = name.strip()
    if (
        not cleaned
        or len(cleaned) > MAX_NAME_LENGTH
        or _UNSAFE_NAME.search(cleaned)
        or cleaned.startswith(".")
        or ".." in cleaned
        or cleaned.endswith((".", " "))
    ):
        raise AttachmentNameInvalid(
            f"The file name {name[:80]!r} is not a plain file name: use at most "
            f"{MAX_NAME_LENGTH} characters, no folders, no '..', no leading dot and none of "
            '\\ / : * ? " < > | (R-SUP-3).',
            details={"name": name[:200]},
        )
    return cleaned


def _extension(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise AttachmentTypeNotAllowed(
            f"{name} is not an allowed file type: attach a {ALLOWED_LABEL} file (R-SUP-3).",
            details={"name": name, "allowed": sorted(ALLOWED_TYPES)},
        )
    return extension


def _read_limited(upload: AttachmentUpload, limit: int) -> bytes:
    content = uploads.read_limited(upload.file, limit)
    if content is None:
        raise AttachmentTooLarge(
            f"{upload.name} is larger than the {limit // (1024 * 1024)} MB limit (R-SUP-3).",
            details={"name": upload.name, "limit_bytes": limit},
        )
    return content


def _sniffed_type(name: str, extension: str, content: bytes) -> str:
    expected = ALLOWED_TYPES[extension]
    detected = uploads.detected_type(content)
    if expected is None:
        if detected is None and b"\x00" not in content:
            try:
                content.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return TEXT_MIME
    elif detected == expected:
        return expected
    found = detected or "unrecognised binary content"
    raise AttachmentTypeNotAllowed(
        f"{name} is named as .{extension} but its content is {found}: attach a real "
        f"{ALLOWED_LABEL} file (R-SUP-3).",
        details={"name": name, "extension": extension, "detected": found},
    )


def check_upload(upload: AttachmentUpload) -> CheckedAttachment:
    """Refuse a bad name, type or size (R-SUP-3); the checked file and its content otherwise."""
    name = check_name(upload.name)
    extension = _extension(name)
    limit = max_upload_bytes()
    if upload.size > limit:
        raise AttachmentTooLarge(
            f"{name} is {upload.size:,} bytes; the limit is {limit // (1024 * 1024)} MB (R-SUP-3).",
            details={"name": name, "size": upload.size, "limit_bytes": limit},
        )
    content = _read_limited(upload, limit)
    if not content:
        raise AttachmentEmpty(f"{name} is empty (R-SUP-3).", details={"name": name})
    return CheckedAttachment(
        original_name=name,
        extension=extension,
        content_type=_sniffed_type(name, extension, content),
        size=len(content),
        content=content,
        sha256=uploads.content_sha256(content),
    )


def check_uploads(uploads: Sequence[AttachmentUpload]) -> list[CheckedAttachment]:
    """Check every file before anything is written, so a refusal changes nothing."""
    if len(uploads) > MAX_ATTACHMENTS_PER_MESSAGE:
        raise TooManyAttachments(
            f"At most {MAX_ATTACHMENTS_PER_MESSAGE} files may be attached to one message; "
            f"{len(uploads)} were sent (R-SUP-3).",
            details={"count": len(uploads), "limit": MAX_ATTACHMENTS_PER_MESSAGE},
        )
    return [check_upload(upload) for upload in uploads]


def store(checked: CheckedAttachment) -> str:
    """Write the content under a generated name; returns the storage name."""
    return uploads.store(checked.content, directory=STORAGE_DIRECTORY, extension=checked.extension)


def open_stored(stored_name: str) -> File:
    """The stored file, opened for reading (the caller streams and closes it)."""
    return uploads.open_stored(stored_name)
