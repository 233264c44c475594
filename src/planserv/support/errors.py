"""Refusals of the support capability, with stable codes (docs/support.md lists the rules)."""

from __future__ import annotations

from planserv.core.errors import Forbidden, InvalidInput, NotFound, RuleViolation


class SupportRequestNotFound(NotFound):
    code = "support_request_not_found"


class SupportAttachmentNotFound(NotFound):
    code = "support_attachment_not_found"


class NotQueueAgent(Forbidden):
    code = "not_queue_agent"
    rule = "R-SUP-1"


class RequesterOnly(Forbidden):
    code = "requester_only"
    rule = "R-ROLE-1"


class SupportStaffOnly(Forbidden):
    code = "support_staff_only"
    rule = "R-ROLE-1"


class NoSupportQueue(RuleViolation):
    code = "no_support_queue"
    rule = "R-SUP-1"


class SupportInputInvalid(InvalidInput):
    code = "support_input_invalid"


class AttachmentRefused(InvalidInput):
    """R-SUP-3 / REL-8: an upload failing the type, size or name checks."""

    code = "attachment_refused"
    rule = "R-SUP-3"


class AttachmentTypeNotAllowed(AttachmentRefused):
    code = "attachment_type_not_allowed"


class AttachmentTooLarge(AttachmentRefused):
    code = "attachment_too_large"


class AttachmentEmpty(AttachmentRefused):
    code = "attachment_empty"


class AttachmentNameInvalid(AttachmentRefused):
    code = "attachment_name_invalid"


class TooManyAttachments(AttachmentRefused):
    code = "too_many_attachments"
