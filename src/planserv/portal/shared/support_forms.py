"""Forms of the support pages: shape only; the services decide (files are checked there)."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planserv.support.attachments import MAX_ATTACHMENTS_PER_MESSAGE
from planserv.support.lifecycle import SupportStatus
from planserv.support.models import SupportCategory
from planserv.support.validation import BODY_MAX, REFERENCE_MAX, SUBJECT_MAX


def _attachment_help() -> str:
    return _("Up to %(count)s files: PDF, PNG, JPEG, DOCX, XLSX or TXT, at most 10 MB each.") % {
        "count": MAX_ATTACHMENTS_PER_MESSAGE
    }


# In the reader's language, when a page shows it.
ATTACHMENT_HELP = lazy(_attachment_help, str)()


class SupportRequestForm(forms.Form):
    subject = forms.CharField(max_length=SUBJECT_MAX, min_length=3, label=gettext_lazy("Subject"))
    category = forms.ChoiceField(choices=SupportCategory.choices, label=gettext_lazy("Category"))
    voucher_id = forms.CharField(
        max_length=REFERENCE_MAX,
        required=False,
        label=gettext_lazy("Related voucher id"),
        help_text=gettext_lazy("Optional: the voucher this is about."),
    )
    payment_request_id = forms.CharField(
        max_length=REFERENCE_MAX,
        required=False,
        label=gettext_lazy("Related payment request id"),
        help_text=gettext_lazy("Optional: the payment request this is about."),
    )
    message = forms.CharField(
        max_length=BODY_MAX, label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 8})
    )


class SupportReplyForm(forms.Form):
    body = forms.CharField(
        max_length=BODY_MAX,
        label=gettext_lazy("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class SupportAgentReplyForm(SupportReplyForm):
    then_status = forms.ChoiceField(
        choices=SupportStatus.choices,
        initial=SupportStatus.WAITING_ON_REQUESTER,
        required=False,
        label=gettext_lazy("Then set the status to"),
    )


class SupportStatusForm(forms.Form):
    status = forms.ChoiceField(choices=SupportStatus.choices, label=gettext_lazy("Status"))
