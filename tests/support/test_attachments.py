"""R-SUP-3 / REL-8: attachments are PDF, PNG, JPEG, DOCX, XLSX or TXT by content (filetype), at most
10 MB, with a plain file name; stored under a generated name outside the web root; a refusal
writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from planserv.audit.models import AuditEvent
from planserv.support.attachments import MAX_ATTACHMENTS_PER_MESSAGE
from planserv.support.errors import (
    AttachmentEmpty,
    AttachmentNameInvalid,
    AttachmentRefused,
    AttachmentTooLarge,
    AttachmentTypeNotAllowed,
    TooManyAttachments,
)
from planserv.support.models import SupportAttachment, SupportRequest
from tests.factories import support as support_factory

pytestmark = pytest.mark.django_db
TEN_MB = 10 * 1024 * 1024
f = support_factory


@pytest.fixture
def partner(persona):
    return persona("partner_admin").membership


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_nothing_written() -> None:
    assert not SupportRequest.objects.exists()
    assert not SupportAttachment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="support.").exists()
    assert stored_files() == []


class TestAccepted:
    @pytest.mark.parametrize(
        ("name", "content", "content_type"),
        [
            ("plan.pdf", f.pdf_bytes(), "application/pdf"),
            ("screenshot.PNG", f.png_bytes(), "image/png"),
            ("photo.jpg", f.jpeg_bytes(), "image/jpeg"),
            ("photo.jpeg", f.jpeg_bytes(), "image/jpeg"),
            (
                "report.docx",
                f.docx_bytes(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            (
                "days.xlsx",
                f.xlsx_bytes(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ("notes.txt", f.txt_bytes(), "text/plain"),
        ],
    )
    def test_each_allowed_type_is_stored_under_a_generated_name_r_sup_3(
        self, partner, name, content, content_type
    ):
        request = f.open_request(partner, attachments=[f.upload(name, content)])
        [attachment] = request.attachments.all()
        assert attachment.original_name == name
        assert attachment.content_type == content_type
        assert attachment.size == len(content)
        assert attachment.stored_name.startswith("support/")
        assert name.rsplit(".", 1)[0] not in attachment.stored_name
        [path] = stored_files()
        assert path.read_bytes() == content
        assert Path(settings.MEDIA_ROOT) in path.parents

    def test_a_file_of_exactly_ten_megabytes_is_accepted_r_sup_3(self, partner):
        content = f.pdf_bytes() + b"0" * (TEN_MB - len(f.pdf_bytes()))
        request = f.open_request(partner, attachments=[f.upload("big.pdf", content)])
        assert request.attachments.get().size == TEN_MB


class TestRefused:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100),
            ("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 100),  # a Windows executable named .pdf
            ("invoice.pdf", f.png_bytes()),  # a PNG named .pdf
            ("diagram.png", f.pdf_bytes()),
            ("report.docx", f.xlsx_bytes()),  # a spreadsheet named .docx
            ("archive.zip", b"PK\x03\x04" + b"\x00" * 60),
            ("report.docx", b"PK\x03\x04" + b"\x00" * 60),  # a plain zip named .docx
            ("notes.txt", b"\x00\x01\x02binary"),  # binary content named .txt
            ("notes.txt", f.pdf_bytes()),  # a PDF named .txt
            ("notes.txt", "latin-1 caf\xe9".encode("latin-1")),  # not UTF-8 text
            ("page.html", b"<html><script>alert(1)</script></html>"),
            ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            ("macro.docm", f.docx_bytes()),
            ("README", b"no extension"),
        ],
    )
    def test_wrong_type_is_refused_r_sup_3(self, partner, name, content):
        with pytest.raises(AttachmentTypeNotAllowed) as refused:
            f.open_request(partner, attachments=[f.upload(name, content)])
        assert refused.value.http_status == 400 and refused.value.rule == "R-SUP-3"
        assert_nothing_written()

    def test_a_file_over_ten_megabytes_is_refused_r_sup_3(self, partner):
        content = f.pdf_bytes() + b"0" * (TEN_MB + 1 - len(f.pdf_bytes()))
        with pytest.raises(AttachmentTooLarge, match="10 MB"):
            f.open_request(partner, attachments=[f.upload("big.pdf", content)])
        assert_nothing_written()

    def test_a_declared_size_that_lies_is_caught_while_reading_r_sup_3(self, partner):
        content = f.pdf_bytes() + b"0" * (TEN_MB + 10)
        lying = f.AttachmentUpload(name="big.pdf", size=100, file=f.RawUpload("big.pdf", content))
        with pytest.raises(AttachmentTooLarge):
            f.open_request(partner, attachments=[lying])
        assert_nothing_written()

    def test_an_empty_file_is_refused(self, partner):
        with pytest.raises(AttachmentEmpty):
            f.open_request(partner, attachments=[f.upload("empty.txt", b"")])
        assert_nothing_written()

    @pytest.mark.parametrize(
        "name",
        [
            "../../etc/passwd.txt",
            "..\\..\\windows\\system.ini.txt",
            "/etc/cron.d/evil.txt",
            "C:\\Users\\evil.txt",
            "C:evil.txt",
            "folder/notes.txt",
            "..notes.txt",
            "notes..txt",
            ".htaccess.txt",
            "notes.txt\x00.exe",
            "notes\n.txt",
            "notes.txt.",
            "a" * 151 + ".txt",
            "",
            "   ",
        ],
    )
    def test_path_tricks_in_the_file_name_are_refused_r_sup_3(self, partner, name):
        with pytest.raises(AttachmentNameInvalid):
            f.open_request(partner, attachments=[f.upload(name, f.txt_bytes())])
        assert_nothing_written()

    def test_one_bad_file_among_good_ones_refuses_them_all(self, partner):
        good = f.upload("plan.pdf", f.pdf_bytes())
        bad = f.upload("evil.exe", b"MZ")
        with pytest.raises(AttachmentRefused):
            f.open_request(partner, attachments=[good, bad])
        assert_nothing_written()

    def test_too_many_files_are_refused(self, partner):
        files = [
            f.upload(f"n{i}.txt", f.txt_bytes()) for i in range(MAX_ATTACHMENTS_PER_MESSAGE + 1)
        ]
        with pytest.raises(TooManyAttachments):
            f.open_request(partner, attachments=files)
        assert_nothing_written()

    def test_refusals_on_a_reply_leave_the_request_unchanged(self, partner):
        from planserv.support.services import support_request_reply

        request = f.open_request(partner)
        with pytest.raises(AttachmentTypeNotAllowed):
            support_request_reply(
                support_request=request,
                body="Here is the log",
                attachments=[f.upload("log.exe", b"MZ")],
                actor=f.actor(partner),
                today=f.TODAY,
                at=f.AT,
            )
        assert request.messages.count() == 1
        assert not SupportAttachment.objects.exists()
