"""Uploaded files, one way for every app: read within a size limit, type checked from the bytes,
stored under a generated name, served only as a download the browser will not reinterpret.

An app keeps only its policy: the types it accepts, its size limit, its refusals (with their codes
and rule ids) and who may read a file (its `access_*` selector). The client's file name is never a
storage path: files live in the default storage (MEDIA_ROOT, outside the web root, never served
directly) under `<directory>/<uuid>.<extension>`; the client's name is kept, if at all, as a label.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from typing import Protocol

import filetype
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.http import FileResponse

# filetype reads at most this many leading bytes to recognise a signature.
SNIFF_BYTES = 8192
PRIVATE = "private, no-store"


class UploadLike(Protocol):
    """What an interface hands over: Django's UploadedFile fits."""

    name: str | None
    size: int | None

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...

    def seek(self, offset: int) -> int: ...


def detected_type(content: bytes) -> str | None:
    """The MIME type recognised from the content's signature, or None (empty or unrecognised)."""
    kind = filetype.guess(content[:SNIFF_BYTES]) if content else None
    return kind.mime if kind is not None else None


def read_limited(upload: UploadLike, limit: int) -> bytes | None:
    """The whole content, or None as soon as it runs over `limit` bytes (never read further)."""
    upload.seek(0)
    parts: list[bytes] = []
    total = 0
    for chunk in upload.chunks():
        total += len(chunk)
        if total > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def content_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def store(content: bytes, *, directory: str, extension: str) -> str:
    """Save under a generated name in `directory`; returns the storage name."""
    name = f"{directory}/{uuid.uuid4().hex}.{extension}"
    return default_storage.save(name, ContentFile(content))


def open_stored(name: str) -> File:
    """The stored file, opened for reading (the caller streams and closes it)."""
    return default_storage.open(name, "rb")


def delete_stored(name: str) -> None:
    """Remove a stored file; a missing or empty name is a no-op (cleanup after a rollback)."""
    if name and default_storage.exists(name):
        default_storage.delete(name)


def file_response(
    stored: File,
    *,
    content_type: str,
    download_name: str | None = None,
    cache_control: str = PRIVATE,
) -> FileResponse:
    """Stream a stored file: a download under `download_name`, or inline when it is None (images
    shown in a page). The declared type is final (nosniff) and the file, even opened directly,
    runs no script and loads nothing (a sandboxing Content-Security-Policy)."""
    response = FileResponse(
        stored,
        content_type=content_type,
        as_attachment=download_name is not None,
        filename=download_name or "",
    )
    if download_name is None:
        response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
