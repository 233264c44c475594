"""Support requests routed to regional queues, and the FAQ operators edit (docs/support.md).

Queues, the country → queue mapping, queue agents and FAQ entries are operator data (Django admin,
seeded by migration 0002). Requests, messages and attachments are written only by services.py.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from planserv.accounts.models import Membership, Organisation, User
from planserv.core.types import OrganisationKind, Role
from planserv.support.lifecycle import SupportStatus


class SupportQueue(models.Model):
    """A regional support team (the notice's 'EMEA Partner Support', 'General Partner Support')."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    is_default = models.BooleanField(
        default=False, help_text="Receives requests from countries without a route (exactly one)."
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="support_queue_one_default",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SupportCountryRoute(models.Model):
    """R-SUP-1: requests from an organisation in `country` go to `queue`."""

    country = CountryField(unique=True)
    queue = models.ForeignKey(SupportQueue, on_delete=models.PROTECT, related_name="routes")

    class Meta:
        ordering = ["country"]
        verbose_name = "country route"

    def __str__(self) -> str:
        return f"{self.country.name} → {self.queue}"


class SupportQueueAgent(models.Model):
    """An operator support login working a queue; an agent may work several queues."""

    queue = models.ForeignKey(SupportQueue, on_delete=models.CASCADE, related_name="agents")
    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="support_queues",
        limit_choices_to={"organisation__kind": OrganisationKind.OPERATOR, "role": Role.SUPPORT},
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["queue__name", "membership__user__email", "id"]
        verbose_name = "queue agent"
        constraints = [
            models.UniqueConstraint(fields=["queue", "membership"], name="support_agent_unique")
        ]

    def __str__(self) -> str:
        return f"{self.membership.user.email} in {self.queue}"


class SupportCategory(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Eligibility and enrollment")
    PROFILE = "profile", _("Business profile")
    VOUCHERS = "vouchers", _("Vouchers: create, assign, reserve")
    ENGAGEMENT = "engagement", _("Engagement and completion report")
    REDEMPTION = "redemption", _("Redemption")
    PAYMENT = "payment", _("Payment requests")
    RETIREMENT = "retirement", _("Program retirement")
    ACCESS = "access", _("Portal access and accounts")
    OTHER = "other", _("Something else")


class SupportRequest(models.Model):
    """A question from a partner or customer organisation, worked in its regional queue."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="support_requests"
    )
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    queue = models.ForeignKey(SupportQueue, on_delete=models.PROTECT, related_name="requests")
    country = CountryField(help_text="The organisation's country when opened (why it was routed).")
    subject = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=SupportCategory.choices)
    voucher_reference = models.CharField(
        max_length=40, blank=True, help_text="Free reference for now; validated later."
    )
    payment_request_reference = models.CharField(
        max_length=40, blank=True, help_text="Free reference for now; validated later."
    )
    status = models.CharField(
        max_length=24, choices=SupportStatus.choices, default=SupportStatus.OPEN
    )
    opened_at = models.DateTimeField()
    opened_on = models.DateField(help_text="Program date it was opened.")
    first_response_at = models.DateTimeField(null=True, blank=True)
    last_requester_message_at = models.DateTimeField()
    last_support_message_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["organisation", "id"], name="support_req_org_idx"),
            models.Index(fields=["queue", "status", "id"], name="support_req_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SupportStatus.values),
                name="support_request_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=SupportCategory.values),
                name="support_request_category_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=SupportStatus.RESOLVED, resolved_at__isnull=False)
                    | (
                        ~models.Q(status=SupportStatus.RESOLVED)
                        & models.Q(resolved_at__isnull=True)
                    )
                ),
                name="support_request_resolved_at_iff_resolved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    @property
    def reference(self) -> str:
        return f"SR-{self.pk:06d}" if self.pk else "SR-new"


class MessageSide(models.TextChoices):
    REQUESTER = "requester", _("Requester")
    SUPPORT = "support", _("Support")


class SupportMessage(models.Model):
    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10, choices=MessageSide.choices)
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["support_request", "id"], name="support_msg_req_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=MessageSide.values), name="support_message_side_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.side} message on {self.support_request_id}"


class SupportAttachment(models.Model):
    """A checked file (R-SUP-3) stored under a generated name in the default storage."""

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        SupportMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    original_name = models.CharField(max_length=150)
    stored_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class FaqEntry(models.Model):
    """A question and its markdown answer, shown to the organisation kinds and roles chosen."""

    question = models.CharField(max_length=300)
    answer_markdown = models.TextField(
        help_text="Markdown. Raw HTML is shown as text; links may use http, https or mailto."
    )
    audience_kinds = models.JSONField(
        default=list, blank=True, help_text="Organisation kinds that see it; empty = every kind."
    )
    audience_roles = models.JSONField(
        default=list, blank=True, help_text="Roles that see it; empty = every role."
    )
    order = models.PositiveIntegerField(default=100)
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return self.question
