"""core.uploads: the one way every app reads, type-checks, stores and serves an uploaded file."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from planserv.core import uploads

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class ChunkedUpload:
    """An UploadLike that records how much of itself was read."""

    def __init__(self, content: bytes, chunk_size: int) -> None:
        self.name: str | None = "file.bin"
        self.size: int | None = len(content)
        self._content = content
        self._chunk_size = chunk_size
        self.read_bytes = 0

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        for start in range(0, len(self._content), self._chunk_size):
            chunk = self._content[start : start + self._chunk_size]
            self.read_bytes += len(chunk)
            yield chunk

    def seek(self, offset: int) -> int:
        return offset


class TestTypeCheck:
    def test_the_type_comes_from_the_bytes_not_the_name(self):
        assert uploads.detected_type(PDF) == "application/pdf"
        assert uploads.detected_type(PNG) == "image/png"

    def test_empty_or_unrecognised_content_has_no_type(self):
        assert uploads.detected_type(b"") is None
        assert uploads.detected_type(b"just some text") is None


class TestReadLimited:
    def test_reads_a_file_within_the_limit_whole(self):
        upload = ChunkedUpload(b"x" * 10, chunk_size=4)
        assert uploads.read_limited(upload, 10) == b"x" * 10

    def test_stops_reading_at_the_first_chunk_past_the_limit(self):
        upload = ChunkedUpload(b"x" * 100, chunk_size=4)
        assert uploads.read_limited(upload, 10) is None
        assert upload.read_bytes == 12


class TestStorage:
    def test_stores_under_a_generated_name_in_the_directory_and_deletes(self):
        first = uploads.store(PDF, directory="tests/uploads", extension="pdf")
        second = uploads.store(PDF, directory="tests/uploads", extension="pdf")
        assert first != second
        assert first.startswith("tests/uploads/") and first.endswith(".pdf")
        with uploads.open_stored(first) as stored:
            assert stored.read() == PDF
        uploads.delete_stored(first)
        uploads.delete_stored(first)  # already gone: a no-op
        uploads.delete_stored("")
        assert not default_storage.exists(first)
        assert default_storage.exists(second)
        uploads.delete_stored(second)


class TestServing:
    def test_a_download_is_an_attachment_under_its_label_and_never_sniffed(self):
        response = uploads.file_response(
            ContentFile(PDF, name="ignored.pdf"),
            content_type="application/pdf",
            download_name="Plan für Q3.pdf",
        )
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''Plan%20f%C3%BCr%20Q3.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert b"".join(response.streaming_content) == PDF

    def test_an_inline_file_names_no_storage_path(self):
        response = uploads.file_response(
            io.BytesIO(PNG), content_type="image/png", cache_control="public, max-age=300"
        )
        assert response["Content-Disposition"] == "inline"
        assert response["Cache-Control"] == "public, max-age=300"
        assert response["X-Content-Type-Options"] == "nosniff"
