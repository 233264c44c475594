"""Evidence files of competency and exam claims, the partners' upload policy (R-EVD-1): a PDF,
PNG or JPEG certificate or transcript (checked from the bytes), at most 5 MB. Storage and serving
are core.uploads'; served only through a view that calls partners.selectors.access_claim_evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.files.base import File
from django.utils.translation import gettext as _

from planserv.core import uploads
from planserv.core.uploads import UploadLike
from planserv.partners.errors import EvidenceMissing, FileTooLarge, UnsupportedFileType

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
EVIDENCE_DIRECTORY = "partners/evidence"
MAX_LABEL = 150
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass(frozen=True)
class CheckedEvidence:
    label: str
    content: bytes
    content_type: str
    extension: str


def evidence_check(upload: UploadLike) -> CheckedEvidence:
    """Refuse empty or oversize files and anything whose bytes are not PDF, PNG or JPEG."""
    if int(upload.size or 0) > EVIDENCE_MAX_BYTES:
        raise FileTooLarge(
            _("The evidence file is larger than %(limit_mb)s MB.")
            % {"limit_mb": EVIDENCE_MAX_BYTES // (1024 * 1024)},
            details={"max_bytes": EVIDENCE_MAX_BYTES},
        )
    content = uploads.read_limited(upload, EVIDENCE_MAX_BYTES)
    if content is None:
        raise FileTooLarge(
            _("The evidence file is larger than %(limit_mb)s MB.")
            % {"limit_mb": EVIDENCE_MAX_BYTES // (1024 * 1024)},
            details={"max_bytes": EVIDENCE_MAX_BYTES},
        )
    if not content:
        raise EvidenceMissing(_("The evidence file is empty."))
    detected = uploads.detected_type(content)
    if detected is None or detected not in EVIDENCE_TYPES:
        found = detected or "unknown"
        raise UnsupportedFileType(
            _("The evidence must be a PDF, PNG or JPEG file; this file is %(found)s.")
            % {"found": found},
            details={"detected": found, "allowed": sorted(EVIDENCE_TYPES)},
        )
    label = _UNSAFE.sub("_", (upload.name or "").strip())[:MAX_LABEL] or "evidence"
    return CheckedEvidence(
        label=label, content=content, content_type=detected, extension=EVIDENCE_TYPES[detected]
    )


def evidence_store(evidence: CheckedEvidence) -> str:
    """Save under a generated name and return the storage name."""
    return uploads.store(
        evidence.content, directory=EVIDENCE_DIRECTORY, extension=evidence.extension
    )


def evidence_open(name: str) -> File:
    return uploads.open_stored(name)


def evidence_delete(name: str) -> None:
    uploads.delete_stored(name)
