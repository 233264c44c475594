"""Logo files, the partners' upload policy: PNG, JPEG, GIF or WebP (checked from the bytes), at
most 1 MB. Storage and serving are core.uploads'; served only through a view that checks access
(partners.selectors.access_logo)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import File
from django.utils.translation import gettext as _

from planserv.core import uploads
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
            _("The logo is larger than %(limit_kb)s KB; upload a smaller image.")
            % {"limit_kb": LOGO_MAX_BYTES // 1024},
            details={"max_bytes": LOGO_MAX_BYTES},
        )
    detected = uploads.detected_type(content)
    if detected is None or detected not in LOGO_TYPES:
        allowed = ", ".join(sorted(extension.upper() for extension in LOGO_TYPES.values()))
        found = detected or "unknown"
        raise UnsupportedFileType(
            _("The logo must be an image of type %(allowed)s; this file is %(found)s.")
            % {"allowed": allowed, "found": found},
            details={"detected": found, "allowed": sorted(LOGO_TYPES)},
        )
    return CheckedImage(content=content, content_type=detected, extension=LOGO_TYPES[detected])


def logo_store(image: CheckedImage) -> str:
    """Save under a generated name and return the storage name."""
    return uploads.store(image.content, directory=LOGO_DIRECTORY, extension=image.extension)


def logo_open(name: str) -> File:
    return uploads.open_stored(name)


def logo_delete(name: str) -> None:
    uploads.delete_stored(name)
