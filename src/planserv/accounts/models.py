"""Users (email login), organisations of three kinds, memberships with one role each, API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planserv.core.types import OrganisationKind, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May open the operator admin.")
    date_joined = models.DateTimeField(auto_now_add=True)
    # Preferences (docs/i18n.md): a code of settings.LANGUAGES, or "" for the browser's language
    # (Accept-Language, else English); an IANA zone for timestamps, or "" for the program's zone.
    language = models.CharField(max_length=12, blank=True, default="", db_default="")
    time_zone = models.CharField(max_length=64, blank=True, default="", db_default="")

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    def __str__(self) -> str:
        return self.email


class Organisation(models.Model):
    """A tenant: the operator, a partner firm or a customer (R-ROLE-1)."""

    kind = models.CharField(max_length=16, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    country = CountryField()
    public_id = models.CharField(
        max_length=32, unique=True, help_text="Partner id or customer number; never reused."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        # The operator's firm and customer lists (by kind, by name): a page of 50 from the index
        # (PERF-7). On PostgreSQL a trigram index serves name search (migration, pg_trgm).
        indexes = [models.Index(fields=["kind", "name", "id"], name="organisation_kind_name")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organisation; a user may hold several (R-ROLE-2)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for one membership; only a SHA-256 hash of the secret is stored."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognise it.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(
        help_text="Real time after which the token no longer authenticates (at most a year)."
    )
    second_factor = models.BooleanField(
        default=False, help_text="Created from a session that passed the second factor (R-PPL-3)."
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class ActingEndReason(models.TextChoices):
    STOPPED = "stopped", _("Stopped by the support user")
    LOGOUT = "logout", _("Logged out")
    EXPIRED = "expired", _("Time limit reached")


class SupportActingSession(models.Model):
    """A support user acting for a partner or customer organisation, with a recorded reason
    (domain.md section 1; docs/operator.md). Bound to one portal session and a time limit."""

    support_membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="acting_sessions"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="acted_for_sessions"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    reason = models.TextField()
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=10, choices=ActingEndReason.choices, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("started_at")),
                name="acting_session_expires_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.support_membership.user} acting for {self.organisation}"


class Invitation(models.Model):
    """An invitation to join an organisation with roles (R-PPL-1): a single-use link emailed to
    `email`, valid for 7 days; only a SHA-256 hash of its secret is stored. Pending while neither
    accepted nor revoked and before `expires_at`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=150, blank=True)
    roles = models.JSONField(help_text="The roles the person gets on accepting.")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "email"], name="invitation_org_email")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("sent_at")),
                name="invitation_expires_after_sending",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="invitation_accepted_or_revoked_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    def is_pending(self, at: Any) -> bool:
        return self.accepted_at is None and self.revoked_at is None and at < self.expires_at


class PasswordResetLink(models.Model):
    """A single-use password reset link (R-PPL-2), valid for an hour; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reset_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="reset_link_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"reset link for {self.user}"


class SingleSignOn(models.Model):
    """An organisation's OpenID Connect sign-in (R-PPL-2): its provider (e.g. Microsoft Entra ID,
    issuer https://login.microsoftonline.com/<tenant>/v2.0), this application's client id and
    secret there, and the email domains whose people sign in through it. With `required`, the
    organisation's members may not sign in with a password."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="single_sign_on"
    )
    issuer = models.URLField(max_length=300)
    client_id = models.CharField(max_length=200)
    client_secret = models.CharField(max_length=500)
    allowed_domains = models.JSONField(default=list, help_text="Lower-case email domains.")
    required = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Single sign-on of {self.organisation}"
