"""Operator data of the support capability, edited in the Django admin and audited there:
regional queues and their agents, the country → queue mapping (R-SUP-1), and the FAQ (R-SUP-4).
Support requests themselves are worked in the operator portal, not here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from planserv.audit.admin_mixins import AuditedModelAdmin
from planserv.core.types import OrganisationKind, Role
from planserv.support.models import FaqEntry, SupportCountryRoute, SupportQueue, SupportQueueAgent
from planserv.support.rendering import render_markdown


@admin.register(SupportQueue)
class SupportQueueAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "is_default", "description"]


@admin.register(SupportCountryRoute)
class SupportCountryRouteAdmin(AuditedModelAdmin):
    list_display = ["country", "country_name", "queue"]
    list_editable = ["queue"]
    list_filter = ["queue"]
    search_fields = ["country"]
    list_per_page = 300

    @admin.display(description="Country name")
    def country_name(self, obj: SupportCountryRoute) -> str:
        return str(obj.country.name)


@admin.register(SupportQueueAgent)
class SupportQueueAgentAdmin(AuditedModelAdmin):
    list_display = ["queue", "membership", "added_at"]
    list_filter = ["queue"]
    readonly_fields = ["added_at"]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        from planserv.core import clock

        if obj.added_at is None:
            obj.added_at = clock.now()
        super().save_model(request, obj, form, change)


class FaqEntryForm(forms.ModelForm):
    audience_kinds = forms.MultipleChoiceField(
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked to show the entry to every kind of organisation.",
    )
    audience_roles = forms.MultipleChoiceField(
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked to show the entry to every role.",
    )

    class Meta:
        model = FaqEntry
        fields = [
            "question",
            "answer_markdown",
            "audience_kinds",
            "audience_roles",
            "order",
            "published",
        ]


@admin.register(FaqEntry)
class FaqEntryAdmin(AuditedModelAdmin):
    form = FaqEntryForm
    list_display = ["question", "order", "published", "audience"]
    list_editable = ["order", "published"]
    readonly_fields = ["preview"]

    @admin.display(description="Shown to")
    def audience(self, obj: FaqEntry) -> str:
        kinds = ", ".join(obj.audience_kinds) or "every organisation kind"
        roles = ", ".join(obj.audience_roles) or "every role"
        return f"{kinds}; {roles}"

    @admin.display(description="Preview (as readers see it)")
    def preview(self, obj: FaqEntry) -> SafeString:
        # render_markdown returns nh3-sanitised HTML (R-SUP-4); format_html keeps it as is.
        return format_html(
            "<div class='faq-preview'>{}</div>", render_markdown(obj.answer_markdown)
        )
