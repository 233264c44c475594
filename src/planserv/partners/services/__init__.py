"""Every write of the partners domain (STYLE.md principle 2), one function per action."""

from planserv.partners.services.enrollment import (
    enrollment_create,
    enrollment_renew,
)
from planserv.partners.services.evidence import (
    Evidence,
    claim_reject,
    claim_verify,
    competency_claim,
    exam_claim,
)
from planserv.partners.services.firms import (
    competency_record,
    consultant_create,
    consultant_exam_record,
    location_create,
)
from planserv.partners.services.imports import ImportKind, ImportReport, partners_import
from planserv.partners.services.profile import (
    ProfileInput,
    profile_logo_remove,
    profile_logo_upload,
    profile_publish,
    profile_unpublish,
    profile_update,
)

__all__ = [
    "Evidence",
    "ImportKind",
    "ImportReport",
    "ProfileInput",
    "claim_reject",
    "claim_verify",
    "competency_claim",
    "competency_record",
    "consultant_create",
    "consultant_exam_record",
    "enrollment_create",
    "enrollment_renew",
    "exam_claim",
    "location_create",
    "partners_import",
    "profile_logo_remove",
    "profile_logo_upload",
    "profile_publish",
    "profile_unpublish",
    "profile_update",
]
