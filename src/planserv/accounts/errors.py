from planserv.core.errors import Conflict, Forbidden, InvalidInput, NotFound


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


# --- people and access (R-PPL-1, R-PPL-2; docs/people.md) ------------------------------------


class MemberNotFound(NotFound):
    code = "member_not_found"


class InvitationNotFound(NotFound):
    code = "invitation_not_found"


class InvitationNotPending(Conflict):
    """Accepted, revoked or expired: the link works once, for 7 days (R-PPL-1)."""

    code = "invitation_not_pending"
    rule = "R-PPL-1"


class InvitationAlreadyPending(Conflict):
    code = "invitation_already_pending"
    rule = "R-PPL-1"


class AlreadyMember(Conflict):
    code = "already_member"
    rule = "R-PPL-1"


class RolesRequired(InvalidInput):
    code = "roles_required"
    rule = "R-PPL-1"


class LastManagingMember(Conflict):
    """An organisation never loses its last managing member (R-PPL-1)."""

    code = "last_managing_member"
    rule = "R-PPL-1"


class ResetLinkInvalid(Conflict):
    """Unknown, used or expired: a reset link works once, for an hour (R-PPL-2)."""

    code = "reset_link_invalid"
    rule = "R-PPL-2"


class PasswordRejected(InvalidInput):
    """Django's password validators, or a wrong current password (R-PPL-2)."""

    code = "password_rejected"
    rule = "R-PPL-2"


class SecondFactorRequired(Forbidden):
    """The acting session or token did not pass the second factor (R-PPL-3)."""

    code = "second_factor_required"
    rule = "R-PPL-3"


class SecondFactorCodeWrong(InvalidInput):
    code = "second_factor_code_wrong"
    rule = "R-PPL-3"


class SecondFactorAlreadyOn(Conflict):
    code = "second_factor_already_on"
    rule = "R-PPL-3"


class SecondFactorNotOn(Conflict):
    code = "second_factor_not_on"
    rule = "R-PPL-3"


class SecondFactorStillRequired(Conflict):
    """Operator staff cannot turn their second factor off."""

    code = "second_factor_still_required"
    rule = "R-PPL-3"


class SecondFactorResetNotAllowed(Forbidden):
    code = "second_factor_reset_not_allowed"
    rule = "R-PPL-3"


class SingleSignOnInvalid(InvalidInput):
    code = "single_sign_on_invalid"
    rule = "R-PPL-2"


class SingleSignOnNotAllowed(Forbidden):
    code = "single_sign_on_not_allowed"
    rule = "R-PPL-2"


class SingleSignOnNotFound(NotFound):
    code = "single_sign_on_not_found"
