"""Logo files: type checked from the bytes (filetype), size limited, stored under a generated name.

The uploaded file name is never used for storage (no path tricks); files live in the default
storage (MEDIA_ROOT, outside the web root) and are served only through a view that checks access.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import filetype
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage

from planserv.partners.errors import FileTooLarge, UnsupportedFileType

LOGO_MAX_BYTES = 1024 * 1024
LOGO_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}
LOGO_DIRECTORY = "partners/logos"


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    content_type: str
    extension: str


def logo_check(content: bytes) -> CheckedImage:
    """Refuse empty or oversize files and anything whose bytes are not PNG, JPEG, GIF or WebP."""
    if len(content) > LOGO_MAX_BYTES:
        raise FileTooLarge(
            f"The logo is larger than {LOGO_MAX_BYTES // 1024} KB; upload a smaller image.",
            details={"max_bytes": LOGO_MAX_BYTES},
        )
    kind = filetype.guess(content) if content else None
    if kind is None or kind.mime not in LOGO_TYPES:
        allowed = ", ".join(sorted(extension.upper() for extension in LOGO_TYPES.values()))
        found = kind.mime if kind is not None else "unknown"
        raise UnsupportedFileType(
            f"The logo must be an image of type {allowed}; this file is {found}.",
            details={"detected": found, "allowed": sorted(LOGO_TYPES)},
        )
    return CheckedImage(content=content, content_type=kind.mime, extension=LOGO_TYPES[kind.mime])


def logo_store(image: CheckedImage) -> str:
    """Save under a generated name and return the storage name."""
    name = f"{LOGO_DIRECTORY}/{uuid.uuid4().hex}.{image.extension}"
    return default_storage.save(name, ContentFile(image.content))


def logo_open(name: str) -> File:
    return default_storage.open(name, "rb")


def logo_delete(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)
