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
from django.utils.translation import gettext as _

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
            _(
                "The file name %(name)r is not a plain file name: use at most "
                "%(MAX_NAME_LENGTH)s characters, no folders, no '..', no leading dot and none of "
                '\\ / : * ? " < > | (R-SUP-3).'
            )
            % {"name": name[:80], "MAX_NAME_LENGTH": MAX_NAME_LENGTH},
            details={"name": name[:200]},
        )
    return cleaned


def _extension(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise AttachmentTypeNotAllowed(
            _("%(name)s is not an allowed file type: attach a %(ALLOWED_LABEL)s file (R-SUP-3).")
            % {"name": name, "ALLOWED_LABEL": ALLOWED_LABEL},
            details={"name": name, "allowed": sorted(ALLOWED_TYPES)},
        )
    return extension


def _read_limited(upload: AttachmentUpload, limit: int) -> bytes:
    content = uploads.read_limited(upload.file, limit)
    if content is None:
        raise AttachmentTooLarge(
            _("%(name)s is larger than the %(limit_mb)s MB limit (R-SUP-3).")
            % {"name": upload.name, "limit_mb": limit // (1024 * 1024)},
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
        _(
            "%(name)s is named as .%(extension)s but its content is %(found)s: attach a real "
            "%(ALLOWED_LABEL)s file (R-SUP-3)."
        )
        % {"name": name, "extension": extension, "found": found, "ALLOWED_LABEL": ALLOWED_LABEL},
        details={"name": name, "extension": extension, "detected": found},
    )


def check_upload(upload: AttachmentUpload) -> CheckedAttachment:
    """Refuse a bad name, type or size (R-SUP-3); the checked file and its content otherwise."""
    name = check_name(upload.name)
    extension = _extension(name)
    limit = max_upload_bytes()
    if upload.size > limit:
        raise AttachmentTooLarge(
            _("%(name)s is %(size)s bytes; the limit is %(limit_mb)s MB (R-SUP-3).")
            % {"name": name, "size": format(upload.size, ","), "limit_mb": limit // (1024 * 1024)},
            details={"name": name, "size": upload.size, "limit_bytes": limit},
        )
    content = _read_limited(upload, limit)
    if not content:
        raise AttachmentEmpty(
            _("%(name)s is empty (R-SUP-3).") % {"name": name}, details={"name": name}
        )
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
            _(
                "At most %(MAX_ATTACHMENTS_PER_MESSAGE)s files may be attached to one message; "
                "%(uploads)s were sent (R-SUP-3)."
            )
            % {"MAX_ATTACHMENTS_PER_MESSAGE": MAX_ATTACHMENTS_PER_MESSAGE, "uploads": len(uploads)},
            details={"count": len(uploads), "limit": MAX_ATTACHMENTS_PER_MESSAGE},
        )
    return [check_upload(upload) for upload in uploads]


def store(checked: CheckedAttachment) -> str:
    """Write the content under a generated name; returns the storage name."""
    return uploads.store(checked.content, directory=STORAGE_DIRECTORY, extension=checked.extension)


def open_stored(stored_name: str) -> File:
    """The stored file, opened for reading (the caller streams and closes it)."""
    return uploads.open_stored(stored_name)
