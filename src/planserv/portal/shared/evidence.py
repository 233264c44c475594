"""Evidence files of R-EVD-1 claims, for the firm that claimed and for operators: each side's view
(its own URL, its own kind check) answers through `evidence_file`."""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from planserv.core import uploads
from planserv.partners import evidence as evidence_files
from planserv.partners.selectors import access_claim_evidence
from planserv.portal.decorators import actor_of

_RULE_IDS = re.compile(r"\s*\((?:R|REL|PERF)-[A-Z]+-?\d*(?:, (?:R|REL|PERF)-[A-Z]+-?\d*)*\)")


def plain(message: str) -> str:
    """A refusal in the users' words: the sentence without its rule ids."""
    return _RULE_IDS.sub("", message)


def evidence_file(request: HttpRequest, claim_id: int) -> HttpResponseBase:
    """A claim's evidence file, to the firm that claimed and to operators; as a download."""
    claim = access_claim_evidence(actor=actor_of(request), claim_id=claim_id)
    try:
        stored = evidence_files.evidence_open(claim.evidence_name)
    except FileNotFoundError:
        return render(request, "portal/common/not_found.html", {}, status=404)
    return uploads.file_response(
        stored, content_type=claim.evidence_content_type, download_name=claim.evidence_label
    )
