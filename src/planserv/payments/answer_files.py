"""Files attached to the answer to a held payment request (R-PAY-5): PDF, DOCX, XLSX, PNG or
JPEG, checked from the bytes, at most 10 MB each and 5 per answer. Storage and serving are
core.uploads'; read through payments.selectors.access_answer_file (the firm and the operator)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planserv.core import uploads
from planserv.payments.errors import AnswerFileRefused
from planserv.vouchers.deliverables import Upload, clean_name

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
DIRECTORY = "payments/answers"
TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/png": "png",
    "image/jpeg": "jpg",
}


@dataclass(frozen=True)
class CheckedAnswerFile:
    original_name: str
    content: bytes
    content_type: str
    extension: str
    sha256: str


def check_answer_files(files: Sequence[Upload]) -> list[CheckedAnswerFile]:
    """Every file checked before anything is written; AnswerFileRefused names the problem."""
    if len(files) > MAX_FILES:
        raise AnswerFileRefused(
            _("Attach at most %(MAX_FILES)s files to an answer (R-PAY-5).")
            % {"MAX_FILES": MAX_FILES},
            details={"max_files": MAX_FILES},
        )
    checked = []
    for upload in files:
        if len(upload.content) > MAX_BYTES:
            raise AnswerFileRefused(
                _("%(name)s is larger than %(limit_mb)s MB (R-PAY-5).")
                % {"name": clean_name(upload.name, "file"), "limit_mb": MAX_BYTES // 1024 // 1024},
                details={"max_bytes": MAX_BYTES},
            )
        detected = uploads.detected_type(upload.content)
        if detected not in TYPES:
            raise AnswerFileRefused(
                _(
                    "An answer's files must be PDF, DOCX, XLSX, PNG or JPEG (checked from their "
                    "content); %(name)s is not (R-PAY-5)."
                )
                % {"name": clean_name(upload.name, "file")},
                details={"detected": detected or "unknown", "allowed": sorted(TYPES.values())},
            )
        extension = TYPES[detected]
        checked.append(
            CheckedAnswerFile(
                original_name=clean_name(upload.name, extension),
                content=upload.content,
                content_type=detected,
                extension=extension,
                sha256=uploads.content_sha256(upload.content),
            )
        )
    return checked


def store(checked: CheckedAnswerFile) -> str:
    return uploads.store(checked.content, directory=DIRECTORY, extension=checked.extension)
