"""Factories for the support capability: agents in queues, requests, and real files of each type."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from planserv.accounts.models import Membership, Organisation
from planserv.accounts.selectors import actor_for_membership
from planserv.core.actor import Actor
from planserv.support.attachments import AttachmentUpload
from planserv.support.models import SupportQueue, SupportRequest
from planserv.support.services import support_agent_assign, support_request_open
from tests.factories import accounts as account_factory

TODAY = dt.date(2021, 6, 15)
AT = dt.datetime(2021, 6, 15, 9, 0, tzinfo=dt.UTC)


def actor(membership: Membership) -> Actor:
    return actor_for_membership(membership)


def queue(code: str) -> SupportQueue:
    return SupportQueue.objects.get(code=code)


def agent(operator: Organisation, *queue_codes: str, email: str | None = None) -> Membership:
    """A new operator support login working the given queues."""
    membership = account_factory.member(operator, "support", email=email)
    for code in queue_codes:
        support_agent_assign(
            membership=membership,
            queue=queue(code),
            actor=account_factory.SYSTEM,
            today=TODAY,
            at=AT,
        )
    return membership


class RawUpload:
    """An upload whose name is exactly what a client sent (Django's UploadedFile would strip
    directories), to prove the service refuses path tricks itself."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name = name
        self.size = len(content)
        self._buffer = io.BytesIO(content)

    def chunks(self, chunk_size: int | None = None) -> Any:
        self._buffer.seek(0)
        while chunk := self._buffer.read(chunk_size or 64 * 1024):
            yield chunk

    def seek(self, offset: int) -> int:
        return self._buffer.seek(offset)


def upload(name: str, content: bytes) -> AttachmentUpload:
    return AttachmentUpload(name=name, size=len(content), file=RawUpload(name, content))


def django_upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + b"\x00" * 64
        + b"\xff\xd9"
    )


def _office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _office("word/document.xml")


def xlsx_bytes() -> bytes:
    return _office("xl/workbook.xml")


def txt_bytes() -> bytes:
    return "Engagement notes: Zürich workshop, 3 days.\n".encode()


def open_request(
    membership: Membership,
    *,
    subject: str = "When is the last redemption day?",
    category: str = "retirement",
    message: str = "We have two reserved vouchers; until when can we redeem them?",
    attachments: list[AttachmentUpload] | None = None,
    today: dt.date = TODAY,
    at: dt.datetime = AT,
) -> SupportRequest:
    return support_request_open(
        subject=subject,
        category=category,
        message=message,
        attachments=attachments or [],
        actor=actor(membership),
        today=today,
        at=at,
    )
