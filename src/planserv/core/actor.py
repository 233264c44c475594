"""Who acts: a user through one organisation membership, or a job run (STYLE.md principle 5)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from planserv.core.errors import Forbidden
from planserv.core.types import OrganisationKind, Role, role_holds


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    email: str
    organisation_id: int | None
    organisation_kind: str | None
    organisation_name: str
    role: str | None
    membership_id: int | None = None
    request_id: str = ""
    job_run_id: int | None = None
    on_behalf_reason: str = ""
    organisation_country: str = ""
    # Set while a support user acts for an organisation (accounts/acting.py): the session and the
    # support user's own role, which the audit records instead of the borrowed one.
    acting_session_id: int | None = None
    support_role: str = ""
    # The portal session passed the second factor, or the API token was created from one that
    # did (R-PPL-3; accounts/second_factor.py).
    second_factor: bool = False

    @classmethod
    def system(cls, *, label: str = "system", job_run_id: int | None = None) -> Actor:
        return cls(
            user_id=None,
            email=label,
            organisation_id=None,
            organisation_kind=OrganisationKind.OPERATOR,
            organisation_name="planserv",
            role=None,
            job_run_id=job_run_id,
        )

    def with_request_id(self, request_id: str) -> Actor:
        return replace(self, request_id=request_id)

    @property
    def is_operator(self) -> bool:
        return self.organisation_kind == OrganisationKind.OPERATOR

    @property
    def is_partner(self) -> bool:
        return self.organisation_kind == OrganisationKind.PARTNER

    @property
    def is_customer(self) -> bool:
        return self.organisation_kind == OrganisationKind.CUSTOMER

    @property
    def is_system(self) -> bool:
        return self.user_id is None

    @property
    def is_acting_for(self) -> bool:
        """A support user acting for another organisation (accounts/acting.py)."""
        return self.acting_session_id is not None

    def has_role(self, *roles: str) -> bool:
        """Holds one of `roles`, itself or through a role that includes it (R-ROLE-3)."""
        return role_holds(self.role, *roles)

    def require_role(self, *roles: Role | str, action: str) -> None:
        """Raise Forbidden unless the acting membership holds one of `roles` (R-ROLE-1)."""
        if self.is_system or self.has_role(*roles):
            return
        names = ", ".join(str(role) for role in roles)
        raise Forbidden(
            _("Your role (%(role)s) may not %(action)s; it needs one of: %(names)s (R-ROLE-1).")
            % {"role": self.role, "action": action, "names": names},
            details={"required_roles": [str(role) for role in roles], "role": self.role},
        )

    def refuse_when_acting_for(self, *, action: str) -> None:
        """Raise Forbidden for support acting for an organisation: its people, roles, sign-in
        settings and payment details are its own to change (R-PPL-4)."""
        if self.is_acting_for:
            raise Forbidden(
                _(
                    "Support acting for an organisation may not %(action)s; only the organisation's "
                    "own members may (R-PPL-4)."
                )
                % {"action": action},
                details={"acting": True},
            )
