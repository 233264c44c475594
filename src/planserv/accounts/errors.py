from planserv.core.errors import Conflict, InvalidInput, NotFound


class TokenNotFound(NotFound):
    code = "token_not_found"


class TokenAlreadyRevoked(Conflict):
    code = "token_already_revoked"


class MembershipNotFound(NotFound):
    code = "membership_not_found"


class InvalidRoleForOrganisation(InvalidInput):
    code = "invalid_role_for_organisation"
    rule = "R-ROLE-1"


class ActingReasonRequired(InvalidInput):
    code = "acting_reason_required"
    rule = "R-ROLE-1"


class ActingNotAllowed(InvalidInput):
    """Acting is for partner and customer organisations only, in one of their roles."""

    code = "acting_not_allowed"
    rule = "R-ROLE-1"


class ActingSessionNotFound(NotFound):
    code = "acting_session_not_found"


class InvalidTokenExpiry(InvalidInput):
    code = "invalid_token_expiry"
