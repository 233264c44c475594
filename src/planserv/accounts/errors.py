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
